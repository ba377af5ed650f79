/**
 * Abandoned HTTP sessions cost memory only until they expire. Pins:
 * - 1,000 sessions initialized and abandoned (no DELETE) are all closed once idle, and the
 *   server's RSS then comes back within 50 MB of its idle RSS.
 * The numbers themselves (idle, peak, after) are `npm run bench` rows; this only bounds them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { httpServer, rawRequest, sleep, threadsDir, until } from './harness.js';

const SESSIONS = 1000;

const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'abandoned', version: '1' },
  },
});

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

/** How many sessions the server has logged as closed for idleness. */
function closed(stderr: string): number {
  let n = 0;
  for (const m of stderr.matchAll(/closed (\d+) HTTP sessions? idle/g)) n += Number(m[1]);
  return n;
}

describe('abandoned sessions', () => {
  it('leave RSS within 50 MB of idle once they expire', { timeout: 240_000 }, async () => {
    const server = await httpServer(threadsDir(), {
      args: ['--session-idle', '2', '--max-sessions', '5000'],
    });
    const pid = server.proc.pid ?? 0;
    const open = async () => {
      const res = await rawRequest(server.url, {
        body: INIT,
        until: (b) => b.includes('"result"'),
      });
      expect(res.status).toBe(200);
    };
    await open(); // the first session loads the SDK's code paths: part of "idle"
    await until(() => closed(server.stderr()) >= 1, 60_000, 'the first session to expire');
    await sleep(500);
    const idle = rssMb(pid);

    for (let i = 0; i < SESSIONS; i += 10) await Promise.all(Array.from({ length: 10 }, open));
    const peak = rssMb(pid);
    await until(() => closed(server.stderr()) >= SESSIONS + 1, 120_000, 'every session to expire');
    await until(() => rssMb(pid) <= idle + 50, 60_000, `RSS near idle (${idle.toFixed(0)} MB)`);
    expect(rssMb(pid) - idle, `idle ${idle} MB, peak ${peak} MB`).toBeLessThanOrEqual(50);
  });
});
