/**
 * The fake GitHub follows GitHub's documented REST semantics for every endpoint the project calls
 * (so a store that passes against it is not passing against our own invention):
 * - Contents GET: base64 `content` (wrapped at 60), `sha` = the git blob id, an ETag; a matching
 *   `If-None-Match` is a 304 that does not decrement `x-ratelimit-remaining`; other requests do.
 * - Contents PUT: 201 creates, 200 updates; 409 "<path> does not match <sha>" for a stale sha; 422
 *   "sha wasn't supplied" for an existing file; 404 for an unknown branch. Each write is a real
 *   commit whose parent is the previous tip (checked with git).
 * - Git Trees (recursive, ETag/304), Git Blobs; an empty repository: contents 404 "This repository
 *   is empty.", trees 409 "Git Repository is empty.".
 * - Repositories: get (with permissions), create for the user and for an org (422 when the name
 *   exists, 403 outside the org), 404 for a private repository the token cannot see.
 * - Auth: 401 "Bad credentials"; a read-only fine-grained token gets 403 "Resource not accessible by
 *   personal access token" with `x-accepted-github-permissions: contents=write`, a classic one 404.
 * - Rate limits: 403 (or 429) with remaining 0 and a reset when spent, refilled after the reset;
 *   injected secondary limits answer 403 with `retry-after`. Link pagination.
 * - Smart HTTP: the same repository clones and pushes over `git http-backend`; a push is seen by
 *   the API at once. An injected lost answer (502) still carries out the write.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../helpers/fake-github.js';

const run = promisify(execFile);
const ALICE = 'ghp_aliceFakeGithubTestToken000000000001';
const READER = 'github_pat_readerFakeGithubTestToken00001';
const CLASSIC_READER = 'ghp_classicReaderFakeGithubToken0000001';
const OUTSIDER = 'ghp_outsiderFakeGithubTestToken00000001';
let fake: FakeGitHub;
let scratch: string;

const api = (path: string, token: string | null, init: RequestInit = {}) =>
  fetch(`${fake.url}${path}`, {
    ...init,
    headers: {
      accept: 'application/vnd.github+json',
      ...(token === null ? {} : { authorization: `token ${token}` }),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
const put = (path: string, token: string, body: object) =>
  api(`/repos/alice/threads/contents/${path}`, token, {
    method: 'PUT',
    body: JSON.stringify(body),
  });
const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeAll(async () => {
  fake = await FakeGitHub.start();
  fake.addToken(ALICE, { login: 'alice', orgs: ['acme'] });
  fake.addToken(READER, { login: 'rita', permission: 'read', repos: ['alice/threads'] });
  fake.addToken(CLASSIC_READER, {
    login: 'carl',
    permission: 'read',
    repos: ['alice/threads'],
    kind: 'classic',
  });
  fake.addToken(OUTSIDER, { login: 'olga' });
  fake.addOrg('acme', ['alice']);
  await fake.createRepo('alice/threads', {
    files: { 'threads/a.md': 'hello\n', 'README.md': '# threads\n' },
  });
  await fake.createRepo('alice/empty');
  scratch = mkdtempSync(join(tmpdir(), 'fake-github-test-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('contents', () => {
  it('GET gives base64 content, the blob sha and an ETag; a 304 costs no rate limit', async () => {
    const res = await api('/repos/alice/threads/contents/threads/a.md', ALICE);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { content: string; sha: string; encoding: string };
    expect(body.encoding).toBe('base64');
    expect(Buffer.from(body.content, 'base64').toString()).toBe('hello\n');
    const blob = (await fake.git('alice/threads', ['rev-parse', 'main:threads/a.md'])).trim();
    expect(body.sha).toBe(blob);
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/".+"$/);
    const remaining = Number(res.headers.get('x-ratelimit-remaining'));

    const again = await api('/repos/alice/threads/contents/threads/a.md', ALICE, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(Number(again.headers.get('x-ratelimit-remaining'))).toBe(remaining);

    const third = await api('/repos/alice/threads/contents/threads/a.md', ALICE);
    expect(Number(third.headers.get('x-ratelimit-remaining'))).toBe(remaining - 1);
    expect(third.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(third.headers.get('x-ratelimit-resource')).toBe('core');
  });

  it('PUT creates (201), updates with the sha (200), refuses stale (409) and missing (422) shas', async () => {
    const created = await put('threads/b.md', ALICE, {
      message: 'create b',
      content: b64('one\n'),
    });
    expect(created.status).toBe(201);
    const first = (await created.json()) as { content: { sha: string }; commit: { sha: string } };

    const missing = await put('threads/b.md', ALICE, { message: 'no sha', content: b64('x\n') });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { message: string }).message).toBe(
      'Invalid request.\n\n"sha" wasn\'t supplied.',
    );

    const updated = await put('threads/b.md', ALICE, {
      message: 'update b',
      content: b64('one\ntwo\n'),
      sha: first.content.sha,
    });
    expect(updated.status).toBe(200);
    const second = (await updated.json()) as {
      commit: { sha: string; parents: { sha: string }[] };
    };
    expect(second.commit.parents.map((p) => p.sha)).toEqual([first.commit.sha]);

    const stale = await put('threads/b.md', ALICE, {
      message: 'stale',
      content: b64('lost\n'),
      sha: first.content.sha,
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { message: string }).message).toBe(
      `threads/b.md does not match ${first.content.sha}`,
    );

    const branch = await put('threads/b.md', ALICE, {
      message: 'x',
      content: b64('x'),
      branch: 'nope',
    });
    expect(branch.status).toBe(404);

    // Real commits, real parents, in git's own view.
    const log = await fake.git('alice/threads', ['log', '--format=%H %P %s', '-3']);
    const [top, below] = log.trim().split('\n');
    expect(top).toBe(`${second.commit.sha} ${first.commit.sha} update b`);
    expect(below?.startsWith(`${first.commit.sha} `)).toBe(true);
    expect(await fake.readFile('alice/threads', 'threads/b.md')).toBe('one\ntwo\n');
  });

  it('answers an empty repository as GitHub does', async () => {
    const contents = await api('/repos/alice/empty/contents/threads/x.md', ALICE);
    expect(contents.status).toBe(404);
    expect(((await contents.json()) as { message: string }).message).toBe(
      'This repository is empty.',
    );
    const tree = await api('/repos/alice/empty/git/trees/main?recursive=1', ALICE);
    expect(tree.status).toBe(409);
    expect(((await tree.json()) as { message: string }).message).toBe('Git Repository is empty.');
  });
});

describe('trees and blobs', () => {
  it('lists recursively with blob shas, and answers 304 to a matching ETag', async () => {
    const res = await api('/repos/alice/threads/git/trees/main?recursive=1', ALICE);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      sha: string;
      truncated: boolean;
      tree: { path: string; type: string; sha: string }[];
    };
    expect(body.truncated).toBe(false);
    expect(body.sha).toBe((await fake.git('alice/threads', ['rev-parse', 'main^{tree}'])).trim());
    const paths = body.tree.map((e) => `${e.type}:${e.path}`);
    expect(paths).toContain('tree:threads');
    expect(paths).toContain('blob:threads/a.md');
    const flat = (await (await api('/repos/alice/threads/git/trees/main', ALICE)).json()) as {
      tree: { path: string }[];
    };
    expect(flat.tree.map((e) => e.path)).not.toContain('threads/a.md');

    const again = await api('/repos/alice/threads/git/trees/main?recursive=1', ALICE, {
      headers: { 'if-none-match': res.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);

    const blobSha = body.tree.find((e) => e.path === 'threads/a.md')?.sha ?? '';
    const blob = (await (await api(`/repos/alice/threads/git/blobs/${blobSha}`, ALICE)).json()) as {
      content: string;
      encoding: string;
    };
    expect(blob.encoding).toBe('base64');
    expect(Buffer.from(blob.content, 'base64').toString()).toBe('hello\n');
  });
});

describe('repositories and permissions', () => {
  it('gets a repo with permissions, hides a private one from a token without access', async () => {
    const mine = (await (await api('/repos/alice/threads', ALICE)).json()) as {
      full_name: string;
      private: boolean;
      default_branch: string;
      permissions: { push: boolean };
    };
    expect(mine).toMatchObject({
      full_name: 'alice/threads',
      private: true,
      default_branch: 'main',
    });
    expect(mine.permissions.push).toBe(true);
    expect((await api('/repos/alice/threads', OUTSIDER)).status).toBe(404);
    expect((await api('/repos/alice/threads/contents/threads/a.md', null)).status).toBe(404);
  });

  it('creates repositories for the user and for an org; 422 when the name exists', async () => {
    const made = await api('/user/repos', ALICE, {
      method: 'POST',
      body: JSON.stringify({ name: 'new-threads', private: true, auto_init: true }),
    });
    expect(made.status).toBe(201);
    expect(((await made.json()) as { full_name: string }).full_name).toBe('alice/new-threads');
    expect(await fake.readFile('alice/new-threads', 'README.md')).toBe('# new-threads\n');

    const again = await api('/user/repos', ALICE, {
      method: 'POST',
      body: JSON.stringify({ name: 'new-threads' }),
    });
    expect(again.status).toBe(422);
    const error = (await again.json()) as { errors: { message: string }[] };
    expect(error.errors[0]?.message).toBe('name already exists on this account');

    const org = await api('/orgs/acme/repos', ALICE, {
      method: 'POST',
      body: JSON.stringify({ name: 'team' }),
    });
    expect(org.status).toBe(201);
    const outsider = await api('/orgs/acme/repos', OUTSIDER, {
      method: 'POST',
      body: JSON.stringify({ name: 'team2' }),
    });
    expect(outsider.status).toBe(403);
  });

  it('401 for a bad token; 403 with the missing permission for a read-only fine-grained token; 404 for classic', async () => {
    const bad = await api('/repos/alice/threads', 'ghp_notAKnownToken000000000000000000000');
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { message: string }).message).toBe('Bad credentials');

    expect((await api('/repos/alice/threads/contents/threads/a.md', READER)).status).toBe(200);
    const denied = await put('threads/a.md', READER, { message: 'x', content: b64('x') });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('x-accepted-github-permissions')).toBe('contents=write');
    expect(((await denied.json()) as { message: string }).message).toBe(
      'Resource not accessible by personal access token',
    );
    const classic = await put('threads/a.md', CLASSIC_READER, { message: 'x', content: b64('x') });
    expect(classic.status).toBe(404);
  });
});

describe('rate limits and pagination', () => {
  it('answers 403 with remaining 0 and the reset when spent, and refills after the reset', async () => {
    const token = 'ghp_rateLimitedFakeGithubToken000000001';
    fake.addToken(token, { login: 'alice' });
    fake.setRateLimit(token, { limit: 100, remaining: 1, resetInSeconds: 3600 });
    const last = await api('/repos/alice/threads', token);
    expect(last.status).toBe(200);
    expect(last.headers.get('x-ratelimit-remaining')).toBe('0');
    const spent = await api('/repos/alice/threads', token);
    expect(spent.status).toBe(403);
    expect(spent.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(spent.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(((await spent.json()) as { message: string }).message).toMatch(
      /^API rate limit exceeded/,
    );
    fake.setPrimaryLimitStatus(429);
    expect((await api('/repos/alice/threads', token)).status).toBe(429);
    fake.setPrimaryLimitStatus(403);
    fake.setRateLimit(token, { resetInSeconds: -1 });
    const refilled = await api('/repos/alice/threads', token);
    expect(refilled.status).toBe(200);
    expect(refilled.headers.get('x-ratelimit-remaining')).toBe('99');
  });

  it('injects secondary limits with retry-after', async () => {
    fake.injectSecondaryLimit(1, { retryAfter: 7 });
    const limited = await api('/repos/alice/threads', ALICE);
    expect(limited.status).toBe(403);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(((await limited.json()) as { message: string }).message).toMatch(/secondary rate limit/);
    expect((await api('/repos/alice/threads', ALICE)).status).toBe(200);
  });

  it('paginates lists with a Link header', async () => {
    const page1 = await api('/user/repos?per_page=1', ALICE);
    const link = page1.headers.get('link') ?? '';
    expect(link).toMatch(/rel="next"/);
    expect(link).toMatch(/rel="last"/);
    expect(((await page1.json()) as unknown[]).length).toBe(1);
    const commits = await api('/repos/alice/threads/commits?per_page=1&page=2', ALICE);
    expect(commits.headers.get('link')).toMatch(/rel="prev"/);
  });
});

describe('smart HTTP and lost answers', () => {
  it('clones and pushes over git http-backend; the API sees the push at once', async () => {
    const env = { ...process.env, GIT_TERMINAL_PROMPT: '0' };
    const anon = run('git', ['clone', '-q', fake.gitUrl('alice/threads'), join(scratch, 'anon')], {
      env,
    });
    await expect(anon).rejects.toThrow();
    const url = fake.gitUrl('alice/threads').replace('http://', `http://x-access-token:${ALICE}@`);
    const dir = join(scratch, 'clone');
    await run('git', ['clone', '-q', url, dir], { env });
    writeFileSync(join(dir, 'threads', 'pushed.md'), 'from a push\n');
    const git = (...args: string[]) =>
      run('git', ['-C', dir, '-c', 'user.name=P', '-c', 'user.email=p@example.com', ...args], {
        env,
      });
    await git('add', '.');
    await git('commit', '-q', '-m', 'pushed');
    await git('push', '-q', 'origin', 'main');
    const res = await api('/repos/alice/threads/contents/threads/pushed.md', ALICE);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { content: string };
    expect(Buffer.from(body.content, 'base64').toString()).toBe('from a push\n');
  });

  it('a lost answer (502) still carries out the write', async () => {
    fake.loseAnswers(1);
    const res = await put('threads/lost.md', ALICE, { message: 'lost', content: b64('landed\n') });
    expect(res.status).toBe(502);
    expect(await fake.readFile('alice/threads', 'threads/lost.md')).toBe('landed\n');
  });
});
