/**
 * A damaged clone in the cache (the built CLI, a real clone made by it, then broken by hand):
 * - a lost tree or blob, a garbled object, a clone with no HEAD: with nothing waiting in the
 *   outbox, the command clones again by itself, says so naming the folder, and answers;
 * - a write on a clone that lost the threads folder's tree keeps every other thread on the
 *   remote (a lost object is never read as "no such file");
 * - with a write waiting in the outbox, the clone is left alone: exit 1, the folder named, and
 *   the steps printed keep the waiting write (the test follows them and the write lands once).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseThread } from '../../core/index.js';
import { createBareRemote, gitIn, remoteFile, startHttpRemote } from '../helpers/git-remote.js';
import { cleanEnv, runBin } from '../helpers/run-bin.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wc-cache-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const envFor = (cache: string) =>
  cleanEnv({
    XDG_CACHE_HOME: cache,
    WATERCOOLER_AGENT: 'Claude',
    WATERCOOLER_GIT_AUTHOR: 'Tester',
    WATERCOOLER_GIT_EMAIL: 'tester@example.com',
  });

const cloneOf = (cache: string): string => {
  const [name] = readdirSync(join(cache, 'watercooler', 'git'));
  return join(cache, 'watercooler', 'git', name ?? '');
};

/** The loose object file of `sha` in a clone (fetches this small stay loose). */
const objectFile = (clone: string, sha: string) =>
  join(clone, 'objects', sha.slice(0, 2), sha.slice(2));

/** A remote with two threads, and a cache whose clone has fetched them. */
async function twoThreads() {
  const remote = createBareRemote();
  cleanups.push(() => remote.remove());
  const cache = tempDir();
  const env = envFor(cache);
  for (const topic of ['first', 'second']) {
    const r = await runBin(
      ['say', topic, '--title', 'Hi', '--body', `${topic} body`, '--git', remote.dir],
      {
        env,
      },
    );
    expect(r.code, r.stderr).toBe(0);
  }
  expect((await runBin(['read', 'first', '--git', remote.dir], { env })).code).toBe(0);
  const sha = (rev: string) => gitIn(remote.dir, ['rev-parse', rev]).trim();
  return { remote, cache, env, clone: cloneOf(cache), sha };
}

describe('a damaged clone with nothing waiting', { timeout: 120_000 }, () => {
  it.each<[string, (clone: string, sha: (rev: string) => string) => void]>([
    ['the threads tree is lost', (c, sha) => rmSync(objectFile(c, sha('main:threads')))],
    ['a thread blob is lost', (c, sha) => rmSync(objectFile(c, sha('main:threads/first.md')))],
    [
      'a thread blob is garbled',
      (c, sha) => {
        const file = objectFile(c, sha('main:threads/first.md'));
        chmodSync(file, 0o644);
        writeFileSync(file, 'garbage');
      },
    ],
    ['the clone has no HEAD', (c) => rmSync(join(c, 'HEAD'))],
    ['the clone has a broken config', (c) => writeFileSync(join(c, 'config'), '[[[broken\n')],
  ])('%s: clones again, names the folder, and reads', async (_, damage) => {
    const { remote, env, clone, sha } = await twoThreads();
    damage(clone, sha);
    const read = await runBin(['read', 'first', '--git', remote.dir], { env });
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toMatch(/first body/);
    expect(read.stderr).toContain(`the clone in ${clone} was damaged, and is cloned again`);
    const again = await runBin(['list', '--git', remote.dir], { env });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
  });

  it('a write on a clone that lost the threads tree keeps the other threads', async () => {
    const { remote, env, clone, sha } = await twoThreads();
    rmSync(objectFile(clone, sha('main:threads')));
    const said = await runBin(
      ['say', 'third', '--title', 'Hi', '--body', 'third body', '--git', remote.dir],
      {
        env,
      },
    );
    expect(said.code, said.stderr).toBe(0);
    expect(gitIn(remote.dir, ['ls-tree', '--name-only', 'main:threads']).split('\n')).toEqual([
      'first.md',
      'second.md',
      'third.md',
      '',
    ]);
    expect(remoteFile(remote.dir, 'threads/first.md')).toMatch(/first body/);
  });
});

describe('a damaged clone with a write waiting', { timeout: 120_000 }, () => {
  it('is left alone, named, and the printed steps keep the write', async () => {
    const r = await startHttpRemote();
    cleanups.push(() => r.close());
    const cache = tempDir();
    const env = envFor(cache);
    const say = (topic: string, body: string) =>
      runBin(['say', topic, '--title', 'Hi', '--body', body, '--json', '--git', r.url], { env });
    expect((await say('first', 'first body')).code).toBe(0);
    await r.stop();
    const kept = await say('first', 'written offline');
    expect(kept.code, kept.stderr).toBe(4);
    const entryId = (JSON.parse(kept.stdout) as { entry_id: string }).entry_id;
    const clone = cloneOf(cache);
    rmSync(objectFile(clone, gitIn(r.bare.dir, ['rev-parse', 'main:threads']).trim()));
    await r.start();

    const read = await runBin(['read', 'first', '--git', r.url], { env });
    expect(read.code).toBe(1);
    expect(read.stderr).toContain(`The clone in ${clone} is damaged`);
    expect(read.stderr).toMatch(/holds 1 write not yet pushed, so it was left as it is/);
    expect(readdirSync(join(clone, 'watercooler', 'outbox'))).toHaveLength(1);

    // The steps, as printed.
    const steps = [...read.stderr.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
    expect(steps[0]).toBe(`mv ${clone} ${clone}.damaged`);
    execFileSync('sh', ['-c', steps[0] ?? '']);
    expect((await runBin(['read', 'first', '--git', r.url], { env })).code).toBe(0);
    execFileSync('sh', ['-c', steps[1] ?? '']);
    const synced = await runBin(['sync', '--git', r.url], { env });
    expect(synced.code, synced.stderr).toBe(0);
    execFileSync('sh', ['-c', steps.at(-1) ?? '']);
    const ids = parseThread(remoteFile(r.bare.dir, 'threads/first.md') ?? '').entries.map(
      (e) => e.entryId,
    );
    expect(ids.filter((id) => id === entryId)).toHaveLength(1);
    expect(ids).toHaveLength(2);
  });
});
