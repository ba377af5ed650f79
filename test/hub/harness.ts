/**
 * Harness for the hub tests: the fake GitHub over HTTP, the hub bundle in workerd (miniflare,
 * through the same `startHub` as `npm run hub:dev`), the self-hosted single writer (the built
 * `watercooler mcp --http --github`), and MCP SDK clients over Streamable HTTP.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { newEntryId } from '../../core/index.js';
import { type HubDev, type HubDevOptions, startHub } from '../../hub/dev.js';
import { buildHubAside } from '../../hub/build.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { WATERCOOLER_BIN, cleanEnv } from '../helpers/run-bin.js';

export const REPO = 'acme/threads';
export const HUB_TOKEN = 'ghp_hubWriteTokenForTheTests0000000001';

/** Static bearer tokens of the hub (WATERCOOLER_HUB_TOKENS), by login. */
export function bearer(login: string): string {
  return `hub-${login}-${'0'.repeat(24)}`;
}

let built: Promise<string> | null = null;

/**
 * The hub bundle (worker.js): the test run's own (global-setup.ts), or, in the bench, one built
 * on first use into a temporary folder removed at exit.
 */
function bundle(): Promise<string> {
  built ??= (async () => {
    if (process.env.VITEST !== undefined) return (await import('vitest')).inject('hubBundle');
    const { bundle, remove } = await buildHubAside();
    process.once('exit', remove);
    return bundle;
  })();
  return built;
}

export interface HubWorld {
  fake: FakeGitHub;
  /** The bundle the hub runs, for a second hub beside it. */
  bundle: string;
  hub: HubDev;
  mcp: string;
  /** Stops the hub (as a deploy or a crash would) and starts it again on the same port and state. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A repository with a threads folder, the fake GitHub serving it and a hub in front of it. */
export async function startWorld(
  logins: string[],
  extra: (fake: FakeGitHub) => Partial<HubDevOptions> = () => ({}),
): Promise<HubWorld> {
  const fake = await FakeGitHub.start();
  fake.addToken(HUB_TOKEN, { login: 'hub-bot', repos: [REPO] });
  await fake.createRepo(REPO, { files: { 'README.md': '# threads\n', 'threads/.keep': '' } });
  // The world's own: a restart keeps the Durable Object's and KV's state, close removes it.
  const stateDir = mkdtempSync(join(tmpdir(), 'watercooler-hub-'));
  const options: HubDevOptions = {
    repo: REPO,
    token: HUB_TOKEN,
    apiUrl: fake.url,
    tokens: logins.map((l) => `${l}=${bearer(l)}`).join(','),
    bundle: await bundle(),
    stateDir,
    ...extra(fake),
  };
  let hub = await startHub(options);
  return {
    fake,
    bundle: options.bundle,
    get hub() {
      return hub;
    },
    get mcp() {
      return `${hub.origin}/mcp`;
    },
    restart: async () => {
      const port = hub.port;
      await hub.close();
      hub = await startHub({ ...options, port });
    },
    close: async () => {
      await hub.close();
      await fake.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  } as HubWorld;
}

export interface SelfHosted {
  /** The /mcp URL. */
  mcp: string;
  close(): Promise<void>;
}

/**
 * The built `watercooler mcp --http --github REPO` on a free loopback port, writing through
 * `githubToken` at the fake GitHub, its sessions admitted by `httpToken`.
 */
export async function startSelfHosted(
  fake: FakeGitHub,
  repo: string,
  githubToken: string,
  httpToken: string,
): Promise<SelfHosted> {
  const env = cleanEnv({
    WATERCOOLER_GITHUB_TOKEN: githubToken,
    WATERCOOLER_GITHUB_API_URL: fake.url,
    WATERCOOLER_HTTP_TOKEN: httpToken,
  });
  const args = ['mcp', '--http', '--port', '0', '--github', repo];
  const proc = spawn(process.execPath, [WATERCOOLER_BIN, ...args], { env, stdio: 'pipe' });
  const exited = new Promise((r) => proc.once('exit', r));
  let stderr = '';
  const mcp = await new Promise<string>((resolve, reject) => {
    proc.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url !== undefined) resolve(url);
    });
    proc.once('exit', (code) => reject(new Error(`the server exited (${code}): ${stderr}`)));
  });
  return {
    mcp,
    close: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

export interface HubClient {
  client: Client;
  transport: StreamableHTTPClientTransport;
  close(): Promise<void>;
}

export async function connect(
  url: string,
  token: string,
  name = 'claude-code',
  onNotification?: (method: string, params: unknown) => void,
): Promise<HubClient> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  const client = new Client({ name, version: '1.0.0' }, { capabilities: {} });
  if (onNotification !== undefined) {
    client.fallbackNotificationHandler = async (n) => onNotification(n.method, n.params);
  }
  await client.connect(transport);
  return {
    client,
    transport,
    close: async () => {
      await transport.terminateSession().catch(() => {});
      await client.close().catch(() => {});
    },
  };
}

export async function call(
  c: HubClient,
  name: string,
  args: Record<string, unknown>,
  timeoutMs = 60_000,
): Promise<CallToolResult> {
  return (await c.client.callTool({ name, arguments: args }, undefined, {
    timeout: timeoutMs,
  })) as CallToolResult;
}

export function textOf(r: CallToolResult): string {
  return r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

/** A fixed entry_id per (session, n): a client's retry of the same write sends the same one. */
export function fixedEntryIds(): (session: number, n: number) => string {
  const ids = new Map<string, string>();
  return (session, n) => {
    const key = `${session}/${n}`;
    if (!ids.has(key)) ids.set(key, newEntryId());
    return ids.get(key) ?? '';
  };
}

/**
 * Every session says `count` entries on `topic`, one after another, all sessions at once, each
 * with its fixed entry_id; the answers that were errors.
 */
export async function sayAll(
  sessions: HubClient[],
  topic: string,
  count: number,
  idOf: (session: number, n: number) => string,
): Promise<string[]> {
  const refused: string[] = [];
  await Promise.all(
    sessions.map(async (s, i) => {
      for (let n = 0; n < count; n++) {
        const r = await call(s, 'watercooler_say', {
          topic,
          title: `s${i} n${n}`,
          body: `from session ${i}`,
          entry_id: idOf(i, n),
        });
        if (r.isError === true) refused.push(JSON.stringify(r.content));
      }
    }),
  );
  return refused;
}

export { until } from '../helpers/wait.js';
