/**
 * Refusals and failures of create-watercooler (SPEC §7, §4 exit codes): each gives one clear
 * line on stderr and leaves nothing behind (the working folder lists the same before and after,
 * no temporary folder, nothing created remotely):
 * - a non-empty folder (exit 2) unless `--force`, which replaces its contents in place;
 * - a bad folder name, `--remote` with `--github`, `--public` without `--github` (exit 2);
 * - `--github` without a token (exit 1, no request made), a token GitHub rejects (exit 1,
 *   nothing created);
 * - a remote that does not exist (exit 1), one that already has history (exit 2), one that rejects
 *   the push (exit 1, after the first commit was made: the temporary folder is removed);
 * - a missing folder argument without `--yes` when not on a terminal (exit 2).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../helpers/fake-github.js';
import { createBareRemote, gitIn } from '../helpers/git-remote.js';
import { listing, runCreate } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wc-refuse-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function refused(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; line: string }> {
  const before = listing(cwd);
  const r = await runCreate(args, { cwd, env: { HOME: cwd, ...env } });
  expect(listing(cwd)).toEqual(before);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(r.stdout).toBe('');
  return { code: r.code, line: lines[0] ?? '' };
}

describe('create-watercooler refuses', () => {
  it('a non-empty folder, unless --force', async () => {
    const cwd = scratch();
    mkdirSync(join(cwd, 'demo'));
    writeFileSync(join(cwd, 'demo', 'notes.txt'), 'mine\n');
    const r = await refused(cwd, ['demo', '--yes']);
    expect(r.code).toBe(2);
    expect(r.line).toMatch(/^create-watercooler: The folder .*demo is not empty\. .*--force/);

    const inode = statSync(join(cwd, 'demo')).ino;
    const forced = await runCreate(['demo', '--yes', '--force'], { cwd, env: { HOME: cwd } });
    expect(forced.code).toBe(0);
    expect(statSync(join(cwd, 'demo')).ino).toBe(inode);
    expect(listing(join(cwd, 'demo'))).not.toContain('notes.txt');
    expect(listing(join(cwd, 'demo'))).toContain('threads/welcome.md');
    expect(listing(cwd).filter((p) => p.startsWith('.'))).toEqual([]);
  });

  it('an empty existing folder is used as it is', async () => {
    const cwd = scratch();
    mkdirSync(join(cwd, 'demo'));
    const r = await runCreate(['demo', '--yes'], { cwd, env: { HOME: cwd } });
    expect(r.code).toBe(0);
    expect(listing(join(cwd, 'demo'))).toContain('watercooler.json');
  });

  it('a bad folder name', async () => {
    const cwd = scratch();
    const r = await refused(cwd, ['bad name!', '--yes']);
    expect(r.code).toBe(2);
    expect(r.line).toContain('"bad name!" is not a usable repository name');
    const dot = await refused(cwd, ['.hidden', '--yes']);
    expect(dot.code).toBe(2);
  });

  it('conflicting or misplaced flags, and no folder without --yes off a terminal', async () => {
    const cwd = scratch();
    const both = await refused(cwd, ['d', '--yes', '--remote', '/x.git', '--github', 'a/b']);
    expect(both.code).toBe(2);
    expect(both.line).toContain('--remote or --github, not both');
    const pub = await refused(cwd, ['d', '--yes', '--public']);
    expect(pub.code).toBe(2);
    const none = await refused(cwd, []);
    expect(none.code).toBe(2);
    expect(none.line).toContain('No folder given');
    const bad = await refused(cwd, ['d', '--yes', '--agents', 'Claude (x) y']);
    expect(bad.code).toBe(2);
    const unknown = await refused(cwd, ['d', '--bogus']);
    expect(unknown.code).toBe(2);
  });

  it('--github without a token, asking nothing of GitHub', async () => {
    const gh = await FakeGitHub.start();
    cleanups.push(() => gh.close());
    const cwd = scratch();
    const r = await refused(cwd, ['d', '--yes', '--github', 'amy/d'], {
      WATERCOOLER_GITHUB_API_URL: gh.url,
    });
    expect(r.code).toBe(1);
    expect(r.line).toContain('--github needs a token');
    expect(r.line).toContain('WATERCOOLER_GITHUB_TOKEN');
    expect(gh.count()).toBe(0);
  });

  it('--github with a token GitHub rejects, creating nothing', async () => {
    const gh = await FakeGitHub.start();
    cleanups.push(() => gh.close());
    const cwd = scratch();
    const r = await refused(cwd, ['d', '--yes', '--github', 'amy/d'], {
      WATERCOOLER_GITHUB_API_URL: gh.url,
      GITHUB_TOKEN: 'not-a-token',
    });
    expect(r.code).toBe(1);
    expect(r.line).toContain('Bad credentials');
    expect(r.line).not.toContain('not-a-token');
    expect(gh.count('repos.create')).toBe(0);
  });

  it('a remote that already has history', async () => {
    const remote = createBareRemote();
    cleanups.push(() => remote.remove());
    const cwd = scratch();
    const elsewhere = scratch();
    const made = await runCreate(['seed', '--yes', '--remote', remote.dir], {
      cwd: elsewhere,
      env: { HOME: elsewhere },
    });
    expect(made.code).toBe(0);
    const r = await refused(cwd, ['d', '--yes', '--remote', remote.dir]);
    expect(r.code).toBe(2);
    expect(r.line).toContain('already has branches');
  });

  it('a remote that does not exist', async () => {
    const cwd = scratch();
    const r = await refused(cwd, ['d', '--yes', '--remote', join(cwd, 'missing.git')]);
    expect(r.code).toBe(1);
    expect(r.line).toContain('git ls-remote failed');
    expect(r.line).toContain('Nothing was created.');
  });

  it('a push the remote rejects, after the first commit was made', async () => {
    const remote = createBareRemote();
    cleanups.push(() => remote.remove());
    const hook = join(remote.dir, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "pushes are closed today" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const cwd = scratch();
    const r = await refused(cwd, ['d', '--yes', '--remote', remote.dir]);
    expect(r.code).toBe(1);
    expect(r.line).toContain('git push failed');
    expect(gitIn(remote.dir, ['for-each-ref']).trim()).toBe('');
  });
});
