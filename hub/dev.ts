/**
 * `npm run hub:dev`: the hub in the Workers runtime on this machine (miniflare runs workerd, both
 * from the registry), against the GitHub API at WATERCOOLER_GITHUB_API_URL. Tests and the bench
 * start it through `startHub`. This file runs in Node; the Worker it serves does not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Log, LogLevel, Miniflare } from 'miniflare';
import { HUB_BUNDLE, buildHub } from './build.js';

export interface HubDevOptions {
  /** OWNER/REPO[@BRANCH]. */
  repo: string;
  token: string;
  apiUrl: string;
  /** `login=token,…`. */
  tokens?: string;
  oauth?: { clientId: string; clientSecret: string; url: string };
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Where the Durable Object and KV state live between restarts (default: a temporary folder). */
  stateDir?: string;
  /** The worker.js of a bundle the caller built (default: build dist/hub now). */
  bundle?: string;
  /** Worker console lines (the hub logs to console.error). */
  verbose?: boolean;
}

export interface HubDev {
  /** http://HOST:PORT (the MCP endpoint is at /mcp). */
  origin: string;
  port: number;
  stateDir: string;
  close(): Promise<void>;
}

export const COMPATIBILITY_DATE = '2026-04-01';

/** Starts workerd with the hub bundle; the Worker reads its settings from these bindings. */
export async function startHub(options: HubDevOptions): Promise<HubDev> {
  if (options.bundle === undefined) await buildHub();
  const bundle = options.bundle ?? HUB_BUNDLE;
  const ownState = options.stateDir === undefined;
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'watercooler-hub-'));
  const bindings: Record<string, string> = {
    WATERCOOLER_GITHUB_REPO: options.repo,
    WATERCOOLER_GITHUB_TOKEN: options.token,
    WATERCOOLER_GITHUB_API_URL: options.apiUrl,
    WATERCOOLER_HUB_TOKENS: options.tokens ?? '',
  };
  if (options.oauth !== undefined) {
    bindings.GITHUB_CLIENT_ID = options.oauth.clientId;
    bindings.GITHUB_CLIENT_SECRET = options.oauth.clientSecret;
    bindings.WATERCOOLER_GITHUB_OAUTH_URL = options.oauth.url;
  }
  const mf = new Miniflare({
    modules: true,
    scriptPath: bundle,
    // Module names are paths under this root: a bundle outside the working folder needs its own.
    modulesRoot: dirname(bundle),
    modulesRules: [{ type: 'ESModule', include: ['**/*.js'] }],
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: ['nodejs_compat'],
    durableObjects: { HUB: 'ThreadsHub' },
    kvNamespaces: ['OAUTH_KV'],
    bindings,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    durableObjectsPersist: join(stateDir, 'do'),
    kvPersist: join(stateDir, 'kv'),
    // No request to workers.cloudflare.com for the `request.cf` object: a placeholder is enough.
    cf: false,
    log: new Log(options.verbose === true ? LogLevel.INFO : LogLevel.WARN),
  });
  const url = await mf.ready;
  return {
    origin: url.origin,
    port: Number(url.port),
    stateDir,
    close: async () => {
      await mf.dispose();
      if (ownState) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const env = process.env;
  const missing = ['WATERCOOLER_GITHUB_REPO', 'WATERCOOLER_GITHUB_TOKEN'].filter(
    (k) => (env[k] ?? '') === '',
  );
  if (missing.length > 0) {
    console.error(
      `hub:dev needs ${missing.join(' and ')} (OWNER/REPO and a token with Contents: read and write).`,
    );
    process.exit(2);
  }
  const oauth =
    (env.GITHUB_CLIENT_ID ?? '') !== '' && (env.GITHUB_CLIENT_SECRET ?? '') !== ''
      ? {
          clientId: env.GITHUB_CLIENT_ID ?? '',
          clientSecret: env.GITHUB_CLIENT_SECRET ?? '',
          url: env.WATERCOOLER_GITHUB_OAUTH_URL ?? 'https://github.com',
        }
      : undefined;
  const hub = await startHub({
    repo: env.WATERCOOLER_GITHUB_REPO ?? '',
    token: env.WATERCOOLER_GITHUB_TOKEN ?? '',
    apiUrl: env.WATERCOOLER_GITHUB_API_URL ?? 'https://api.github.com',
    tokens: env.WATERCOOLER_HUB_TOKENS ?? '',
    ...(oauth === undefined ? {} : { oauth }),
    port: Number(env.HUB_PORT ?? 8787),
    stateDir: env.WATERCOOLER_HUB_STATE ?? join(process.cwd(), '.wrangler', 'hub-dev'),
    verbose: true,
  });
  console.error(`Watercooler hub for ${env.WATERCOOLER_GITHUB_REPO} at ${hub.origin}/mcp`);
  const stop = () => void hub.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
