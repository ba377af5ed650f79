/**
 * Fairness between machines racing for one branch (issue 12): a writer that has lost many times
 * does not keep losing to newcomers. Real git over loopback HTTP, the built CLI, one cache folder
 * per machine. A gate makes the veteran lose three races in a row (another writer lands just
 * before each of its pushes); while its fourth push is on the wire, five newcomers start.
 * Pinned:
 * - the newcomers queue behind it (a ticket each on the remote) instead of racing past it;
 * - the veteran's entry lands before every newcomer's, and the newcomers land oldest write first;
 * - every entry lands exactly once and no ticket is left on the remote;
 * - a remote whose hook refuses refs outside branches is raced as before: the loser's write
 *   still lands, once;
 * - a ticket left by a dead machine is skipped and removed (the line does not stall on it).
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { type HttpRemote, advanceRemote, gitIn, startHttpRemote } from '../helpers/git-remote.js';
import { type BinResult, runBin } from '../helpers/run-bin.js';
import { until } from '../helpers/wait.js';
import { entryIdsOnRemote, machineEnv, onBranchPush, ticketRefs } from './race.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const NEWCOMERS = 5;
const LOSSES = 3;

function machine(): Record<string, string> {
  const cache = mkdtempSync(join(tmpdir(), 'wc-fair-'));
  cleanups.push(() => rmSync(cache, { recursive: true, force: true }));
  return machineEnv(cache, 120_000);
}

const say = (url: string, who: string) =>
  runBin(
    ['say', 't', '--agent', who, '--title', who, '--body', `from ${who}`, '--json', '--git', url],
    {
      env: machine(),
    },
  );

const tickets = (remote: HttpRemote) => ticketRefs(remote.bare.dir);
const entryIds = (remote: HttpRemote) => entryIdsOnRemote(remote.bare.dir, ['t']);

const entryOf = (r: BinResult) => (JSON.parse(r.stdout) as { entry_id: string }).entry_id;

it('a writer that lost many times lands before the newcomers', { timeout: 240_000 }, async () => {
  const remote = await startHttpRemote();
  cleanups.push(() => remote.close());
  expect((await say(remote.url, 'Seed')).code).toBe(0);
  const veteranUrl = remote.alias('veteran');

  let pushes = 0;
  let newcomers: Promise<BinResult[]> | null = null;
  onBranchPush(remote, 'veteran', async () => {
    pushes++;
    if (pushes <= LOSSES) {
      advanceRemote(remote.bare.dir);
      return;
    }
    if (newcomers !== null) return;
    // The veteran's next push is on the wire: the newcomers arrive now.
    newcomers = Promise.all(
      Array.from({ length: NEWCOMERS }, (_, i) => say(remote.url, `New${i}`)),
    );
    await until(() => tickets(remote).length === 1 + NEWCOMERS, 120_000, 'newcomers in line');
  });

  const veteran = await say(veteranUrl, 'Veteran');
  expect(veteran.code, veteran.stderr).toBe(0);
  expect(pushes).toBe(LOSSES + 1);
  expect(newcomers).not.toBeNull();
  const late = await (newcomers as unknown as Promise<BinResult[]>);
  for (const r of late) expect(r.code, r.stderr).toBe(0);

  const ids = entryIds(remote);
  const newIds = late.map(entryOf);
  expect(ids).toHaveLength(2 + NEWCOMERS);
  expect(new Set(ids).size).toBe(ids.length);
  const after = ids.slice(ids.indexOf(entryOf(veteran)) + 1);
  expect(after).toEqual([...newIds].sort());
  expect(tickets(remote)).toEqual([]);
});

it('a remote that refuses ticket refs is raced as before: the write still lands', async () => {
  const remote = await startHttpRemote();
  cleanups.push(() => remote.close());
  expect((await say(remote.url, 'Seed')).code).toBe(0);
  const hook = join(remote.bare.dir, 'hooks', 'pre-receive');
  writeFileSync(
    hook,
    '#!/bin/sh\nwhile read old new ref; do case "$ref" in refs/heads/*) ;; *) echo "branches only" >&2; exit 1;; esac; done\n',
  );
  chmodSync(hook, 0o755);
  const loserUrl = remote.alias('loser');
  let pushes = 0;
  onBranchPush(remote, 'loser', () => {
    if (++pushes <= LOSSES) advanceRemote(remote.bare.dir);
  });
  const late = await say(loserUrl, 'Loser');
  expect(late.code, late.stderr).toBe(0);
  expect(pushes).toBe(LOSSES + 1);
  const ids = entryIds(remote);
  expect(ids.filter((id) => id === entryOf(late))).toHaveLength(1);
  expect(tickets(remote)).toEqual([]);
});

it('a ticket whose holder died is skipped and removed: the line does not stall', async () => {
  const remote = await startHttpRemote();
  cleanups.push(() => remote.close());
  expect((await say(remote.url, 'Seed')).code).toBe(0);
  // A machine that took its place in line and was switched off.
  const tip = gitIn(remote.bare.dir, ['rev-parse', 'refs/heads/main']).trim();
  gitIn(remote.bare.dir, [
    'update-ref',
    'refs/watercooler/queue/00000000000000000000000000-dead00',
    tip,
  ]);
  const next = await say(remote.url, 'Next');
  expect(next.code, next.stderr).toBe(0);
  const ids = entryIds(remote);
  expect(ids).toEqual([expect.any(String), entryOf(next)]);
  expect(tickets(remote)).toEqual([]);
});
