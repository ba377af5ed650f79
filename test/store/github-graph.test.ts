/**
 * The GitHub store keeps the 2026 Python tool's graph files in step (issue 13):
 * - on a repository the Python tool wrote (its `.md` and `graph/baseline/` at the root), our
 *   `say` through the API lands the markdown and the thread's graph files in one commit (Git
 *   Data API: tree, commit, non-forced ref update);
 * - alternating with the newest Python tool on one thread, it pushing from a clone and we writing
 *   through the API, no entry is lost: the Python graph reader, its `read`, and our `read` see
 *   every entry in order (skipped without that generation);
 * - writers racing on a graph thread through the API: every entry lands once, in the markdown
 *   and in the graph (a lost race is re-applied on the new head), without Python;
 * - a default branch renamed since an earlier process learned its name: the write asks again;
 * - a repository without a graph folder gets no graph files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../core/store/open.js';
import { parseThread } from '../../core/thread/parse.js';
import { pythonFor, runPython, runPythonCode, whyNot } from '../compat/python.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { cleanEnv, runBin } from '../helpers/run-bin.js';

const TOKEN = 'ghp_graphTestTokenForTheFakeGithub00001';
const GRAPH = 'graph/baseline/threads/plan';
const runnable = pythonFor('newest') !== null;
const skipped = runnable ? '' : ` (skipped: ${whyNot('newest')})`;
let fake: FakeGitHub;
let root: string;

// The test process's git identity comes from vitest.config.ts (test/helpers/git-identity.ts).
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' });

beforeAll(async () => {
  fake = await FakeGitHub.start();
  fake.addToken(TOKEN, { login: 'alice' });
  root = mkdtempSync(join(tmpdir(), 'wc-github-graph-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

/** The Python tool's clone of a fake repository: it writes there and pushes. */
function pythonClone(repo: string): { dir: string; say: (body: string) => void; pull: () => void } {
  const dir = join(root, repo.replace('/', '-'));
  git(root, 'clone', '-q', fake.gitDir(repo), dir);
  git(dir, 'checkout', '-q', '-B', 'main');
  return {
    dir,
    say: (body) => {
      const py = runPython(
        'newest',
        ['say', 'plan', '--agent', 'Claude', '--title', 'Py', '--body', body, '--threads-dir', dir],
        { cwd: dir },
      );
      expect(py.code, py.stderr).toBe(0);
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', `python: ${body}`);
      git(dir, 'push', '-q', 'origin', 'main');
    },
    pull: () => {
      git(dir, 'fetch', '-q', 'origin');
      git(dir, 'reset', '-q', '--hard', 'origin/main');
    },
  };
}

async function oursSay(repo: string, body: string, cache: string) {
  fake.resetRequests();
  const r = await runBin(
    ['say', 'plan', '--github', repo, '--agent', 'Codex', '--title', 'Ts', '--body', body],
    {
      cwd: root,
      env: cleanEnv({
        XDG_CACHE_HOME: cache,
        WATERCOOLER_GITHUB_API_URL: fake.url,
        WATERCOOLER_GITHUB_TOKEN: TOKEN,
      }),
    },
  );
  expect(r.code, r.stderr).toBe(0);
  return fake.requests.map((q) => `${q.route}:${q.status}`);
}

const changedByHead = async (repo: string) =>
  (await fake.git(repo, ['show', '--name-only', '--format=', 'main'])).trim().split('\n').sort();

describe('the GitHub store and the 2026 graph files', () => {
  it.skipIf(!runnable)(
    `one commit carries the markdown and the graph files; alternating with the Python tool loses nothing${skipped}`,
    async () => {
      const repo = 'alice/py-graph';
      await fake.createRepo(repo, { files: { 'README.md': '# threads\n' } });
      const py = pythonClone(repo);
      py.say('py0');
      const cache = join(root, 'cache-graph');

      const asked = await oursSay(repo, 'ts0', cache);
      expect(await changedByHead(repo)).toEqual([
        `${GRAPH}/edges.jsonl`,
        `${GRAPH}/entries.jsonl`,
        `${GRAPH}/meta.json`,
        'plan.md',
      ]);
      expect(asked.filter((a) => a.startsWith('refs.update'))).toEqual(['refs.update:200']);
      expect(asked).not.toContain('contents.put:200');

      const expected = ['py0', 'ts0'];
      for (let i = 1; i <= 8; i++) {
        py.pull();
        py.say(`py${i}`);
        await oursSay(repo, `ts${i}`, cache);
        expected.push(`py${i}`, `ts${i}`);
      }
      // After a push by someone else the tree is new to the cache (a root layout re-reads one
      // sample thread); our own say after our own say then costs six requests.
      expect((await oursSay(repo, 'ts-a', cache)).length).toBeLessThanOrEqual(7);
      const again = await oursSay(repo, 'ts-b', cache);
      expected.push('ts-a', 'ts-b');
      expect(again).toEqual([
        'contents.get:200',
        'refs.get:200',
        'commits.get:200',
        'trees.create:201',
        'commits.create:201',
        'refs.update:200',
      ]);

      py.pull();
      const code =
        `import json\nfrom pathlib import Path\n` +
        `from watercooler.baseline_graph.reader import read_thread_from_graph\n` +
        `t, es = read_thread_from_graph(Path(${JSON.stringify(py.dir)}), 'plan')\n` +
        `print(json.dumps([e.body for e in es]))`;
      const graph = runPythonCode('newest', code, py.dir);
      expect(graph.code, graph.stderr).toBe(0);
      expect(JSON.parse(graph.stdout)).toEqual(expected);
      // The Python tool's next write rebuilds the markdown from its graph: ours stay in it.
      py.say('py-final');
      expected.push('py-final');
      const ours = parseThread((await fake.readFile(repo, 'plan.md')) ?? '');
      expect(ours.entries.map((e) => e.body)).toEqual(expected);
    },
    300_000,
  );

  it('writers racing on a graph thread: every entry once, in the markdown and the graph', async () => {
    const repo = 'alice/graph-race';
    // The Python tool's manifest alone turns graph upkeep on for every thread beside it.
    await fake.createRepo(repo, { files: { 'threads/graph/baseline/manifest.json': '{}\n' } });
    const stores = await Promise.all(
      [0, 1, 2].map(() =>
        openStore({
          kind: 'github',
          repo,
          token: TOKEN,
          baseUrl: fake.url,
          retry: { budgetMs: 120_000 },
        }),
      ),
    );
    fake.resetRequests();
    const ids = (
      await Promise.all(
        stores.map(async (store, w) => {
          const mine: string[] = [];
          for (let i = 0; i < 4; i++) {
            const r = await store.apply({
              kind: 'say',
              topic: 'plan',
              agent: `Writer${w}`,
              title: `w${w} ${i}`,
              body: `w${w}-${i}`,
            });
            mine.push(r.entry_id as string);
          }
          return mine;
        }),
      )
    ).flat();
    expect(fake.count('contents.put')).toBe(0);
    const md = parseThread((await fake.readFile(repo, 'threads/plan.md')) ?? '');
    const jsonl = (await fake.readFile(repo, `threads/${GRAPH}/entries.jsonl`)) ?? '';
    const inGraph = jsonl
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { entry_id?: string }).entry_id);
    for (const id of ids) {
      expect(md.entries.filter((e) => e.entryId === id)).toHaveLength(1);
      expect(inGraph.filter((x) => x === id)).toHaveLength(1);
    }
    expect(md.entries).toHaveLength(12);
  });

  it('a default branch renamed since an earlier process learned it: the write asks again', async () => {
    const repo = 'alice/renamed';
    await fake.createRepo(repo, { files: { 'threads/graph/baseline/manifest.json': '{}\n' } });
    const cache = join(root, 'cache-renamed');
    await oursSay(repo, 'on main', cache);
    await fake.renameBranch(repo, 'main', 'trunk');
    const asked = await oursSay(repo, 'on trunk', cache);
    expect(asked).toContain('refs.get:404');
    expect(asked).toContain('repos.get:200');
    expect(asked.filter((a) => a.startsWith('refs.update'))).toEqual(['refs.update:200']);
    const md = parseThread((await fake.readFile(repo, 'threads/plan.md', 'trunk')) ?? '');
    expect(md.entries.map((e) => e.body)).toEqual(['on main', 'on trunk']);
  });

  it('a repository without a graph folder gets the markdown alone, through the Contents API', async () => {
    const repo = 'alice/plain';
    await fake.createRepo(repo, { files: { 'README.md': '# threads\n' } });
    const asked = await oursSay(repo, 'plain', join(root, 'cache-plain'));
    expect(asked.filter((a) => a.startsWith('contents.put'))).toEqual(['contents.put:201']);
    expect(await changedByHead(repo)).toEqual(['threads/plan.md']);
  });
});
