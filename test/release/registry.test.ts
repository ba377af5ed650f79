/**
 * Both packages by name from a registry, as a stranger installs them:
 * - the release script publishes watercooler and create-watercooler, at one version, to a local
 *   verdaccio that serves those two names only from what was published to it;
 * - in an empty folder, with a fresh HOME and no global packages, `npx create-watercooler demo
 *   --yes` makes the repository (first commit, pinned `watercooler@X.Y.Z` lines in its README),
 *   and every package npx installed came from that registry;
 * - the MCP line it prints (`npx -y watercooler@X.Y.Z mcp --threads-dir …`), run as a client runs
 *   it, serves the tools to an SDK client and lists the welcome thread; the README's
 *   major-pinned `npx -y watercooler@0 mcp` resolves to the same release.
 * Slow (npm installs through the registry): one registry and one publish for the whole file.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_RELEASE_SPEC, CLI_SPEC, VERSION } from '../../cli/version.js';
import { cleanEnv } from '../helpers/run-bin.js';
import { type LocalRegistry, OUR_PACKAGES, startLocalRegistry } from './local-registry.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const INSTALL_TIMEOUT = 600_000;

let work: string;
let registry: LocalRegistry;
let home: string;
let app: string;

/** A user's machine: fresh HOME (so a fresh npm cache and config), no global packages. */
function userEnv(extra: Record<string, string> = {}): Record<string, string> {
  return cleanEnv({
    HOME: home,
    npm_config_registry: registry.url,
    npm_config_prefix: join(home, '.npm-global'),
    npm_config_update_notifier: 'false',
    ...extra,
  });
}

/** Asynchronous on purpose: the registry answers from this same process. */
async function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<string> {
  const { stdout } = await promisify(execFile)(cmd, args, {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: INSTALL_TIMEOUT,
  });
  return stdout;
}

/** Every `resolved` URL in the lockfiles of what npx installed. */
function npxResolved(): string[] {
  const base = join(home, '.npm', '_npx');
  return readdirSync(base).flatMap((key) => {
    const lock = JSON.parse(readFileSync(join(base, key, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string }>;
    };
    return Object.values(lock.packages).flatMap((p) => (p.resolved ? [p.resolved] : []));
  });
}

async function listTools(command: string, args: string[]) {
  const transport = new StdioClientTransport({ command, args, cwd: app, env: userEnv() });
  const client = new Client({ name: 'registry-test', version: '1.0.0' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    const listed = await client.callTool({ name: 'watercooler_list_threads', arguments: {} });
    return { names: tools.map((t) => t.name), listed: JSON.stringify(listed) };
  } finally {
    await client.close();
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wc-registry-'));
  home = join(work, 'home');
  app = join(work, 'app');
  mkdirSync(home);
  mkdirSync(app);
  registry = await startLocalRegistry(join(work, 'registry'));
  await run(
    process.execPath,
    [join(ROOT, 'scripts/release-publish.mjs'), '--registry', registry.url],
    ROOT,
    {
      ...cleanEnv({ HOME: join(work, 'registry'), npm_config_userconfig: registry.publishNpmrc }),
    },
  );
}, INSTALL_TIMEOUT);

afterAll(async () => {
  await registry?.close();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('the packages by name from a registry', () => {
  it('publishes both packages at one version, the scaffolder pinning the CLI', async () => {
    for (const name of OUR_PACKAGES) {
      const res = await fetch(`${registry.url}${name}`);
      expect(res.status, name).toBe(200);
      const doc = (await res.json()) as {
        'dist-tags': { latest: string };
        versions: Record<string, { dependencies?: Record<string, string> }>;
      };
      expect(doc['dist-tags'].latest, name).toBe(VERSION);
      if (name === 'create-watercooler')
        expect(doc.versions[VERSION]?.dependencies?.watercooler).toBe(VERSION);
    }
  });

  it(
    'npx create-watercooler, then the MCP line it prints, from an empty folder',
    { timeout: INSTALL_TIMEOUT },
    async () => {
      const out = await run('npx', ['create-watercooler', 'demo', '--yes'], app, {
        ...userEnv({ WATERCOOLER_GIT_AUTHOR: 'Amy', WATERCOOLER_GIT_EMAIL: 'amy@example.com' }),
      });
      const repo = join(app, 'demo');
      const log = await run('git', ['log', '--format=%an'], repo, userEnv());
      expect(log.trim()).toBe('Amy');
      const readme = readFileSync(join(repo, 'README.md'), 'utf8');
      expect(readme).toContain(`npx -y ${CLI_RELEASE_SPEC} mcp --threads-dir`);
      expect(readme).toContain(`watercooler ${VERSION}`);

      const resolved = npxResolved();
      expect(resolved.length).toBeGreaterThan(10);
      expect(resolved.filter((r) => !r.startsWith(registry.url))).toEqual([]);

      // The Claude Code line, exactly as printed: `claude mcp add watercooler -- <command…>`.
      const line = out.split('\n').find((l) => l.includes('claude mcp add watercooler --'));
      expect(line).toBeDefined();
      const [command, ...args] = (line as string).split(' -- ')[1]!.trim().split(' ');
      expect([command, ...args.slice(0, 3)]).toEqual(['npx', '-y', CLI_RELEASE_SPEC, 'mcp']);
      const served = await listTools(command as string, args);
      expect(served.names).toEqual(
        expect.arrayContaining(['watercooler_say', 'watercooler_list_threads']),
      );
      expect(served.listed).toContain('welcome');
    },
  );

  it('npx -y watercooler@MAJOR resolves to the release', { timeout: INSTALL_TIMEOUT }, async () => {
    const threads = join(app, 'demo', 'threads');
    const served = await listTools('npx', ['-y', CLI_SPEC, 'mcp', '--threads-dir', threads]);
    expect(served.names).toContain('watercooler_read_thread');
    const version = await run('npx', ['-y', CLI_SPEC, '--version'], app, userEnv());
    expect(version.trim()).toBe(VERSION);
  });
});
