/**
 * The single writer over GitHub's Git Data API (core/store/github-batch.ts), as a backend run
 * through the store skeleton, against the fake GitHub over HTTP:
 * - writes that arrive while a commit is in flight share the next commit: many writes, few
 *   commits, every entry exactly once, history linear (each commit's parent is the last);
 * - reads and lists within the freshness window are served from the copy (no request), and a
 *   write asks nothing before its commit: the ref update is the check;
 * - the ref update is a compare-and-swap: a human's push in between is kept and the batch is
 *   re-applied on top of it;
 * - a lost answer to the ref update is settled by reading the ref: acknowledged, not doubled;
 * - GitHub failing is an error that says nothing was written, never a silent success; a read
 *   meanwhile is served from the copy; a branch without commits is a CONFIG error saying what to do;
 * - one login is the commit's author; several are co-authors;
 * - the self-hosted single writer (openGitHubSingleWriter) commits the Python tool's graph files
 *   with the thread, in one commit, where that graph is kept.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ThreadStore, openGitHubSingleWriter, parseThread } from '../../core/index.js';
import { type GitHubBatch, openGitHubBatch } from '../../core/store/github-batch.js';
import { createStore } from '../../core/store/skeleton.js';
import { FakeGitHub } from '../helpers/fake-github.js';

const TOKEN = 'ghp_hubBatchTestToken000000000000000001';
const REPO = 'acme/threads';
const PATH = 'threads/plan.md';
let fake: FakeGitHub;

const say = (n: number) => ({
  kind: 'say' as const,
  topic: 'plan',
  agent: 'Claude Code',
  title: `entry ${n}`,
  body: `body ${n}`,
  entryId: `01HUBBATCH${String(n).padStart(16, '0')}`,
});

/** The store one login writes through: the skeleton over the batch's backend. */
const as = (batch: GitHubBatch, login = 'alice'): ThreadStore =>
  createStore(batch.backend({ login }), { context: { user: login } });

beforeEach(async () => {
  fake = await FakeGitHub.start();
  fake.addToken(TOKEN, { login: 'hub-bot', repos: [REPO] });
  await fake.createRepo(REPO, { files: { 'README.md': '# threads\n' } });
});
afterEach(async () => {
  await fake.close();
});

const open = (freshMs?: number) =>
  openGitHubBatch({
    repo: REPO,
    token: TOKEN,
    baseUrl: fake.url,
    ...(freshMs === undefined ? {} : { freshMs }),
  });
const entries = async () =>
  parseThread((await fake.readFile(REPO, PATH)) ?? '').entries.map((e) => e.title);
const history = async () =>
  (await fake.git(REPO, ['rev-list', '--parents', 'main'])).trim().split('\n');

describe('github batch', () => {
  it('groups concurrent writes into few commits, each entry once, history linear', async () => {
    const batch = await open();
    const store = as(batch);
    await store.list();
    fake.resetRequests();
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.apply(say(i))));
    const titles = await entries();
    expect(titles).toHaveLength(40);
    expect(new Set(titles).size).toBe(40);
    const commits = await history();
    // Each line is "<sha> <parent>": one parent each, a straight line.
    for (const line of commits.slice(0, -1)) expect(line.split(' ')).toHaveLength(2);
    expect(commits.length - 1).toBeLessThan(40);
    expect(fake.count() / 40).toBeLessThan(1);
    expect(fake.count('refs.update')).toBe(commits.length - 1);
  });

  it('serves reads from its copy within the window, and writes without asking first', async () => {
    const batch = await open(60_000);
    const store = as(batch);
    await store.apply(say(1));
    fake.resetRequests();
    expect((await store.read('plan')).thread.entries).toHaveLength(1);
    expect((await store.list()).map((t) => t.topic)).toEqual(['plan']);
    expect(fake.count()).toBe(0);
    await store.apply(say(2));
    // One tree, one commit, one ref update: nothing read before it.
    expect(fake.count()).toBe(3);
  });

  it('keeps a push made in between and re-applies the batch on top of it', async () => {
    const batch = await open();
    const store = as(batch);
    await store.apply(say(1));
    await fake.commitFiles(REPO, { 'notes.md': 'pushed by a human\n' });
    await store.apply(say(2));
    expect(await entries()).toEqual(['entry 1', 'entry 2']);
    expect(await fake.readFile(REPO, 'notes.md')).toBe('pushed by a human\n');
  });

  it('settles a lost answer to the ref update by reading the ref', async () => {
    const store = as(await open());
    await store.apply(say(1));
    fake.loseAnswers(1, { method: 'PATCH' });
    const r = await store.apply(say(2));
    expect(r.entry_id).toBe(say(2).entryId);
    // The same write again (a client's retry) is a no-op.
    await store.apply(say(2));
    expect(await entries()).toEqual(['entry 1', 'entry 2']);
  });

  it('says so when GitHub fails, and has written nothing', async () => {
    const store = as(await open());
    await store.apply(say(1));
    fake.loseAnswers(3, { method: 'POST', status: 503 });
    await expect(store.apply(say(2))).rejects.toMatchObject({
      code: 'UNREACHABLE',
      hint: expect.stringContaining('Nothing was written') as unknown,
    });
    expect(await entries()).toEqual(['entry 1']);
    await store.apply(say(3));
    expect(await entries()).toEqual(['entry 1', 'entry 3']);
  });

  it('names one login as author, several as co-authors, each entry its own', async () => {
    const batch = await open();
    await as(batch, 'alice').apply(say(1));
    const one = await fake.git(REPO, ['log', '-1', '--format=%an <%ae>%n%B', 'main']);
    expect(one).toContain('alice <alice@users.noreply.github.com>');
    await Promise.all([as(batch, 'bob').apply(say(2)), as(batch, 'carol').apply(say(3))]);
    const log = await fake.git(REPO, ['log', '--format=%an%n%B', 'main']);
    expect(log).toMatch(/Co-authored-by: carol <carol@users\.noreply\.github\.com>|bob\n/);
    const agents = parseThread((await fake.readFile(REPO, PATH)) ?? '').entries.map((e) => e.agent);
    expect(agents).toEqual(['Claude Code (alice)', 'Claude Code (bob)', 'Claude Code (carol)']);
  });

  it('commits the graph files with the thread where the Python tool keeps a graph', async () => {
    await fake.commitFiles(REPO, { 'threads/graph/baseline/manifest.json': '{}\n' });
    const store = await openGitHubSingleWriter({ repo: REPO, token: TOKEN, baseUrl: fake.url });
    await store.apply(say(1));
    const changed = (await fake.git(REPO, ['show', '--name-only', '--format=', 'main']))
      .trim()
      .split('\n')
      .sort();
    expect(changed).toContain(PATH);
    expect(changed.filter((f) => f.startsWith('threads/graph/baseline/threads/plan/'))).toEqual([
      'threads/graph/baseline/threads/plan/edges.jsonl',
      'threads/graph/baseline/threads/plan/entries.jsonl',
      'threads/graph/baseline/threads/plan/meta.json',
    ]);
    await store.close();
  });

  it('serves reads from its copy while GitHub does not answer', async () => {
    const store = as(await open(0));
    await store.apply(say(1));
    fake.loseAnswers(30, { method: 'GET', status: 503 });
    expect((await store.read('plan')).thread.entries.map((e) => e.title)).toEqual(['entry 1']);
    expect((await store.list()).map((t) => t.topic)).toEqual(['plan']);
    fake.loseAnswers(0);
  });

  it('says what to do with a branch that has no commits', async () => {
    fake.addToken(`${TOKEN}-empty`, { login: 'hub-bot', repos: ['acme/empty'] });
    await fake.createRepo('acme/empty');
    const batch = await openGitHubBatch({
      repo: 'acme/empty',
      token: `${TOKEN}-empty`,
      baseUrl: fake.url,
    });
    await expect(as(batch).apply(say(1))).rejects.toMatchObject({
      code: 'CONFIG',
      hint: expect.stringContaining('Push a first commit') as unknown,
    });
  });
});
