/**
 * `watercooler mcp --http` as a long-running process, reached over Streamable HTTP. Pins:
 * - DNS-rebinding protection: a foreign Host (or Origin) is refused with 403 before anything else;
 * - with a token, a request without it gets 401 + WWW-Authenticate: Bearer, a wrong one 401 with
 *   error="invalid_token", and the SDK client cannot connect; the right one works;
 * - it refuses to listen on a non-loopback address without a token (exit 2, says what to do);
 * - several sessions at once, each with its own identity from its clientInfo, sharing one store:
 *   one session's wait_for_ball returns when the other session passes it the ball;
 * - an unknown session id is a 404.
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { runBin, cleanEnv } from '../helpers/run-bin.js';
import { call, data, httpClient, httpServer, textOf, threadsDir } from './harness.js';

const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'raw', version: '1' },
  },
});

function post(
  url: string,
  headers: Record<string, string>,
  body = INIT,
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('Streamable HTTP', () => {
  it('refuses a foreign Host or Origin (DNS rebinding) before checking anything else', async () => {
    const server = await httpServer(threadsDir());
    const ok = await post(server.url, {});
    expect(ok.status).toBe(200);
    const foreign = await post(server.url, { host: `evil.example:${server.port}` });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toContain('evil.example');
    expect(foreign.body).toContain('is not allowed');
    const rebound = await post(server.url, { host: `localhost:${server.port + 1}` });
    expect(rebound.status).toBe(403);
    const origin = await post(server.url, { origin: 'http://evil.example' });
    expect(origin.status).toBe(403);
    expect((await post(server.url, { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('requires the bearer token when one is set', async () => {
    const server = await httpServer(threadsDir(), {
      env: { WATERCOOLER_HTTP_TOKEN: 's3cret-token' },
    });
    const missing = await post(server.url, {});
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="watercooler"');
    const wrong = await post(server.url, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    await expect(httpClient(server.url, { token: 'nope' })).rejects.toThrow();
    const client = await httpClient(server.url, { token: 's3cret-token', name: 'codex' });
    expect(data<{ agent: string }>(await call(client, 'watercooler_whoami')).agent).toBe(
      'Codex (tester)',
    );
    expect(server.stderr()).not.toContain('s3cret-token');
  });

  it('will not listen on a non-loopback address without a token', async () => {
    const res = await runBin(
      ['mcp', '--http', '--host', '0.0.0.0', '--port', '0', '--threads-dir', threadsDir()],
      { env: cleanEnv() },
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0 without a bearer token/);
    expect(res.stderr).toMatch(/--token|WATERCOOLER_HTTP_TOKEN/);
    expect(res.stdout).toBe('');
  });

  it('serves two sessions at once, each as its own agent, on one store', async () => {
    const dir = threadsDir();
    const server = await httpServer(dir);
    const alpha = await httpClient(server.url, { name: 'alpha-agent' });
    const beta = await httpClient(server.url, { name: 'beta-bot' });
    expect(data<{ agent: string }>(await call(alpha, 'watercooler_whoami')).agent).toBe(
      'Alpha Agent (tester)',
    );
    expect(data<{ agent: string }>(await call(beta, 'watercooler_whoami')).agent).toBe(
      'Beta Bot (tester)',
    );

    await call(alpha, 'watercooler_say', { topic: 'shared', title: 'Hello', body: 'From alpha.' });
    await call(beta, 'watercooler_say', { topic: 'shared', title: 'Hi', body: 'From beta.' });
    const handed = data<{ ball: string }>(
      await call(alpha, 'watercooler_say', { topic: 'shared', title: 'Over', body: 'Your move.' }),
    );
    expect(handed.ball).toBe('Beta Bot (tester)');

    // Alpha waits in its session while Beta writes in another.
    const waiting = call(alpha, 'watercooler_wait_for_ball', {
      topic: 'shared',
      timeout_seconds: 120,
    });
    const reply = data<{ ball: string }>(
      await call(beta, 'watercooler_say', { topic: 'shared', title: 'Done', body: 'Back to you.' }),
    );
    expect(reply.ball).toBe('Alpha Agent (tester)');
    expect(data<{ reason: string }>(await waiting).reason).toBe('ball');

    const read = await call(beta, 'watercooler_read_thread', { topic: 'shared', format: 'json' });
    expect(data<{ entries: { agent: string }[] }>(read).entries.map((e) => e.agent)).toEqual([
      'Alpha Agent (tester)',
      'Beta Bot (tester)',
      'Alpha Agent (tester)',
      'Beta Bot (tester)',
    ]);
    expect(textOf(await call(alpha, 'watercooler_read_thread', { topic: 'nope' }))).toMatch(
      /THREAD_NOT_FOUND/,
    );
  });

  it('answers an unknown session id with 404', async () => {
    const server = await httpServer(threadsDir());
    const res = await post(
      server.url,
      { 'mcp-session-id': 'not-a-session' },
      JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    );
    expect(res.status).toBe(404);
  });
});
