/**
 * The GitHub API store against the fake GitHub (SPEC §3 "GitHub store", §9 request budget):
 * - Requests counted at the fake: a `say` on a known repository = 2 (GET contents + PUT); a warm
 *   `list` with nothing changed = 1 (the trees request, answered 304); an unchanged `read` = one
 *   304; after one thread changes, a `list` fetches only that thread's blob.
 * - Where threads sit: `watercooler.json` `threadsDir`, else the root when it holds thread files
 *   (the Python tool's repositories), else `threads/`; an empty repository is a valid start. The
 *   repository's agents registry decides the counterpart.
 * - Writes are idempotent by Entry-ID: a PUT whose answer is lost (502) is retried and lands once.
 * - Errors a user can act on, one clear message each, nothing written: bad token (AUTH), a token
 *   without contents write (PERMISSION, fine-grained 403 and classic 404), repository missing
 *   (REPO_NOT_FOUND), branch missing (CONFIG), primary rate limit spent (RATE_LIMITED with the
 *   reset time, one request spent, no hammering), and waits when the reset or `retry-after` fits
 *   in the retry budget.
 * - The token appears in no message, hint, log line or inspected error.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WatercoolerError } from '../../core/errors.js';
import type { GitHubStoreOptions } from '../../core/store/open.js';
import { openGitHubStore, parseRepoSpec } from '../../core/store/github.js';
import type { ThreadStore } from '../../core/store/store.js';
import { parseThread } from '../../core/thread/parse.js';
import { FakeGitHub } from '../helpers/fake-github.js';

const TOKEN = 'ghp_storeTestTokenThatMustNeverLeak000001';
const READER = 'github_pat_storeTestReadOnly0000000000001';
const CLASSIC = 'ghp_storeTestClassicReadOnly000000000001';
let fake: FakeGitHub;
const logs: string[] = [];
const errors: unknown[] = [];

const open = (repo: string, extra: Partial<GitHubStoreOptions> = {}): Promise<ThreadStore> =>
  openGitHubStore({
    repo,
    token: TOKEN,
    baseUrl: fake.url,
    log: (line) => logs.push(line),
    ...extra,
  });

async function failure(p: Promise<unknown>): Promise<WatercoolerError> {
  try {
    await p;
  } catch (err) {
    errors.push(err);
    if (err instanceof WatercoolerError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

const say = (topic: string, agent = 'Claude (alice)', title = 'Hello') => ({
  kind: 'say' as const,
  topic,
  agent,
  title,
  body: `${title} body`,
});

beforeAll(async () => {
  fake = await FakeGitHub.start();
  fake.addToken(TOKEN, { login: 'alice' });
  fake.addToken(READER, { login: 'rita', permission: 'read', repos: ['alice/threads'] });
  fake.addToken(CLASSIC, {
    login: 'carl',
    permission: 'read',
    repos: ['alice/threads'],
    kind: 'classic',
  });
  await fake.createRepo('alice/threads', { files: { 'README.md': '# Team threads\n' } });
});
afterAll(async () => {
  await fake.close();
  // Every message, hint, log line and inspected error of this file, none with the token.
  const seen = [
    ...logs,
    ...errors.flatMap((e) => [
      String(e),
      e instanceof WatercoolerError ? (e.hint ?? '') : '',
      inspect(e, { depth: 6 }),
    ]),
  ].join('\n');
  expect(errors.length).toBeGreaterThan(5);
  expect(seen).not.toContain(TOKEN);
  expect(seen).not.toContain(READER);
  expect(seen).not.toContain(CLASSIC);
});

describe('request budget, counted at the fake', () => {
  it('say = 2, warm list unchanged = 1, unchanged read = one 304', async () => {
    const store = await open('alice/threads');
    await store.list(); // learns the layout: one trees request
    fake.resetRequests();
    const first = await store.apply(say('budget'));
    expect(fake.requests.map((r) => `${r.route}:${r.status}`)).toEqual([
      'contents.get:404',
      'contents.put:201',
    ]);
    fake.resetRequests();
    await store.apply(say('budget', 'Codex (bob)', 'Reply'));
    expect(fake.requests.map((r) => r.route)).toEqual(['contents.get', 'contents.put']);

    await store.list();
    fake.resetRequests();
    const rows = await store.list();
    expect(fake.requests.map((r) => `${r.route}:${r.status}`)).toEqual(['trees.get:304']);
    expect(rows.find((r) => r.topic === 'budget')).toMatchObject({
      entry_count: 2,
      last_agent: 'Codex (bob)',
      path: 'threads/budget.md',
    });

    await store.read('budget');
    fake.resetRequests();
    const snap = await store.read('budget');
    expect(fake.requests.map((r) => `${r.route}:${r.status}`)).toEqual(['contents.get:304']);
    expect(snap.thread.entries.map((e) => e.entryId)).toContain(first.entry_id);
    expect(snap.text).toBe(await fake.readFile('alice/threads', 'threads/budget.md'));
    expect(snap.version).toBe(
      (await fake.git('alice/threads', ['rev-parse', 'main:threads/budget.md'])).trim(),
    );

    // Another writer changes one thread: the next list costs the tree plus that one blob.
    await store.apply(say('other'));
    await store.list();
    await fake.commitFiles('alice/threads', {
      'threads/budget.md': `${snap.text.trimEnd()}\n\nhand edit\n`,
    });
    fake.resetRequests();
    await store.list();
    expect(fake.requests.map((r) => `${r.route}:${r.status}`)).toEqual([
      'trees.get:200',
      'blobs.get:200',
    ]);
  });
});

describe('layout and config', () => {
  it('starts in an empty repository, in threads/', async () => {
    await fake.createRepo('alice/fresh');
    const store = await open('alice/fresh');
    expect(await store.list()).toEqual([]);
    const result = await store.apply(say('first topic'));
    expect(result).toMatchObject({ topic: 'first topic', operation: 'say', pending: false });
    expect(result.ball).toBe('Codex (alice)');
    expect(await fake.readFile('alice/fresh', 'threads/first-topic.md')).toContain(
      `<!-- Entry-ID: ${result.entry_id} -->`,
    );
    const message = await fake.git('alice/fresh', ['log', '-1', '--format=%B']);
    expect(message).toContain('Claude (alice): say first topic');
    expect(message).toContain(`Watercooler-Entry-ID: ${result.entry_id}`);
    expect(store.info).toMatchObject({
      kind: 'github',
      location: 'alice/fresh',
      threadsDir: 'threads',
    });
    expect(await store.sync()).toEqual({ replayed: [], pending: [] });
    expect(await store.pending()).toEqual([]);
  });

  it('follows watercooler.json threadsDir and its agents registry', async () => {
    await fake.createRepo('alice/configured', {
      files: {
        'watercooler.json': JSON.stringify({
          threadsDir: 'conversations',
          defaultBall: 'Reviewer',
          agents: { counterpart: { Builder: 'Reviewer', Reviewer: 'Builder' } },
        }),
      },
    });
    const store = await open('alice/configured');
    const result = await store.apply(say('plan', 'Builder'));
    expect(result.ball).toBe('Reviewer');
    expect(await fake.readFile('alice/configured', 'conversations/plan.md')).not.toBeNull();
    expect(store.info.threadsDir).toBe('conversations');
    expect((await store.config()).defaultBall).toBe('Reviewer');
  });

  it('uses the root when it already holds thread files (the Python tool layout), on a branch', async () => {
    const legacy =
      '# legacy — Thread\nStatus: OPEN\nBall: codex\nTopic: legacy\nCreated: 2025-10-08T10:00:00Z\n';
    await fake.createRepo('alice/python-threads', {
      files: { 'legacy.md': legacy, 'README.md': '# readme\n' },
    });
    await fake.git('alice/python-threads', ['branch', 'work', 'main']);
    const store = await open('alice/python-threads@work');
    const rows = await store.list();
    expect(rows.map((r) => r.path)).toEqual(['legacy.md']);
    await store.apply(say('legacy', 'Codex (bob)'));
    const text = await fake.readFile('alice/python-threads', 'legacy.md', 'work');
    expect(parseThread(text ?? '').entries).toHaveLength(1);
    expect(await fake.readFile('alice/python-threads', 'legacy.md', 'main')).toBe(legacy);
    expect(store.info.location).toBe('alice/python-threads@work');
  });

  it('names the closest topics when a thread is missing', async () => {
    const store = await open('alice/threads');
    const err = await failure(store.read('budgett'));
    expect(err.code).toBe('THREAD_NOT_FOUND');
    expect(err.hint).toContain('"budget"');
  });
});

describe('idempotent writes', () => {
  it('a PUT whose answer was lost is retried and lands exactly once', async () => {
    const store = await open('alice/threads');
    await store.apply(say('lost-answer'));
    fake.loseAnswers(1);
    const result = await store.apply(say('lost-answer', 'Codex (bob)', 'Once'));
    const thread = parseThread(
      (await fake.readFile('alice/threads', 'threads/lost-answer.md')) ?? '',
    );
    expect(thread.entries.filter((e) => e.entryId === result.entry_id)).toHaveLength(1);
    expect(thread.entries).toHaveLength(2);
  });

  it('the same Entry-ID twice is one entry', async () => {
    const store = await open('alice/threads');
    const op = { ...say('same-id'), entryId: '01JCDZ8Y0000000000000000AA' };
    await store.apply(op);
    const again = await store.apply(op);
    expect(again.entry_id).toBe('01JCDZ8Y0000000000000000AA');
    const text = (await fake.readFile('alice/threads', 'threads/same-id.md')) ?? '';
    expect(parseThread(text).entries).toHaveLength(1);
  });
});

describe('errors a user can act on, nothing lost', () => {
  const head = () => fake.git('alice/threads', ['rev-parse', 'main']);

  it('a bad token: AUTH, says 401 and what token to make', async () => {
    const before = await head();
    const store = await openGitHubStore({
      repo: 'alice/threads',
      token: 'ghp_revokedTokenNeverKnown00000000000001',
      baseUrl: fake.url,
    });
    const err = await failure(store.apply(say('nope')));
    expect(err.code).toBe('AUTH');
    expect(err.message).toMatch(/401/);
    expect(err.message).toMatch(/invalid, expired or revoked/);
    expect(err.hint).toMatch(/Contents: read and write/);
    expect(await head()).toBe(before);
  });

  it('a token that may read but not write: PERMISSION naming contents write (fine-grained and classic)', async () => {
    const before = await head();
    const reader = await open('alice/threads', { token: READER });
    expect((await reader.read('budget')).thread.entries.length).toBeGreaterThan(0);
    const err = await failure(reader.apply(say('budget')));
    expect(err.code).toBe('PERMISSION');
    expect(err.message).toMatch(/Contents: read and write/);
    expect(err.message).toMatch(/contents=write/);
    expect(err.hint).toMatch(/safe to repeat/);

    const classic = await open('alice/threads', { token: CLASSIC });
    const err2 = await failure(classic.apply(say('budget')));
    expect(err2.code).toBe('PERMISSION');
    expect(err2.message).toMatch(/cannot push/);
    expect(await head()).toBe(before);
  });

  it('a repository that does not exist (or is hidden), and a missing branch', async () => {
    const store = await open('alice/missing');
    const err = await failure(store.list());
    expect(err.code).toBe('REPO_NOT_FOUND');
    expect(err.message).toContain('alice/missing');
    const branch = await open('alice/threads@nope');
    const err2 = await failure(branch.apply(say('x')));
    expect(err2.code).toBe('CONFIG');
    expect(err2.message).toMatch(/Branch "nope" not found/);
    expect(err2.hint).toContain('alice/threads@main');
    expect(() => parseRepoSpec('not a repo')).toThrow(/not a GitHub repository/);
    expect(parseRepoSpec('acme/team-threads@feature/x')).toEqual({
      owner: 'acme',
      repo: 'team-threads',
      branch: 'feature/x',
    });
  });

  it('a spent rate limit: RATE_LIMITED with the reset time, one request spent, nothing written', async () => {
    const token = 'ghp_storeTestSpentLimit00000000000000001';
    fake.addToken(token, { login: 'alice' });
    const store = await open('alice/threads', { token });
    await store.list();
    const before = await head();
    fake.setRateLimit(token, { remaining: 0, resetInSeconds: 3600 });
    fake.resetRequests();
    const err = await failure(store.apply(say('budget')));
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.message).toMatch(/resets at \d\d:\d\d:\d\d UTC \(in \d+ min\)/);
    expect(err.hint).toMatch(/Nothing was written/);
    expect(fake.count()).toBe(1);
    expect(await head()).toBe(before);

    fake.setPrimaryLimitStatus(429);
    const err429 = await failure(store.read('budget'));
    expect(err429.code).toBe('RATE_LIMITED');
    fake.setPrimaryLimitStatus(403);
  });

  it('waits for a reset or a retry-after that fits in the retry budget', async () => {
    const token = 'ghp_storeTestShortLimit00000000000000001';
    fake.addToken(token, { login: 'alice' });
    const store = await open('alice/threads', { token });
    await store.list();
    fake.setRateLimit(token, { remaining: 0, resetInSeconds: 1 });
    logs.length = 0;
    const result = await store.apply(say('budget', 'Codex (bob)', 'After the reset'));
    expect(result.entry_id).not.toBeNull();
    expect(logs.join('\n')).toMatch(/rate limit spent; waiting \d+ s/);

    fake.injectSecondaryLimit(2, { retryAfter: 1 });
    const second = await store.apply(say('budget', 'Claude (alice)', 'After secondary'));
    expect(second.entry_id).not.toBeNull();
    expect(logs.join('\n')).toMatch(/secondary rate limit; waiting 1 s/);

    fake.injectSecondaryLimit(1, { retryAfter: 3600 });
    const err = await failure(store.read('budget'));
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.message).toMatch(/secondary rate limit.*3600 s/);
  });
});
