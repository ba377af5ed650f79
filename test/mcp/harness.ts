/**
 * Harness for the MCP tests: the built `watercooler mcp` spawned as clients spawn it (stdio) or
 * as a long-running HTTP server, SDK clients connected to it, and the CLI as "another process".
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { afterAll } from 'vitest';
import { type BinResult, WATERCOOLER_BIN, cleanEnv, runBin } from '../helpers/run-bin.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** A fresh threads folder, removed after the file's tests. */
export function threadsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wc-mcp-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface Connected {
  client: Client;
  stderr: () => string;
  close: () => Promise<void>;
}

/** Spawns `watercooler mcp --threads-dir DIR` over stdio and connects an SDK client to it. */
export async function stdioClient(
  dir: string,
  options: {
    name?: string;
    args?: string[];
    env?: Record<string, string>;
    capabilities?: ClientCapabilities;
    /** Store flags instead of `--threads-dir DIR` (e.g. `--git URL --clone-dir D`). */
    store?: string[];
  } = {},
): Promise<Connected> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [
      WATERCOOLER_BIN,
      'mcp',
      ...(options.store ?? ['--threads-dir', dir]),
      '--poll-interval',
      '100',
      ...(options.args ?? []),
    ],
    env: cleanEnv(options.env),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new Client(
    { name: options.name ?? 'test-client', version: '1.0.0' },
    { capabilities: options.capabilities ?? {} },
  );
  await client.connect(transport);
  const close = async () => {
    await client.close().catch(() => {});
  };
  cleanups.push(close);
  return { client, stderr: () => stderr, close };
}

export interface HttpServer {
  url: string;
  port: number;
  proc: ChildProcess;
  stderr: () => string;
  stop: () => Promise<void>;
}

/** Starts `watercooler mcp --http --port 0` and waits for the line naming its URL. */
export async function httpServer(
  dir: string,
  options: { args?: string[]; env?: Record<string, string> } = {},
): Promise<HttpServer> {
  const proc = spawn(
    process.execPath,
    [
      WATERCOOLER_BIN,
      'mcp',
      '--threads-dir',
      dir,
      '--http',
      '--port',
      '0',
      '--poll-interval',
      '100',
      ...(options.args ?? []),
    ],
    { env: cleanEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  let stdout = '';
  proc.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  };
  cleanups.push(stop);
  if (stdout !== '') throw new Error(`the HTTP server wrote to stdout: ${stdout}`);
  return { url, port: Number(new URL(url).port), proc, stderr: () => stderr, stop };
}

/** An SDK client over Streamable HTTP. */
export async function httpClient(
  url: string,
  options: {
    name?: string;
    token?: string;
    capabilities?: ClientCapabilities;
    /** A `fetch` of the test's own (e.g. fetchVia: reach the server by a name). */
    fetch?: typeof fetch;
  } = {},
): Promise<Client> {
  const headers: Record<string, string> =
    options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers },
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const client = new Client(
    { name: options.name ?? 'http-client', version: '1.0.0' },
    { capabilities: options.capabilities ?? {} },
  );
  await client.connect(transport);
  cleanups.push(async () => {
    await transport.terminateSession().catch(() => {});
    await client.close().catch(() => {});
  });
  return client;
}

/** The CLI, run as a separate process against the same folder. */
export function cli(
  dir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<BinResult> {
  return runBin([...args, '--threads-dir', dir], { env: cleanEnv(env) });
}

/** Calls a tool and returns its result typed as a CallToolResult. */
export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The text of a result's first content block. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === 'text' ? first.text : '';
}

/** Structured content, typed by the caller. */
export function data<T = Record<string, unknown>>(result: CallToolResult): T {
  if (result.isError === true) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Answers every name with `address` (a 127.x address): "reach the server by that name". */
function lookupAs(address: string): LookupFunction {
  return (_host, options, callback) => {
    if (options.all === true) callback(null, [{ address, family: 4 }]);
    else callback(null, address, 4);
  };
}

/**
 * One raw HTTP request (no SDK): for status codes, headers and bodies the SDK hides. `address`
 * sends it to that loopback address whatever the URL's name (the Host header keeps the name).
 */
export function rawRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    address?: string;
    /** Resolve once this much of the body has arrived (SSE streams never end on their own). */
    until?: (body: string) => boolean;
  } = {},
): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
        method: options.method ?? 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...options.headers,
        },
        ...(options.address === undefined ? {} : { lookup: lookupAs(options.address) }),
      },
      (res) => {
        let body = '';
        const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        res.on('data', (d: Buffer) => {
          body += d.toString();
          if (options.until?.(body) === true) {
            done();
            req.destroy();
          }
        });
        res.on('end', done);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * A `fetch` for the SDK's HTTP client transport that sends every request to `address` (a
 * 127.x address) whatever name the URL has: the client reaches the server "by that name".
 */
export function fetchVia(address: string): typeof fetch {
  return (input, init) =>
    new Promise((resolve, reject) => {
      const u = new URL(input instanceof Request ? input.url : String(input));
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      const req = request(
        {
          hostname: u.hostname,
          port: u.port,
          path: `${u.pathname}${u.search}`,
          method: init?.method ?? 'GET',
          headers,
          lookup: lookupAs(address),
        },
        (res) => {
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
          const status = res.statusCode ?? 0;
          const empty = status === 204 || status === 304;
          resolve(
            new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
              status,
              headers: out,
            }),
          );
        },
      );
      init?.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')));
      req.on('error', reject);
      req.end(typeof init?.body === 'string' ? init.body : undefined);
    });
}
