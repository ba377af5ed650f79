/**
 * A git-store write that runs out of its retry budget is kept, not dropped (SPEC §3, issue 12).
 * A gate on the loopback HTTP remote lands another writer's commit just before each of one
 * machine's pushes to the branch, so that machine loses every race, deterministically:
 * - CLI: the `say` answers `pending` (exit 4, `"pending": true`), says why and how it finishes
 *   (the next command on this clone or `watercooler sync`); `status` lists it; no ticket of it is
 *   left on the remote; once the others stop winning, `sync` lands it exactly once;
 * - MCP server: the tool answers pending, and the server finishes it in the background with no
 *   further call: the entry lands exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpRemote, advanceRemote, startHttpRemote } from '../helpers/git-remote.js';
import { runBin } from '../helpers/run-bin.js';
import { call, data, stdioClient } from '../mcp/harness.js';
import { until } from '../helpers/wait.js';
import { entryIdsOnRemote, machineEnv, onBranchPush, ticketRefs } from './race.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const BUDGET_MS = 1500;

function machine(): Record<string, string> {
  const cache = mkdtempSync(join(tmpdir(), 'wc-budget-'));
  cleanups.push(() => rmSync(cache, { recursive: true, force: true }));
  return machineEnv(cache, BUDGET_MS);
}

/** A remote with thread `t` on it, and a second path (`/loser.git`) for the machine that loses. */
async function contendedRemote(): Promise<{ remote: HttpRemote; loserUrl: string }> {
  const remote = await startHttpRemote();
  cleanups.push(() => remote.close());
  const seeded = await runBin(
    ['say', 't', '--agent', 'Claude', '--title', 'first', '--body', 'one', '--git', remote.url],
    { env: machine() },
  );
  expect(seeded.code, seeded.stderr).toBe(0);
  return { remote, loserUrl: remote.alias('loser') };
}

/** Before each push of the loser to the branch, another writer lands first. Returns the count. */
function loseEveryRace(remote: HttpRemote): { beaten: number } {
  const counter = { beaten: 0 };
  onBranchPush(remote, 'loser', () => {
    advanceRemote(remote.bare.dir);
    counter.beaten++;
  });
  return counter;
}

const entryIds = (remote: HttpRemote) => entryIdsOnRemote(remote.bare.dir, ['t']);

describe('a write past its retry budget waits in the outbox', { timeout: 180_000 }, () => {
  it('CLI: pending (exit 4), says how it finishes, and sync lands it exactly once', async () => {
    const { remote, loserUrl } = await contendedRemote();
    const beaten = loseEveryRace(remote);
    const env = machine();
    const args = ['say', 't', '--agent', 'Codex', '--title', 'late', '--body', 'two'];
    const lost = await runBin([...args, '--json', '--git', loserUrl], { env });
    expect(lost.code, lost.stderr).toBe(4);
    const result = JSON.parse(lost.stdout) as { pending: boolean; entry_id: string };
    expect(result.pending).toBe(true);
    expect(beaten.beaten).toBeGreaterThan(1);
    expect(lost.stderr).toMatch(/other writers kept winning/);
    expect(lost.stderr).toMatch(/pending/);
    expect(lost.stderr).toMatch(/next command on this clone or `watercooler sync`/);
    expect(entryIds(remote)).not.toContain(result.entry_id);
    expect(ticketRefs(remote.bare.dir)).toEqual([]);

    const status = await runBin(['status', '--json', '--git', loserUrl], { env });
    const shown = JSON.parse(status.stdout) as { pending: { op: { entryId?: string } }[] };
    expect(shown.pending.map((p) => p.op.entryId)).toEqual([result.entry_id]);

    remote.gate = null;
    const synced = await runBin(['sync', '--json', '--git', loserUrl], { env });
    expect(synced.code, synced.stderr).toBe(0);
    const report = JSON.parse(synced.stdout) as {
      replayed: { entry_id: string }[];
      pending: unknown[];
    };
    expect(report.replayed.map((r) => r.entry_id)).toEqual([result.entry_id]);
    expect(report.pending).toEqual([]);
    expect((await runBin(['sync', '--git', loserUrl], { env })).code).toBe(0);
    expect(entryIds(remote).filter((id) => id === result.entry_id)).toHaveLength(1);
    expect(entryIds(remote)).toHaveLength(2);
  });

  it('MCP server: answers pending and finishes the write in the background, once', async () => {
    const { remote, loserUrl } = await contendedRemote();
    loseEveryRace(remote);
    const { client } = await stdioClient('', { env: machine(), store: ['--git', loserUrl] });
    const answer = data<{ pending: boolean; entry_id: string }>(
      await call(client, 'watercooler_say', { topic: 't', title: 'late', body: 'from the server' }),
    );
    expect(answer.pending).toBe(true);
    expect(entryIds(remote)).not.toContain(answer.entry_id);

    remote.gate = null;
    // No further call: the server's own timer sends it (the bound is on failure, not speed).
    await until(() => entryIds(remote).includes(answer.entry_id), 90_000, 'the background send');
    // The outbox lets go of the write just after its push landed: health reports 0 once it has.
    const pending = async () =>
      data<{ pending: number }>(await call(client, 'watercooler_health')).pending;
    await until(async () => (await pending()) === 0, 30_000, 'the outbox to empty');
    expect(entryIds(remote).filter((id) => id === answer.entry_id)).toHaveLength(1);
    expect(entryIds(remote)).toHaveLength(2);
  });
});
