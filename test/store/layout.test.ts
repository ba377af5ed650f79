/**
 * The one layout rule (core/layout.ts), and everyone using it:
 * - `threadsDir` keeps a leading dot (`.watercooler` is the Python tool's folder, not `watercooler`);
 *   `./x/` is `x`; a folder that leaves the repository is a CONFIG error;
 * - where threads are: config, else the root when its markdown files are threads, else
 *   `.watercooler/` when the tree has it and no `threads/`, else `threads/`;
 * - which files are threads (no index.md, no hidden files, no README at a repository root);
 * - with `threadsDir: ".watercooler"`, an edited entry there fails `watercooler validate` and the
 *   Action (its committed bundle), on the file the stores write.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { isWatercoolerError } from '../../core/errors.js';
import {
  type TreeEntry,
  findThreadsDir,
  isThreadPath,
  repoThreadsDir,
  topicPaths,
} from '../../core/layout.js';
import { pushPayload, runAction } from '../action/harness.js';
import { cleanEnv, runBin } from '../helpers/run-bin.js';
import { createThreadRepo, say } from '../helpers/thread-repo.js';

const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tree(files: Record<string, string>, dirs: string[] = []) {
  return {
    entries: async (dir: string): Promise<TreeEntry[]> =>
      dir !== ''
        ? []
        : [
            ...Object.keys(files).map((name) => ({ name, type: 'file' as const, id: name })),
            ...dirs.map((name) => ({ name, type: 'dir' as const, id: name })),
          ],
    text: async (path: string) => files[path] ?? null,
  };
}

describe('layout rule', () => {
  it('normalizes threadsDir without eating a leading dot', () => {
    expect(repoThreadsDir('.watercooler')).toBe('.watercooler');
    expect(repoThreadsDir('./threads/')).toBe('threads');
    expect(repoThreadsDir('.')).toBe('');
    expect(repoThreadsDir(undefined)).toBeNull();
    let err: unknown;
    try {
      repoThreadsDir('../elsewhere');
    } catch (e) {
      err = e;
    }
    expect(isWatercoolerError(err, 'CONFIG')).toBe(true);
  });

  it('finds the threads: config, root threads, the Python folder, the default', async () => {
    expect(await findThreadsDir(tree({}), '.watercooler')).toBe('.watercooler');
    const thread = '# a — Thread\nStatus: OPEN\nBall: Team\n';
    expect(await findThreadsDir(tree({ 'README.md': '# Hi', 'a.md': thread }))).toBe('');
    expect(await findThreadsDir(tree({ 'README.md': 'Status: x' }, ['.watercooler']))).toBe(
      '.watercooler',
    );
    expect(await findThreadsDir(tree({}, ['.watercooler', 'threads']))).toBe('threads');
    expect(await findThreadsDir(tree({ 'notes.md': '# Notes' }))).toBe('threads');
  });

  it('tells thread files from the rest, and the seed-era name of a topic', () => {
    expect(isThreadPath('threads/a.md', 'threads')).toBe(true);
    expect(isThreadPath('threads/index.md', 'threads')).toBe(false);
    expect(isThreadPath('threads/.a.md', 'threads')).toBe(false);
    expect(isThreadPath('threads/x/a.md', 'threads')).toBe(false);
    expect(isThreadPath('README.md', '')).toBe(false);
    expect(isThreadPath('a.md', '')).toBe(true);
    const layout = { dir: 'threads', sharedRoot: false, config: {} as never };
    expect(topicPaths(layout, 'my topic')).toEqual(['threads/my-topic.md', 'threads/my topic.md']);
    expect(topicPaths(layout, 'plain')).toEqual(['threads/plain.md']);
  });
});

describe('threadsDir ".watercooler": the validator and the Action look where the stores write', () => {
  it('an edited entry in .watercooler/ fails validate and the Action', async () => {
    const repo = createThreadRepo();
    temp.push(repo.dir);
    repo.write('watercooler.json', '{ "threadsDir": ".watercooler" }\n');
    for (let i = 0; i < 2; i++) repo.apply('.watercooler/auth.md', say('auth', i));
    const base = repo.commit('seed');
    repo.write(
      '.watercooler/auth.md',
      repo.read('.watercooler/auth.md').replace('Body of entry 0.', 'Changed.'),
    );
    repo.commit('edit');

    const r = await runBin(['validate', '--base', 'HEAD~1', '--json'], {
      cwd: repo.dir,
      env: cleanEnv(),
    });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { threads_checked: number; issues: { file: string }[] };
    expect(out.threads_checked).toBe(1);
    expect(out.issues.map((i) => i.file)).toContain('.watercooler/auth.md');

    const run = runAction({
      workspace: repo.dir,
      eventName: 'push',
      payload: pushPayload(base, repo.head()),
    });
    expect(run.code).toBe(1);
    expect(
      run.annotations.some((a) => a.level === 'error' && a.file === '.watercooler/auth.md'),
    ).toBe(true);
  });
});
