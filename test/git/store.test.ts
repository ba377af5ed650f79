/**
 * The git store against a real bare remote (SPEC §3):
 * - an empty remote is a valid start: the first write creates `main` with `threads/<topic>.md`;
 * - a write is one commit `<agent>: <operation> <topic>` with Watercooler-Entry-ID / -Topic trailers,
 *   on top of the remote's tip, and the file is the operation applied to the remote's bytes;
 * - a second clone (another machine) reads what the first pushed; its writes land after them;
 * - where threads sit: `watercooler.json` threadsDir, else the root when it already holds threads;
 * - a retried write with the same Entry-ID is a no-op; unknown topics say what exists;
 * - a URL with a password in it is refused before anything is stored.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ThreadStore, isWatercoolerError, openStore, parseThread } from '../../core/index.js';
import { type BareRemote, createBareRemote, gitIn, remoteFile } from '../helpers/git-remote.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wc-git-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function bare(): BareRemote {
  const remote = createBareRemote();
  cleanups.push(() => remote.remove());
  return remote;
}

async function open(url: string, extra: Record<string, unknown> = {}): Promise<ThreadStore> {
  const store = await openStore({
    kind: 'git',
    url,
    cacheDir: scratch(),
    authorName: 'Test Author',
    authorEmail: 'test@example.com',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    context: { user: 'tester' },
    ...extra,
  });
  cleanups.push(() => store.close());
  return store;
}

function seed(remote: BareRemote, files: Record<string, string>): void {
  const work = scratch();
  const run = (args: string[]) => gitIn(join(work, '.git'), [`--work-tree=${work}`, ...args]);
  rmSync(work, { recursive: true, force: true });
  execFileSync('git', ['clone', '--quiet', remote.dir, work], { stdio: 'ignore' });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(work, path, '..'), { recursive: true });
    writeFileSync(join(work, path), text);
  }
  run(['add', '-A']);
  run([
    '-c',
    'user.name=Seed',
    '-c',
    'user.email=seed@example.com',
    'commit',
    '--quiet',
    '-m',
    'seed',
  ]);
  run(['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
}

describe('git store on a bare remote', () => {
  it('starts on an empty remote and writes one commit per operation with trailers', async () => {
    const remote = bare();
    const store = await open(remote.dir);
    expect(await store.list()).toEqual([]);
    const said = await store.apply({
      kind: 'say',
      topic: 'auth refactor',
      agent: 'Claude',
      title: 'Plan',
      body: 'Let us start.',
    });
    expect(said).toMatchObject({
      topic: 'auth refactor',
      operation: 'say',
      ball: 'Codex (tester)',
      status: 'OPEN',
      pending: false,
    });
    expect(said.entry_id).toMatch(/^[0-9A-Z]{26}$/);
    const text = remoteFile(remote.dir, 'threads/auth-refactor.md');
    expect(text).not.toBeNull();
    expect(parseThread(text ?? '').entries.map((e) => e.entryId)).toEqual([said.entry_id]);
    const message = gitIn(remote.dir, ['log', '-1', '--format=%an <%ae>%n%B', 'main']);
    expect(message).toContain('Test Author <test@example.com>');
    expect(message).toContain('Claude (tester): say auth refactor');
    expect(message).toContain(`Watercooler-Entry-ID: ${said.entry_id}`);
    expect(message).toContain('Watercooler-Topic: auth refactor');

    const read = await store.read('auth refactor');
    expect(read.text).toBe(text);
    expect(read.path).toBe('threads/auth-refactor.md');
    expect((await store.list()).map((t) => [t.topic, t.entry_count])).toEqual([
      ['auth refactor', 1],
    ]);
    expect(store.info).toMatchObject({ kind: 'git', location: remote.dir, threadsDir: 'threads' });
  });

  it('lets a second clone read and extend what the first pushed, append-only', async () => {
    const remote = bare();
    const alice = await open(remote.dir);
    const bob = await open(remote.dir, { context: { user: 'bob' } });
    const first = await alice.apply({
      kind: 'say',
      topic: 't',
      agent: 'Claude',
      title: 'One',
      body: 'one',
    });
    const before = remoteFile(remote.dir, 'threads/t.md') ?? '';
    expect((await bob.read('t')).text).toBe(before);
    const second = await bob.apply({
      kind: 'say',
      topic: 't',
      agent: 'Codex',
      title: 'Two',
      body: 'two',
    });
    const after = remoteFile(remote.dir, 'threads/t.md') ?? '';
    expect(parseThread(after).entries.map((e) => e.entryId)).toEqual([
      first.entry_id,
      second.entry_id,
    ]);
    // The counterpart is played on this thread by the first clone's user (core/ball.ts).
    expect(second.ball).toBe('Claude (tester)');
    expect(gitIn(remote.dir, ['rev-list', '--count', 'main']).trim()).toBe('2');
    await alice.apply({ kind: 'set-status', topic: 't', status: 'closed' });
    expect((await bob.read('t')).thread.header.status).toBe('CLOSED');
  });

  it('treats a retry with the same Entry-ID as done', async () => {
    const remote = bare();
    const store = await open(remote.dir);
    const op = {
      kind: 'say',
      topic: 't',
      agent: 'Claude',
      title: 'Once',
      body: 'once',
      entryId: '01J0000000000000000000000A',
    } as const;
    await store.apply(op);
    const again = await store.apply(op);
    expect(again.entry_id).toBe(op.entryId);
    expect(parseThread(remoteFile(remote.dir, 'threads/t.md') ?? '').entries).toHaveLength(1);
    expect(gitIn(remote.dir, ['rev-list', '--count', 'main']).trim()).toBe('1');
  });

  it('finds threads where the repository keeps them', async () => {
    const rooted = bare();
    seed(rooted, {
      'README.md': '# Threads\n',
      'old.md':
        '# old — Thread\nStatus: OPEN\nBall: Codex\nTopic: old\nCreated: 2025-10-01T00:00:00Z\n',
    });
    const a = await open(rooted.dir);
    expect((await a.list()).map((t) => t.path)).toEqual(['old.md']);
    await a.apply({ kind: 'say', topic: 'new', agent: 'Claude', title: 'T', body: 'b' });
    expect(remoteFile(rooted.dir, 'new.md')).not.toBeNull();

    const configured = bare();
    seed(configured, {
      'watercooler.json': '{"threadsDir": "team/threads", "defaultBall": "Cursor"}\n',
    });
    const b = await open(configured.dir);
    const init = await b.apply({ kind: 'init-thread', topic: 'x' });
    expect(init.ball).toBe('Cursor');
    expect(remoteFile(configured.dir, 'team/threads/x.md')).toContain('Ball: Cursor');
    expect(remoteFile(configured.dir, 'watercooler.json')).toContain('team/threads');
  });

  it('says what exists when a topic is unknown, and refuses credentials in the URL', async () => {
    const remote = bare();
    const store = await open(remote.dir);
    await store.apply({
      kind: 'say',
      topic: 'auth-refactor',
      agent: 'Claude',
      title: 'T',
      body: 'b',
    });
    const err = await store.read('auth-refactr').catch((e: unknown) => e);
    expect(isWatercoolerError(err, 'THREAD_NOT_FOUND')).toBe(true);
    expect((err as { hint: string }).hint).toContain('auth-refactor');
    const bad = await open('https://user:s3cr3t-token@example.com/x.git').catch((e: unknown) => e);
    expect(isWatercoolerError(bad, 'CONFIG')).toBe(true);
    expect(String((bad as Error).message)).not.toContain('s3cr3t-token');
  });
});
