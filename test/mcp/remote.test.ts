/**
 * `watercooler mcp --http` run for a team on a shared host. Pins:
 * - `--host 0.0.0.0 --allowed-host NAME` is reached by NAME (the test maps NAME to 127.0.0.2):
 *   the SDK client works through it, a bare NAME allows any port (a reverse proxy on 443), and
 *   any other Host gets 403 naming --allowed-host; WATERCOOLER_ALLOWED_HOSTS does the same;
 *   a name no Host header can match (a URL, a space) is refused at start-up with exit 2;
 * - behind a reverse proxy that forwards the public Host, the SDK client works (SSE included),
 *   and when the network breaks it resumes its GET stream and gets what was sent meanwhile;
 * - idle sessions expire (logged; then 404 "Session not found"), a session with a
 *   request still open does not, and past --max-sessions an initialize gets 503 saying so;
 * - a JSON-RPC batch is refused with -32600 (HTTP and stdio), bad JSON with -32700;
 * - SSE streams start with a priming event carrying an id and `retry:`: POST response streams
 *   and the standalone GET stream; a GET resuming with that id as Last-Event-ID is replayed
 *   the notifications sent while no stream was open;
 * - without the token: 401 + WWW-Authenticate: Bearer and a body saying how to send it; OAuth
 *   discovery and registration paths are 404 with an OAuth error body (no token needed), so an
 *   OAuth-capable SDK client fails with that sentence instead of a parse error;
 * - the refusal to bind 0.0.0.0 without a token reaches the log intact (the redactor only
 *   hides credentials).
 */
import { spawn } from 'node:child_process';
import { type Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { WATERCOOLER_BIN, cleanEnv, runBin } from '../helpers/run-bin.js';
import {
  call,
  cli,
  data,
  fetchVia,
  httpClient,
  httpServer,
  rawRequest,
  threadsDir,
} from './harness.js';
import { sleep, until } from '../helpers/wait.js';

const TOKEN = 'team-token-0123456789';
const AUTH = { authorization: `Bearer ${TOKEN}` };

const init = (version = '2025-06-18') =>
  JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: version,
      capabilities: {},
      clientInfo: { name: 'raw', version: '1' },
    },
  });

describe('remote mode: --host 0.0.0.0 --allowed-host NAME', () => {
  it('is reached by that name, with the SDK client and raw requests', async () => {
    const server = await httpServer(threadsDir(), {
      args: ['--host', '0.0.0.0', '--allowed-host', 'team-box.test'],
      env: { WATERCOOLER_HTTP_TOKEN: TOKEN },
    });
    const url = `http://team-box.test:${server.port}/mcp`;
    const client = await httpClient(url, {
      token: TOKEN,
      name: 'codex',
      fetch: fetchVia('127.0.0.2'),
    });
    await call(client, 'watercooler_say', { topic: 'remote', title: 'Hi', body: 'Over the LAN.' });
    expect(data<{ agent: string }>(await call(client, 'watercooler_whoami')).agent).toBe(
      'Codex (tester)',
    );

    // A bare name allows any port: a reverse proxy on 443 forwards "Host: team-box.test".
    const proxied = await rawRequest(url, {
      address: '127.0.0.2',
      headers: { ...AUTH, host: 'team-box.test' },
      body: init(),
    });
    expect(proxied.status).toBe(200);
    const other = await rawRequest(`http://other-box.test:${server.port}/mcp`, {
      address: '127.0.0.2',
      headers: AUTH,
      body: init(),
    });
    expect(other.status).toBe(403);
    expect(other.body).toContain('other-box.test');
    expect(other.body).toContain('--allowed-host');
  });

  it('takes the names from WATERCOOLER_ALLOWED_HOSTS too, and says so when none is given', async () => {
    const server = await httpServer(threadsDir(), {
      args: ['--host', '0.0.0.0'],
      env: { WATERCOOLER_HTTP_TOKEN: TOKEN, WATERCOOLER_ALLOWED_HOSTS: 'a.test, b.test:8443' },
    });
    const at = (host: string) =>
      rawRequest(`http://127.0.0.3:${server.port}/mcp`, {
        headers: { ...AUTH, host },
        body: init(),
      });
    expect((await at(`a.test:${server.port}`)).status).toBe(200);
    expect((await at('b.test:8443')).status).toBe(200);
    expect((await at(`b.test:${server.port}`)).status).toBe(403);
    const bare = await httpServer(threadsDir(), {
      args: ['--host', '0.0.0.0'],
      env: { WATERCOOLER_HTTP_TOKEN: TOKEN },
    });
    await until(() => /--allowed-host NAME/.test(bare.stderr()), 15_000, 'the warning');
  });
});

describe('an allowed host that no Host header can match', () => {
  it('is refused at start-up, naming the host name to pass instead', async () => {
    const flag = await runBin(
      ['mcp', '--http', '--port', '0', '--threads-dir', threadsDir()].concat([
        '--allowed-host',
        'https://team-box.test:8443/mcp',
      ]),
      { env: cleanEnv() },
    );
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('"https://team-box.test:8443/mcp"');
    expect(flag.stderr).toMatch(/without scheme or path: team-box\.test:8443,/);
    expect(flag.stderr).not.toContain('listening');
    const env = await runBin(['mcp', '--http', '--port', '0', '--threads-dir', threadsDir()], {
      env: cleanEnv({ WATERCOOLER_ALLOWED_HOSTS: 'a.test, b test' }),
    });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/"b test" \(from --allowed-host or WATERCOOLER_ALLOWED_HOSTS\)/);
  });
});

interface Proxy {
  url: string;
  /** GET streams open through the proxy. */
  streams(): number;
  /** Drops every connection on both sides, as a network blip or a proxy restart does. */
  cut(): void;
  /** Holds new requests (the network is still down) until `release`. */
  hold(): void;
  release(): void;
}

/** A reverse proxy as nginx with `proxy_set_header Host $host` runs one: the public Host goes on. */
async function reverseProxy(target: number, publicHost: string): Promise<Proxy> {
  let held: (() => void)[] | null = null;
  let streams = 0;
  const proxy: Server = createServer((req, res) => {
    const forward = () => {
      const upstream = request(
        {
          host: '127.0.0.1',
          port: target,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: publicHost, 'x-forwarded-proto': 'https' },
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          if (req.method === 'GET' && up.statusCode === 200) {
            streams++;
            res.once('close', () => streams--);
          }
          up.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      res.once('close', () => upstream.destroy());
      req.pipe(upstream);
    };
    if (held === null) forward();
    else held.push(forward);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise((r) => proxy.close(r));
  });
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/mcp`,
    streams: () => streams,
    cut: () => proxy.closeAllConnections(),
    hold: () => {
      held ??= [];
    },
    release: () => {
      const waiting = held ?? [];
      held = null;
      for (const forward of waiting) forward();
    },
  };
}

/**
 * A second client subscribed to the thread list, after the one under test (the server tells
 * subscribers in that order): `change` writes a new thread from another process and resolves
 * once the witness has been told, so the server has announced it to the one under test too.
 */
async function witness(
  url: string,
  dir: string,
): Promise<{ change(topic: string): Promise<void> }> {
  const client = await httpClient(url, { name: 'witness' });
  const seen: string[] = [];
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
    seen.push(n.params.uri);
  });
  await client.subscribeResource({ uri: 'watercooler://threads' });
  return {
    change: async (topic) => {
      const before = seen.length;
      const said = await cli(dir, [
        'say',
        topic,
        '--agent',
        'Codex',
        '--title',
        'Hi',
        '--body',
        'x',
      ]);
      expect(said.code, said.stderr).toBe(0);
      await until(() => seen.length > before, 15_000, "the witness's update");
    },
  };
}

describe('behind a reverse proxy', () => {
  it('serves the SDK client through a proxy that forwards the public Host', async () => {
    const server = await httpServer(threadsDir(), {
      args: ['--allowed-host', 'threads.team.test'],
    });
    const proxy = await reverseProxy(server.port, 'threads.team.test');
    const client = await httpClient(proxy.url, { name: 'claude-code' });
    const waiting = call(client, 'watercooler_wait_for_ball', {
      topic: 'proxied',
      timeout_seconds: 1,
    });
    expect(data<{ reason: string }>(await waiting).reason).toBe('timeout');
    const direct = await rawRequest(server.url, {
      headers: { host: 'elsewhere.test' },
      body: init(),
    });
    expect(direct.status).toBe(403);
  });

  it('lets the SDK client resume its GET stream after the network broke, missing nothing', async () => {
    const dir = threadsDir();
    const server = await httpServer(dir, { args: ['--allowed-host', 'threads.team.test'] });
    const proxy = await reverseProxy(server.port, 'threads.team.test');
    const client = await httpClient(proxy.url, { name: 'claude-code' });
    const missed: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      missed.push(n.params.uri);
    });
    await client.subscribeResource({ uri: 'watercooler://threads' });
    const others = await witness(server.url, dir);
    await until(() => proxy.streams() === 1, 15_000, "the client's GET stream");

    proxy.hold();
    proxy.cut();
    await others.change('meanwhile');
    expect(missed).toEqual([]);
    proxy.release(); // the client's reconnect (after the primed retry:) goes through
    await until(
      () => missed.includes('watercooler://threads'),
      15_000,
      'the update sent meanwhile',
    );
  });
});

describe('sessions', () => {
  it('expire when idle; a new initialize works, and an open request keeps its session', async () => {
    const server = await httpServer(threadsDir(), { args: ['--session-idle', '1'] });
    const first = await rawRequest(server.url, { body: init() });
    const sid = String(first.headers['mcp-session-id']);
    const ping = (id: string) =>
      rawRequest(server.url, {
        headers: { 'mcp-session-id': id, 'mcp-protocol-version': '2025-06-18' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
      });
    expect((await ping(sid)).status).toBe(200);
    // Observed in the log: a ping would itself keep the session alive.
    await until(() => /closed 1 HTTP session idle/.test(server.stderr()), 30_000, 'expiry');
    const gone = await ping(sid);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatch(/Session not found.*initialize a new one/);

    const client = await httpClient(server.url, { name: 'waiter' });
    const waited = await call(client, 'watercooler_wait_for_ball', {
      topic: 'slow',
      timeout_seconds: 3,
    });
    expect(data<{ reason: string }>(waited).reason).toBe('timeout'); // outlived the idle time
    expect(data<{ agent: string }>(await call(client, 'watercooler_whoami')).agent).toBe(
      'Waiter (tester)',
    );
  });

  it('refuses a session past --max-sessions with a 503 that says why, until one expires', async () => {
    const server = await httpServer(threadsDir(), {
      args: ['--max-sessions', '2', '--session-idle', '2'],
    });
    expect((await rawRequest(server.url, { body: init() })).status).toBe(200);
    expect((await rawRequest(server.url, { body: init() })).status).toBe(200);
    const third = await rawRequest(server.url, { body: init() });
    expect(third.status).toBe(503);
    expect(third.body).toMatch(/Too many sessions.*at most 2.*--max-sessions/);
    expect(third.headers['retry-after']).toBeDefined();
    await until(
      async () => (await rawRequest(server.url, { body: init() })).status === 200,
      30_000,
      'a slot after expiry',
    );
  });
});

describe('JSON-RPC framing', () => {
  it('refuses a batch with -32600 over HTTP, and bad JSON with -32700', async () => {
    const server = await httpServer(threadsDir());
    const batch = await rawRequest(server.url, { body: `[${init()}]` });
    expect(batch.status).toBe(400);
    const error = (JSON.parse(batch.body) as { error: { code: number; message: string } }).error;
    expect(error.code).toBe(-32600);
    expect(error.message).toMatch(/batches are not supported/);
    const bad = await rawRequest(server.url, { body: '{"jsonrpc":' });
    expect((JSON.parse(bad.body) as { error: { code: number } }).error.code).toBe(-32700);
  });

  it('answers a batch over stdio with one -32600 error and keeps serving', async () => {
    const proc = spawn(process.execPath, [WATERCOOLER_BIN, 'mcp', '--threads-dir', threadsDir()], {
      env: cleanEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stdin.write(`[${init()}]\n`);
    await until(() => out.includes('\n'), 15_000, 'the batch answer');
    const answer = JSON.parse(out.split('\n')[0] ?? '') as { id: unknown; error: { code: number } };
    expect(answer).toMatchObject({ id: null, error: { code: -32600 } });
    proc.stdin.write(`${init()}\n`);
    await until(() => out.includes('"serverInfo"'), 15_000, 'the initialize answer');
    proc.stdin.end();
    await new Promise((r) => proc.once('exit', r));
  });
});

describe('SSE', () => {
  it('primes each request stream with an event id and retry', async () => {
    const server = await httpServer(threadsDir());
    const first = await rawRequest(server.url, {
      body: init('2025-11-25'),
      until: (b) => b.includes('"result"'),
    });
    expect(first.headers['content-type']).toMatch(/text\/event-stream/);
    expect(first.body).toMatch(/^id: \S+\nretry: \d+\ndata: \n\n/);
    const sid = String(first.headers['mcp-session-id']);
    const tools = await rawRequest(server.url, {
      headers: { 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
      until: (b) => b.includes('"result"'),
    });
    expect(tools.body).toMatch(/^id: \S+\nretry: \d+\ndata: \n\n/);
  });

  it('primes the standalone GET stream too, and replays to it what was sent while it was away', async () => {
    const dir = threadsDir();
    const server = await httpServer(dir);
    const first = await rawRequest(server.url, {
      body: init('2025-11-25'),
      until: (b) => b.includes('"result"'),
    });
    const session = {
      'mcp-session-id': String(first.headers['mcp-session-id']),
      'mcp-protocol-version': '2025-11-25',
    };
    const post = (body: object) =>
      rawRequest(server.url, {
        headers: session,
        body: JSON.stringify({ jsonrpc: '2.0', ...body }),
        until: (b) => b.includes('"result"'),
      });
    const listen = (headers: Record<string, string>, until: (b: string) => boolean) =>
      rawRequest(server.url, {
        method: 'GET',
        headers: { ...session, accept: 'text/event-stream', ...headers },
        until,
      });
    await post({ method: 'notifications/initialized' });

    const stream = await listen({}, (b) => b.includes('\n\n'));
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toMatch(/text\/event-stream/);
    const primed = /^id: (\S+)\nretry: 2000\ndata: \n\n$/.exec(stream.body);
    expect(primed, stream.body).not.toBeNull();

    // The stream is gone (rawRequest hung up); the session subscribes to the thread list, and a
    // second client subscribed after it shows when the server has announced a change to both.
    await post({ id: 2, method: 'resources/subscribe', params: { uri: 'watercooler://threads' } });
    await (await witness(server.url, dir)).change('away');

    const resumed = await listen({ 'last-event-id': primed?.[1] ?? '' }, (b) =>
      b.includes('notifications/resources/updated'),
    );
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatch(
      /^event: message\nid: \S+\ndata: \{[^\n]*"method":"notifications\/resources\/updated"[^\n]*"uri":"watercooler:\/\/threads"/,
    );
  });
});

/** What an OAuth-capable client (Claude Code) brings: it tries discovery on a 401. */
const oauthProvider = (): OAuthClientProvider => ({
  redirectUrl: 'http://127.0.0.1:1/callback',
  clientMetadata: { redirect_uris: ['http://127.0.0.1:1/callback'], client_name: 'test' },
  clientInformation: () => undefined,
  saveClientInformation: () => {},
  tokens: () => undefined,
  saveTokens: () => {},
  redirectToAuthorization: () => {},
  saveCodeVerifier: () => {},
  codeVerifier: () => 'verifier',
});

describe('401 without the token', () => {
  it('says how to send the token, and serves no OAuth discovery', async () => {
    const server = await httpServer(threadsDir(), { env: { WATERCOOLER_HTTP_TOKEN: TOKEN } });
    const missing = await rawRequest(server.url, { body: init() });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="watercooler"');
    expect(missing.body).toMatch(/bearer token is required.*Authorization: Bearer <token>/);

    const origin = new URL(server.url).origin;
    for (const path of [
      '/.well-known/oauth-protected-resource/mcp',
      '/.well-known/oauth-protected-resource',
      '/.well-known/oauth-authorization-server',
      '/.well-known/openid-configuration',
      '/register',
    ]) {
      const res = await rawRequest(`${origin}${path}`, {
        method: path === '/register' ? 'POST' : 'GET',
        body: path === '/register' ? '{}' : undefined,
      });
      expect(res.status, path).toBe(404);
      expect(JSON.parse(res.body), path).toMatchObject({ error: 'invalid_request' });
    }

    const client = new Client({ name: 'claude-code', version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL(server.url), {
      authProvider: oauthProvider(),
    });
    const failure = await client.connect(transport).then(
      () => null,
      (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
    );
    await client.close().catch(() => {});
    expect(failure?.message).toMatch(/bearer token, not OAuth/);
    expect(failure?.message).not.toMatch(/ZodError|invalid_type|Raw body/);
    await sleep(0);
  });
});

describe('the log', () => {
  it('keeps the refusal to bind 0.0.0.0 without a token readable', async () => {
    const res = await runBin(
      ['mcp', '--http', '--host', '0.0.0.0', '--port', '0', '--threads-dir', threadsDir()],
      { env: cleanEnv() },
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      'clients then send "Authorization: Bearer <token>". Or listen on 127.0.0.1.',
    );
  });
});
