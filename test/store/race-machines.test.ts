/**
 * The cross-machine race of issue 12, through the built CLI: 40 machines (each its own cache
 * folder, so its own clone) × 3 `say`, all at once, against a loopback HTTP remote served by
 * `git http-backend`. Pinned, once with every machine on one thread and once with each on its
 * own thread:
 * - 120 of 120 entries land on the remote, none twice;
 * - none is given up (every `say` answers 0, or 4 with the write kept in the outbox; those are
 *   counted and finished by the machine's next command or `watercooler sync`);
 * - no ticket is left on the remote afterwards.
 * Long-running by nature (120 CLI processes racing for one branch on this machine).
 */
import { describe, expect, it } from 'vitest';
import { gitIn, startHttpRemote } from '../helpers/git-remote.js';
import { entryIdsOnRemote, raceMachines } from './race.js';

const MACHINES = 40;
const SAYS = 3;

async function race(topicOf: (machine: number) => string): Promise<void> {
  const remote = await startHttpRemote();
  try {
    const report = await raceMachines({ url: remote.url, machines: MACHINES, says: SAYS, topicOf });
    expect(report.gaveUp).toEqual([]);
    expect(report.landed + report.throughOutbox).toBe(MACHINES * SAYS);
    const topics = Array.from({ length: MACHINES }, (_, m) => topicOf(m));
    const onRemote = entryIdsOnRemote(remote.bare.dir, topics);
    expect(onRemote).toHaveLength(MACHINES * SAYS);
    expect(new Set(onRemote)).toEqual(new Set(report.entryIds));
    const tickets = gitIn(remote.bare.dir, ['for-each-ref', 'refs/watercooler/queue/']).trim();
    expect(tickets).toBe('');
    process.stderr.write(
      `race: ${report.landed} landed at once, ${report.throughOutbox} through the outbox, in ${(report.totalMs / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await remote.close();
  }
}

describe('40 machines × 3 say over HTTP', { timeout: 600_000 }, () => {
  it('all on one thread: 120 of 120 land once, none given up', async () => {
    await race(() => 'race');
  });

  it('each on its own thread: 120 of 120 land once, none given up', async () => {
    await race((m) => `race-${m}`);
  });
});
