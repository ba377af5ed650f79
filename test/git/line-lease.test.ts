/**
 * A running git store writes in one round trip (issue 12), and stays fair doing it. Real git over
 * loopback HTTP; the store in this process (as the MCP server holds it), the other machine the
 * built CLI. Pinned:
 * - a warm write is one push: it does not list the line first (two requests, both the push's);
 * - a leased try that lost the branch race (another machine landed first) costs one listing, and
 *   the writes after it are one push again;
 * - a store whose tip is current but which last saw an empty line does not pass a machine that
 *   joined the line since: its leased push is refused inside the push, it lists, queues, and
 *   lands after that machine;
 * - a remote whose hook keeps no refs but branches refuses the line's first version once; the
 *   store then writes as before (a listing and one push each) and every entry lands once.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { type ThreadStore, openStore } from '../../core/index.js';
import { type HttpRemote, advanceRemote, gitIn, startHttpRemote } from '../helpers/git-remote.js';
import { runBin } from '../helpers/run-bin.js';
import { until } from '../helpers/wait.js';
import { entryIdsOnRemote, machineEnv, ticketRefs } from '../store/race.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wc-lease-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function remote(): Promise<HttpRemote> {
  const r = await startHttpRemote();
  cleanups.push(() => r.close());
  return r;
}

async function store(url: string): Promise<ThreadStore> {
  const s = await openStore({
    kind: 'git',
    url,
    cacheDir: scratch(),
    authorName: 'Server',
    authorEmail: 'server@example.com',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    context: { user: 'server' },
  });
  cleanups.push(() => s.close());
  return s;
}

const say = async (s: ThreadStore, title: string) =>
  (await s.apply({ kind: 'say', topic: 't', agent: 'Claude', title, body: title })).entry_id ?? '';

/** What `alias` asked the remote for while `work` ran. */
async function asked(r: HttpRemote, alias: string, work: () => Promise<unknown>) {
  const from = r.requests.length;
  await work();
  return r.requests.slice(from).filter((q) => q.includes(`/${alias}.git/`));
}

const PUSH = ['GET /a.git/info/refs?service=git-receive-pack', 'POST /a.git/git-receive-pack'];
const LISTING = 'GET /a.git/info/refs?service=git-upload-pack';

it('a warm write is one push: the line is not listed first', async () => {
  const r = await remote();
  const a = await store(r.alias('a'));
  // The first write lists the line; the second makes the line's first version.
  await say(a, 'one');
  await say(a, 'two');
  for (const title of ['three', 'four'])
    expect(await asked(r, 'a', () => say(a, title))).toEqual(PUSH);
  expect(entryIdsOnRemote(r.bare.dir, ['t'])).toHaveLength(4);
  expect(gitIn(r.bare.dir, ['for-each-ref', '--format=%(refname)', 'refs/watercooler/'])).toBe(
    'refs/watercooler/line\n',
  );
});

it('a leased try that only lost the race keeps the next write one push', async () => {
  const r = await remote();
  const a = await store(r.alias('a'));
  await say(a, 'one');
  // Another machine lands first: the store's try that would make the line's first version loses.
  advanceRemote(r.bare.dir);
  const lost = await asked(r, 'a', () => say(a, 'two'));
  expect(lost.slice(0, 2)).toEqual([PUSH[0], LISTING]);
  await say(a, 'three');
  expect(await asked(r, 'a', () => say(a, 'four'))).toEqual(PUSH);
  expect(entryIdsOnRemote(r.bare.dir, ['t'])).toHaveLength(4);
});

it('a store that last saw an empty line does not pass a machine that joined it since', async () => {
  const r = await remote();
  const a = await store(r.alias('a'));
  await say(a, 'one');
  await say(a, 'two');
  const veteranUrl = r.alias('veteran');
  let pushes = 0;
  let late: Promise<string[]> | null = null;
  let lateId = '';
  r.gate = async ({ method, path, body }) => {
    if (method !== 'POST' || !path.startsWith('/veteran.git/') || !path.endsWith('receive-pack'))
      return;
    if (!body.includes('refs/heads/main')) return;
    // The veteran loses its first race, and so waits in line for its second.
    if (++pushes === 1) {
      advanceRemote(r.bare.dir);
      return;
    }
    if (late !== null) return;
    // The store's tip is the remote's again; only the line has changed since it last looked.
    await a.read('t');
    late = asked(r, 'a', async () => {
      lateId = await say(a, 'late');
    });
    await until(() => ticketRefs(r.bare.dir).length === 2, 60_000, 'the store in line');
  };
  const veteran = await runBin(
    [
      'say',
      't',
      '--agent',
      'Veteran',
      '--title',
      'v',
      '--body',
      'v',
      '--json',
      '--git',
      veteranUrl,
    ],
    { env: machineEnv(scratch(), 60_000) },
  );
  expect(veteran.code, veteran.stderr).toBe(0);
  expect(late).not.toBeNull();
  const seen = await (late as unknown as Promise<string[]>);
  // Its leased push went no further than the remote's refs; then it listed the line.
  expect(seen.slice(0, 2)).toEqual([PUSH[0], LISTING]);
  const ids = entryIdsOnRemote(r.bare.dir, ['t']);
  const veteranId = (JSON.parse(veteran.stdout) as { entry_id: string }).entry_id;
  expect(ids.slice(-2)).toEqual([veteranId, lateId]);
  expect(ticketRefs(r.bare.dir)).toEqual([]);
});

it('a remote that keeps no refs but branches: one refused version, then writes as before', async () => {
  const r = await remote();
  const hook = join(r.bare.dir, 'hooks', 'pre-receive');
  writeFileSync(
    hook,
    '#!/bin/sh\nwhile read old new ref; do case "$ref" in refs/heads/*) ;; *) echo "branches only" >&2; exit 1;; esac; done\n',
  );
  chmodSync(hook, 0o755);
  const a = await store(r.alias('a'));
  const ids = [await say(a, 'one'), await say(a, 'two')];
  for (const title of ['three', 'four']) {
    const seen = await asked(r, 'a', async () => ids.push(await say(a, title)));
    expect(seen[0]).toBe(LISTING);
    expect(seen.filter((q) => q === PUSH[1])).toHaveLength(1);
  }
  expect(entryIdsOnRemote(r.bare.dir, ['t'])).toEqual(ids);
  expect(gitIn(r.bare.dir, ['for-each-ref', 'refs/watercooler/'])).toBe('');
});
