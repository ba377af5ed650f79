/**
 * The GitHub store from new processes (every CLI command is one), counted at the fake GitHub:
 * - with the user cache folder warm, a `list` with nothing changed is one request, a conditional
 *   trees request the fake answers 304 (its ETag still matches); a `say` is two (GET contents,
 *   PUT); a `read` one; a `list` right after our own `say` one (the tree; our summary is kept).
 * - someone else's push is seen: the next `list` gets 200 for the same ETag and fetches only the
 *   changed thread; `read` shows the new entry; a `say` on a thread someone else changed also
 *   looks at the tree again (3 requests), so the next `list` is a 304.
 * - the cache is a hint, never the truth: a truncated, altered, wrongly shaped or foreign file
 *   (another repository's) is ignored and the answers are GitHub's; it holds no token; it lives
 *   in a folder only the user may read.
 * - processes writing it at once never tear it: afterwards it is whole and used.
 */
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitHubCacheIdentity } from '../../core/store/github-cache.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { type BinResult, cleanEnv, runBin } from '../helpers/run-bin.js';

const TOKEN = 'ghp_coldCacheTestTokenNeverStored0000001';
const REPO = 'alice/cold';
let fake: FakeGitHub;
let root: string;
let cache: string;

const thread = (topic: string, body: string) =>
  `# ${topic} — Thread\nStatus: OPEN\nBall: Codex\nTopic: ${topic}\nCreated: 2026-01-05T10:00:00Z\n\n---\n\nEntry: Claude (alice) 2026-01-05T10:00:00Z\nRole: implementer\nType: Note\nTitle: Start\n\n${body}\n`;

async function wc(args: string[], repo = REPO): Promise<BinResult> {
  const r = await runBin([...args, '--github', repo], {
    cwd: root,
    env: cleanEnv({
      XDG_CACHE_HOME: cache,
      WATERCOOLER_GITHUB_API_URL: fake.url,
      WATERCOOLER_GITHUB_TOKEN: TOKEN,
    }),
  });
  expect(r.stderr).not.toContain(TOKEN);
  return r;
}

/** Runs a command in a new process; what it asked the fake, as `route:status`. */
async function counted(args: string[], repo = REPO): Promise<{ r: BinResult; asked: string[] }> {
  fake.resetRequests();
  const r = await wc(args, repo);
  expect(r.code, r.stderr).toBe(0);
  return { r, asked: fake.requests.map((q) => `${q.route}:${q.status}`) };
}

const rows = (r: BinResult) =>
  JSON.parse(r.stdout) as Array<{ topic: string; entry_count: number; title: string }>;

const cacheFiles = () =>
  readdirSync(join(cache, 'watercooler', 'github')).map((f) =>
    join(cache, 'watercooler', 'github', f),
  );

beforeAll(async () => {
  fake = await FakeGitHub.start();
  fake.addToken(TOKEN, { login: 'alice' });
  root = mkdtempSync(join(tmpdir(), 'wc-github-cold-'));
  cache = join(root, 'cache');
  await fake.createRepo(REPO, {
    files: {
      'watercooler.json': JSON.stringify({ threadsDir: 'threads' }),
      'threads/alpha.md': thread('alpha', 'first'),
      'threads/beta.md': thread('beta', 'second'),
      'threads/gamma.md': thread('gamma', 'third'),
    },
  });
});
afterAll(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a new process starts where the last one stopped', () => {
  it('list unchanged = one 304, say = 2, read = 1, list after our say = 1', async () => {
    const first = await counted(['list', '--json']);
    // Cold and empty: the tree, the config blob and one blob per thread.
    expect(first.asked.filter((a) => a.startsWith('blobs.get'))).toHaveLength(4);
    expect(rows(first.r)).toHaveLength(3);

    const again = await counted(['list', '--json']);
    expect(again.asked).toEqual(['trees.get:304']);
    expect(fake.requests[0]?.conditional).toBe(true);
    expect(rows(again.r)).toEqual(rows(first.r));

    const said = await counted(['say', 'alpha', '--agent', 'Codex', '--title', 'R', '--body', 'b']);
    expect(said.asked).toEqual(['contents.get:200', 'contents.put:200']);

    const read = await counted(['read', 'alpha', '--json']);
    expect(read.asked).toEqual(['contents.get:200']);
    expect(JSON.parse(read.r.stdout).entries).toHaveLength(2);

    // Our own write moved the tree: one full look, and our thread's summary is already known.
    const after = await counted(['list', '--json']);
    expect(after.asked).toEqual(['trees.get:200']);
    expect(rows(after.r).find((t) => t.topic === 'alpha')?.entry_count).toBe(2);
    expect((await counted(['list'])).asked).toEqual(['trees.get:304']);

    // A second say on the same thread from a new process: still two.
    const twice = await counted([
      'say',
      'alpha',
      '--agent',
      'Claude',
      '--title',
      'S',
      '--body',
      'c',
    ]);
    expect(twice.asked).toEqual(['contents.get:200', 'contents.put:200']);
    const newTopic = await counted([
      'say',
      'delta',
      '--agent',
      'Claude',
      '--title',
      'N',
      '--body',
      'd',
    ]);
    expect(newTopic.asked).toEqual(['contents.get:404', 'contents.put:201']);
  });

  it('sees a push by someone else, and a say on that thread looks at the tree again', async () => {
    expect((await counted(['list'])).asked).toEqual(['trees.get:200']);
    await fake.commitFiles(REPO, {
      'threads/beta.md': `${thread('beta', 'second')}\n---\n\nEntry: Bob (bob) 2026-01-06T10:00:00Z\nRole: critic\nType: Note\nTitle: Pushed\n\npushed from elsewhere\n`,
    });
    const seen = await counted(['list', '--json']);
    // The same ETag no longer matches: a 200, and only the changed thread's blob.
    expect(seen.asked).toEqual(['trees.get:200', 'blobs.get:200']);
    expect(fake.requests[0]?.conditional).toBe(true);
    expect(rows(seen.r).find((t) => t.topic === 'beta')?.entry_count).toBe(2);

    await fake.commitFiles(REPO, { 'threads/gamma.md': `${thread('gamma', 'third')}\nedited\n` });
    const read = await counted(['read', 'gamma', '--json']);
    expect(JSON.parse(read.r.stdout).entries[0].body).toContain('edited');
    const said = await counted(['say', 'gamma', '--agent', 'Codex', '--title', 'R', '--body', 'x']);
    expect(said.asked).toEqual(['contents.get:200', 'trees.get:200', 'contents.put:200']);
    expect((await counted(['list'])).asked).toEqual(['trees.get:200']);
    expect((await counted(['list'])).asked).toEqual(['trees.get:304']);
  });
});

describe('the cache is a hint, never the truth', () => {
  const truth = async () => rows((await counted(['list', '--json'])).r);

  it('ignores a truncated, altered, misshapen or foreign file and answers from GitHub', async () => {
    const expected = await truth();
    const [file] = cacheFiles();
    expect(file).toBeDefined();
    const good = readFileSync(file as string, 'utf8');

    writeFileSync(file as string, good.slice(0, good.length / 2));
    const truncated = await counted(['list', '--json']);
    expect(truncated.asked[0]).toBe('trees.get:200');
    expect(rows(truncated.r)).toEqual(expected);

    // A summary altered in place: its digest no longer matches, so it is not believed.
    writeFileSync(
      file as string,
      readFileSync(file as string, 'utf8').replaceAll('"alpha"', '"forged"'),
    );
    const altered = await counted(['list', '--json']);
    expect(altered.asked[0]).toBe('trees.get:200');
    expect(rows(altered.r)).toEqual(expected);

    // Whole and signed, but not the shape of a cache (a count that is not one): ignored too.
    const data = JSON.parse(readFileSync(file as string, 'utf8')) as {
      state: { summaries: Record<string, { entry_count: unknown }> };
    };
    for (const s of Object.values(data.state.summaries)) s.entry_count = 'many';
    const digest = createHash('sha256').update(JSON.stringify(data.state)).digest('hex');
    writeFileSync(file as string, JSON.stringify({ ...data, digest }));
    const misshapen = await counted(['list', '--json']);
    expect(misshapen.asked[0]).toBe('trees.get:200');
    expect(rows(misshapen.r)).toEqual(expected);
  });

  it("ignores another repository's file put in its place", async () => {
    await fake.createRepo('alice/other', { files: { 'threads/only.md': thread('only', 'o') } });
    const before = new Set(cacheFiles());
    await counted(['list'], 'alice/other');
    const other = cacheFiles().find((f) => !before.has(f)) as string;
    const mine = [...before][0] as string;
    writeFileSync(mine, readFileSync(other, 'utf8'));
    const listed = await counted(['list', '--json']);
    expect(listed.asked[0]).toBe('trees.get:200');
    expect(rows(listed.r).map((t) => t.topic)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
  });

  it('holds no token, in a folder only its user may read', async () => {
    for (const f of cacheFiles()) expect(readFileSync(f, 'utf8')).not.toContain(TOKEN);
    expect(statSync(join(cache, 'watercooler', 'github')).mode & 0o077).toBe(0);
    // Not even from an API URL that carries one in its user part.
    const identity = gitHubCacheIdentity({
      repo: REPO,
      baseUrl: `https://x:${TOKEN}@ghe.example/api/v3/`,
    });
    expect(identity).not.toContain(TOKEN);
    expect(identity).toContain('"https://ghe.example/api/v3"');
  });
});

describe('processes writing the cache at once', () => {
  it('never tear it: afterwards it is whole and a list is one 304', async () => {
    const runs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        i % 2 === 0
          ? wc(['list', '--json'])
          : wc(['say', `race-${i}`, '--agent', 'Claude', '--title', 'T', '--body', `b${i}`]),
      ),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    for (const f of cacheFiles()) expect(() => JSON.parse(readFileSync(f, 'utf8'))).not.toThrow();
    expect(
      readdirSync(join(cache, 'watercooler', 'github')).filter((f) => f.endsWith('.tmp')),
    ).toEqual([]);
    await counted(['list']);
    const listed = await counted(['list', '--json']);
    expect(listed.asked).toEqual(['trees.get:304']);
    expect(rows(listed.r).filter((t) => t.topic.startsWith('race-'))).toHaveLength(4);
  });
});
