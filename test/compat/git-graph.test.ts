/**
 * The 2026 Python tool's graph through the git store (skipped without that generation):
 * - a threads repository the Python tool wrote (its `.md` and `graph/baseline/` at the root) gets
 *   our entry in the markdown and in the thread's graph files, in one commit;
 * - the Python tool's graph reader, on a clone of the result, sees both its entry and ours.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, runBin } from '../helpers/run-bin.js';
import { pythonFor, runPython, runPythonCode, whyNot } from './python.js';

const runnable = pythonFor('newest') !== null;
const root = mkdtempSync(join(tmpdir(), 'wc-git-graph-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  });

describe('the 2026 graph through the git store', () => {
  it.skipIf(!runnable)(
    `one commit carries the markdown and the graph files${runnable ? '' : ` (skipped: ${whyNot('newest')})`}`,
    async () => {
      const work = join(root, 'work');
      const bare = join(root, 'remote.git');
      git(root, 'init', '-q', '--bare', '-b', 'main', bare);
      git(root, 'init', '-q', '-b', 'main', work);
      const py = runPython(
        'newest',
        [
          'say',
          'plan',
          '--agent',
          'Claude',
          '--title',
          'Py',
          '--body',
          'from python',
          '--threads-dir',
          work,
        ],
        { cwd: work },
      );
      expect(py.code, py.stderr).toBe(0);
      git(work, 'add', '-A');
      git(work, 'commit', '-q', '-m', 'python');
      git(work, 'push', '-q', bare, 'main');

      const ours = await runBin(
        [
          'say',
          'plan',
          '--agent',
          'Codex',
          '--title',
          'Ts',
          '--body',
          'from us',
          '--git',
          bare,
          '--clone-dir',
          join(root, 'clone'),
        ],
        { cwd: root, env: cleanEnv() },
      );
      expect(ours.code, ours.stderr).toBe(0);
      const changed = git(bare, 'show', '--name-only', '--format=', 'main')
        .trim()
        .split('\n')
        .sort();
      expect(changed).toEqual([
        'graph/baseline/threads/plan/edges.jsonl',
        'graph/baseline/threads/plan/entries.jsonl',
        'graph/baseline/threads/plan/meta.json',
        'plan.md',
      ]);

      const check = join(root, 'check');
      git(root, 'clone', '-q', bare, check);
      const code =
        `import json\nfrom pathlib import Path\n` +
        `from watercooler.baseline_graph.reader import read_thread_from_graph\n` +
        `t, es = read_thread_from_graph(Path(${JSON.stringify(check)}), 'plan')\n` +
        `print(json.dumps([e.body for e in es]))`;
      const read = runPythonCode('newest', code, check);
      expect(read.code, read.stderr).toBe(0);
      expect(JSON.parse(read.stdout)).toEqual(['from python', 'from us']);
    },
    120_000,
  );
});
