/**
 * Thread files that are not regular files, on the local and the git store, through the built
 * CLI and the built MCP server (stdio):
 * - a symlink `evil.md` pointing out of the threads folder is never followed: `read` does not
 *   print its target, `say` does not write through it, `search` does not find its text;
 * - a FIFO `pipe.md` does not hang `list`, `read` or `search`; a folder `dir.md` does not crash;
 * - `reindex`/`web-export` replace an index.md/index.html that is a symlink, never write through it;
 * - a lock file `.ok.lock` that is a symlink, a FIFO or a folder is nobody's lock: a symlink or
 *   FIFO is broken (never followed, never waited on; `unlock` prints nothing of the target), a
 *   folder is a clear LOCKED error;
 * - `validate --all` skips them too (no hang on the FIFO, no crash on the folder);
 * - each is skipped with a warning naming it; the real thread beside them reads as usual, and
 *   `list` prints its path once (`threads/ok.md` in a repository, not `threads/threads/ok.md`).
 */
import { execFileSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBareRemote } from '../helpers/git-remote.js';
import { cleanEnv, runBin } from '../helpers/run-bin.js';
import { call, stdioClient, textOf } from '../mcp/harness.js';

const SECRET = 'SECRET-OUTSIDE-THE-FOLDER';
let root: string;
let outside: string;
let local: string[];
let git: string[];
let env: Record<string, string>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'wc-odd-'));
  outside = join(root, 'outside.md');
  writeFileSync(outside, `# Secret — Thread\nStatus: OPEN\nBall: Team\n\n${SECRET}\n`);
  env = cleanEnv({ XDG_CACHE_HOME: join(root, 'cache'), WATERCOOLER_AGENT: 'Claude' });

  const threads = join(root, 'local', 'threads');
  local = ['--threads-dir', threads];
  expect(
    (await runBin(['say', 'ok', '--title', 'Hi', '--body', 'hello', ...local], { env })).code,
  ).toBe(0);
  symlinkSync(outside, join(threads, 'evil.md'));
  execFileSync('mkfifo', [join(threads, 'pipe.md')]);
  mkdirSync(join(threads, 'dir.md'));

  // A repository whose tree holds a symlink and a folder named like threads (git has no FIFOs).
  const remote = createBareRemote({ parent: join(root, 'remote') });
  git = ['--git', remote.dir];
  expect(
    (await runBin(['say', 'ok', '--title', 'Hi', '--body', 'hello', ...git], { env })).code,
  ).toBe(0);
  const work = join(root, 'work');
  execFileSync('git', ['clone', '--quiet', remote.dir, work]);
  symlinkSync(outside, join(work, 'threads', 'evil.md'));
  mkdirSync(join(work, 'threads', 'dir.md'));
  writeFileSync(join(work, 'threads', 'dir.md', 'inner.md'), 'Status: OPEN\n');
  execFileSync('git', ['-C', work, 'add', '-A']);
  execFileSync('git', ['-C', work, 'commit', '--quiet', '-m', 'odd files']);
  execFileSync('git', ['-C', work, 'push', '--quiet']);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const stores = () =>
  [
    ['local', local, ['evil', 'pipe', 'dir']],
    ['git', git, ['evil', 'dir']],
  ] as const;

describe('non-regular thread files, through the CLI', () => {
  it.each(['local', 'git'])(
    '%s: list skips them with a warning and shows the real thread',
    async (kind) => {
      const [, flags, odd] = stores().find(([k]) => k === kind) ?? stores()[0];
      const list = await runBin(['list', ...flags], { env });
      expect(list.code, list.stderr).toBe(0);
      const paths = list.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t').at(-1));
      expect(paths).toEqual([
        kind === 'local' ? join(root, 'local', 'threads', 'ok.md') : 'threads/ok.md',
      ]);
      for (const name of odd)
        expect(list.stderr).toMatch(
          new RegExp(`skipping (threads/)?${name}\\.md: not a regular file`),
        );
    },
  );

  it.each(['local', 'git'])(
    '%s: read, say and search never follow or hang on them',
    async (kind) => {
      const [, flags, odd] = stores().find(([k]) => k === kind) ?? stores()[0];
      for (const name of odd) {
        const read = await runBin(['read', name, ...flags], { env });
        expect(read.code, `${name}: ${read.stderr}`).toBe(1);
        expect(read.stderr).toMatch(/is not a regular file/);
        expect(read.stdout + read.stderr).not.toContain(SECRET);
        const said = await runBin(
          ['say', name, '--title', 't', '--body', 'through it?', ...flags],
          {
            env,
          },
        );
        expect(said.code, `${name}: ${said.stderr}`).toBe(1);
      }
      expect(readFileSync(outside, 'utf8')).not.toContain('through it?');
      const search = await runBin(['search', 'SECRET', '--json', ...flags], { env });
      expect(search.code, search.stderr).toBe(0);
      expect(search.stdout).not.toContain(SECRET);
      const ok = await runBin(['read', 'ok', ...flags], { env });
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/hello/);
    },
  );
});

it('reindex and web-export replace a symlinked index, not the file it points at', async () => {
  const threads = join(root, 'local', 'threads');
  const victim = join(root, 'victim.txt');
  writeFileSync(victim, 'keep me\n');
  for (const [command, file] of [
    ['reindex', 'index.md'],
    ['web-export', 'index.html'],
  ] as const) {
    symlinkSync(victim, join(threads, file));
    const r = await runBin([command, ...local], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(lstatSync(join(threads, file)).isFile()).toBe(true);
    rmSync(join(threads, file));
  }
});

it('a lock file that is a symlink, FIFO or folder is never followed or waited on', async () => {
  const lock = join(root, 'local', 'threads', '.ok.lock');
  symlinkSync(outside, lock);
  const shown = await runBin(['unlock', 'ok', ...local], { env });
  expect(shown.stdout + shown.stderr).not.toContain(SECRET);
  symlinkSync(outside, lock);
  const said = await runBin(
    ['say', 'ok', '--title', 't', '--body', 'past a symlinked lock', ...local],
    { env },
  );
  expect(said.code, said.stderr).toBe(0);
  expect(readFileSync(outside, 'utf8')).toContain(SECRET);
  execFileSync('mkfifo', [lock]);
  const piped = await runBin(
    ['say', 'ok', '--title', 't', '--body', 'past a FIFO lock', ...local],
    { env },
  );
  expect(piped.code, piped.stderr).toBe(0);
  mkdirSync(lock);
  const folder = await runBin(['say', 'ok', '--title', 't', '--body', 'x', ...local], { env });
  expect(folder.code).toBe(3);
  expect(folder.stderr).toMatch(/is a folder where a lock file belongs/);
  rmSync(lock, { recursive: true });
});

it('validate --all skips them with a warning and checks the real thread', async () => {
  const r = await runBin(['validate', '--all', '--json', ...local], { env });
  expect(r.code, r.stderr).toBe(0);
  expect((JSON.parse(r.stdout) as { threads_checked: number }).threads_checked).toBe(1);
  for (const name of ['evil', 'pipe', 'dir'])
    expect(r.stderr).toMatch(new RegExp(`skipping ${name}\\.md: not a regular file`));
  expect(r.stdout + r.stderr).not.toContain(SECRET);
});

describe('non-regular thread files, through the MCP server', () => {
  it.each(['local', 'git'])('%s: list_threads and read_thread skip them', async (kind) => {
    const [, flags, odd] = stores().find(([k]) => k === kind) ?? stores()[0];
    const { client, close } = await stdioClient('', { store: [...flags], env });
    try {
      const list = await call(client, 'watercooler_list_threads');
      expect(list.isError ?? false).toBe(false);
      const topics = (list.structuredContent as { threads: { topic: string }[] }).threads.map(
        (t) => t.topic,
      );
      expect(topics).toEqual(['ok']);
      for (const name of odd) {
        const read = await call(client, 'watercooler_read_thread', { topic: name });
        expect(read.isError, name).toBe(true);
        expect(textOf(read)).toMatch(/not a regular file/);
        expect(JSON.stringify(read)).not.toContain(SECRET);
      }
      const search = await call(client, 'watercooler_search', { query: 'SECRET' });
      expect(JSON.stringify(search)).not.toContain(SECRET);
    } finally {
      await close();
    }
  });
});
