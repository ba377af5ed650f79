/**
 * `npx create-watercooler` as it will run from the registry (SPEC §7):
 * - both packages are packed with `npm pack` and installed from their tarballs into an empty
 *   folder; our two packages resolve to the tarballs (never the registry), the thin package's
 *   pinned `watercooler` version is the main package's;
 * - `npx --no-install create-watercooler demo --yes` there makes a repository whose own workflow
 *   step (the vendored Action, run with runner variables) passes over its first commit;
 * - a `watercooler say` into it, committed, passes the same step over that range; a hand edit of
 *   an old entry fails it (the step really checks);
 * - the vendored Action is byte-for-byte the installed package's; `--help` works from the install.
 * One install for the whole file (it is slow).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_RELEASE_SPEC as CLI } from '../../cli/version.js';
import { parseThread } from '../../core/index.js';
import { cleanEnv } from '../helpers/run-bin.js';
import { ZERO, git, runWorkflowStep } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const THIN = join(ROOT, 'packages/create-watercooler');

let work: string;
let app: string;

function sh(cmd: string, args: string[], cwd: string, extra: Record<string, string> = {}): string {
  return execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: cleanEnv(extra),
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 26,
  });
}

/** `npm pack`, retried: another test run may be swapping dist/ in at that moment. */
function pack(dir: string, dest: string): string {
  for (let attempt = 1; ; attempt++) {
    try {
      return sh('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dest], dir)
        .trim()
        .split('\n')
        .pop() as string;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wc-pack-'));
  const tgz = join(work, 'tgz');
  app = join(work, 'app');
  mkdirSync(tgz);
  mkdirSync(app);
  const main = pack(ROOT, tgz);
  const thin = pack(THIN, tgz);
  writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
  // Dependencies of the main package come from the npm cache or registry; ours from the tarballs.
  sh(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', join(tgz, main), join(tgz, thin)],
    app,
  );
}, 600_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('npx create-watercooler from the packed tarballs', () => {
  it('installs our two packages from the tarballs, with matching versions', () => {
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string; version?: string }>;
    };
    expect(lock.packages['node_modules/watercooler']?.resolved).toMatch(/^file:.*\.tgz$/);
    expect(lock.packages['node_modules/create-watercooler']?.resolved).toMatch(/^file:.*\.tgz$/);
    const mainPkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const thinPkg = JSON.parse(readFileSync(join(THIN, 'package.json'), 'utf8')) as {
      version: string;
      dependencies: Record<string, string>;
    };
    expect(thinPkg.dependencies.watercooler).toBe(mainPkg.version);
    expect(thinPkg.version).toBe(mainPkg.version);
  });

  it('--help works from the install', { timeout: 120_000 }, () => {
    const help = sh('npx', ['--no-install', 'create-watercooler', '--help'], app);
    expect(help).toContain('--github <owner/name>');
    expect(help).toContain('--action-ref <ref>');
  });

  it('makes a repository whose own workflow step passes on its first commit and after a say', () => {
    const out = sh('npx', ['--no-install', 'create-watercooler', 'demo', '--yes'], app, {
      WATERCOOLER_GIT_AUTHOR: 'Amy',
      WATERCOOLER_GIT_EMAIL: 'amy@example.com',
    });
    const repo = join(app, 'demo');
    const threads = join(repo, 'threads');
    expect(out).toContain(
      `claude mcp add watercooler -- npx -y ${CLI} mcp --threads-dir ${threads}`,
    );
    expect(out).toContain('[mcp_servers.watercooler]');
    expect(out).toContain(`npx -y ${CLI} tui --threads-dir ${threads}`);
    expect(readdirSync(app).filter((n) => n.startsWith('.demo'))).toEqual([]);

    // The vendored Action is the installed package's, byte for byte.
    const installed = join(app, 'node_modules/watercooler');
    expect(readFileSync(join(repo, '.github/actions/validate/dist/index.mjs'))).toEqual(
      readFileSync(join(installed, 'action/dist/index.mjs')),
    );
    expect(readFileSync(join(repo, '.github/actions/validate/action.yml'), 'utf8')).toBe(
      readFileSync(join(installed, 'action/action.yml'), 'utf8'),
    );
    expect(git(repo, ['status', '--porcelain'])).toBe('');
    expect(git(repo, ['log', '--format=%an <%ae>'])).toBe('Amy <amy@example.com>');

    const first = git(repo, ['rev-parse', 'HEAD']);
    const run1 = runWorkflowStep(repo, ZERO, first);
    expect(run1.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run1.code).toBe(0);
    expect(run1.outputs['threads-checked']).toBe('1');
    expect(run1.outputs.issues).toBe('0');

    // A reply through the installed `watercooler`, committed as a user would.
    sh(
      join(app, 'node_modules/.bin/watercooler'),
      ['say', 'welcome', '--agent', 'Codex', '--title', 'Hello', '--body', 'Read it; ready.'],
      repo,
    );
    const thread = parseThread(readFileSync(join(threads, 'welcome.md'), 'utf8'));
    expect(thread.entries.map((e) => e.title)).toEqual(['Welcome to demo', 'Hello']);
    expect(thread.header.ball).toMatch(/^Claude Code/);
    git(repo, ['add', '--all']);
    git(repo, ['commit', '-qm', 'Codex: say welcome']);
    const second = git(repo, ['rev-parse', 'HEAD']);
    const run2 = runWorkflowStep(repo, first, second);
    expect(run2.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run2.code).toBe(0);
    expect(run2.outputs['entries-added']).toBe('1');

    // The same step fails a hand edit of an old entry.
    const path = join(threads, 'welcome.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('Read it; ready.', 'Edited.'));
    git(repo, ['commit', '-qam', 'edit']);
    const run3 = runWorkflowStep(repo, second, git(repo, ['rev-parse', 'HEAD']));
    expect(run3.code).not.toBe(0);
    expect(
      run3.annotations.some((a) => a.level === 'error' && a.file === 'threads/welcome.md'),
    ).toBe(true);
  }, 300_000);
});
