/**
 * HTTP sessions as a client opens them and then vanishes, for the memory test and `npm run
 * bench -- mcp` (no vitest here): initialize, the initialized notification, tools/list, and the
 * standalone GET stream held open until the client "goes away".
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';

export interface OpenSession {
  id: string;
  /** The client disappears: its GET stream drops, and nothing closes the session. */
  hangUp(): void;
}

const PROTOCOL = '2025-11-25';

/** One request; resolves with the head and the body once `enough` holds (or the body ends). */
function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  enough: (body: string) => boolean = () => false,
): Promise<{ status: number; session: string; body: string; hangUp: () => void }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      const done = () =>
        resolve({
          status: res.statusCode ?? 0,
          session: String(res.headers['mcp-session-id'] ?? ''),
          body: text,
          hangUp: () => req.destroy(),
        });
      res.on('data', (d: Buffer) => {
        text += d.toString();
        if (enough(text)) done();
      });
      res.on('end', done);
      res.on('error', () => {}); // a hang-up of ours
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function openSession(url: string): Promise<OpenSession> {
  const json = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  const init = await send(
    url,
    'POST',
    json,
    JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: PROTOCOL,
        capabilities: {},
        clientInfo: { name: 'abandoned', version: '1' },
      },
    }),
  );
  if (init.status !== 200) throw new Error(`initialize answered ${init.status}: ${init.body}`);
  const session = { ...json, 'mcp-session-id': init.session, 'mcp-protocol-version': PROTOCOL };
  const post = (message: object) =>
    send(url, 'POST', session, JSON.stringify({ jsonrpc: '2.0', ...message }));
  await post({ method: 'notifications/initialized' });
  const tools = await post({ id: 2, method: 'tools/list' });
  if (!tools.body.includes('watercooler_say')) throw new Error(`tools/list: ${tools.body}`);
  const stream = await send(
    url,
    'GET',
    { ...session, accept: 'text/event-stream' },
    undefined,
    (b) => b.includes('\n\n'),
  );
  if (stream.status !== 200) throw new Error(`the GET stream answered ${stream.status}`);
  return { id: init.session, hangUp: stream.hangUp };
}

/** How many sessions the server has logged as closed for idleness. */
export function closedSessions(stderr: string): number {
  let n = 0;
  for (const m of stderr.matchAll(/closed (\d+) HTTP sessions? idle/g)) n += Number(m[1]);
  return n;
}

/** Resident memory of a process, in MB. */
export function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}
