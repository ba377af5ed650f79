/**
 * The group commit over GitHub's Git Data API (core/store/github-batch.ts), against the fake
 * GitHub over HTTP:
 * - writes that arrive while a commit is in flight share the next commit: many writes, few
 *   commits, every entry exactly once, history linear (each commit's parent is the last);
 * - the ref update is a compare-and-swap: a human's push in between is kept and the batch is
 *   re-applied on top of it;
 * - a lost answer to the ref update is settled by reading the ref: acknowledged, not doubled;
 * - GitHub failing is an error that says nothing was written, never a silent success;
 * - one login is the commit's author; several are co-authors.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OperationContext, parseThread } from '../../core/index.js';
import { DEFAULT_REGISTRY } from '../../core/agents.js';
import { openGitHubBatch } from '../../core/store/github-batch.js';
import { FakeGitHub } from '../helpers/fake-github.js';

const TOKEN = 'ghp_hubBatchTestToken000000000000000001';
const REPO = 'acme/threads';
const PATH = 'threads/plan.md';
let fake: FakeGitHub;

const ctx: OperationContext = {
  registry: DEFAULT_REGISTRY,
  defaultBall: 'Team',
  user: null,
  now: () => new Date(),
};

const say = (n: number, login = 'alice') => ({
  path: PATH,
  op: {
    kind: 'say' as const,
    topic: 'plan',
    agent: `Claude Code (${login})`,
    title: `entry ${n}`,
    body: `body ${n}`,
    entryId: `01HUBBATCH${String(n).padStart(16, '0')}`,
  },
  ctx,
  author: { login },
});

beforeEach(async () => {
  fake = await FakeGitHub.start();
  fake.addToken(TOKEN, { login: 'hub-bot', repos: [REPO] });
  await fake.createRepo(REPO, { files: { 'README.md': '# threads\n' } });
});
afterEach(async () => {
  await fake.close();
});

const open = () => openGitHubBatch({ repo: REPO, token: TOKEN, baseUrl: fake.url });
const entries = async () =>
  parseThread((await fake.readFile(REPO, PATH)) ?? '').entries.map((e) => e.title);
const history = async () =>
  (await fake.git(REPO, ['rev-list', '--parents', 'main'])).trim().split('\n');

describe('github batch', () => {
  it('groups concurrent writes into few commits, each entry once, history linear', async () => {
    const batch = await open();
    await batch.refresh();
    fake.resetRequests();
    await Promise.all(Array.from({ length: 40 }, (_, i) => batch.write(say(i))));
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

  it('keeps a push made in between and re-applies the batch on top of it', async () => {
    const batch = await open();
    await batch.write(say(1));
    await fake.commitFiles(REPO, { 'notes.md': 'pushed by a human\n' });
    await batch.write(say(2));
    expect(await entries()).toEqual(['entry 1', 'entry 2']);
    expect(await fake.readFile(REPO, 'notes.md')).toBe('pushed by a human\n');
  });

  it('settles a lost answer to the ref update by reading the ref', async () => {
    const batch = await open();
    await batch.write(say(1));
    fake.loseAnswers(1, { method: 'PATCH' });
    const r = await batch.write(say(2));
    expect(r.entryId).toBe(say(2).op.entryId);
    // The same write again (a client's retry) is a no-op.
    await batch.write(say(2));
    expect(await entries()).toEqual(['entry 1', 'entry 2']);
  });

  it('says so when GitHub fails, and has written nothing', async () => {
    const batch = await open();
    await batch.write(say(1));
    fake.loseAnswers(3, { method: 'POST', status: 503 });
    await expect(batch.write(say(2))).rejects.toMatchObject({
      code: 'UNREACHABLE',
      hint: expect.stringContaining('Nothing was written') as unknown,
    });
    expect(await entries()).toEqual(['entry 1']);
    await batch.write(say(3));
    expect(await entries()).toEqual(['entry 1', 'entry 3']);
  });

  it('names one login as author, several as co-authors', async () => {
    const batch = await open();
    await batch.write(say(1, 'alice'));
    const one = await fake.git(REPO, ['log', '-1', '--format=%an <%ae>%n%B', 'main']);
    expect(one).toContain('alice <alice@users.noreply.github.com>');
    await Promise.all([batch.write(say(2, 'bob')), batch.write(say(3, 'carol'))]);
    const log = await fake.git(REPO, ['log', '--format=%an%n%B', 'main']);
    expect(log).toMatch(/Co-authored-by: carol <carol@users\.noreply\.github\.com>|bob\n/);
  });
});
