import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { WatercoolerError } from '../errors.js';
import { GitError, type GitRunner } from '../git.js';
import { redact } from '../redact.js';
import { ensureClone } from './git-clone.js';
import { inspectLock } from './lock.js';

/**
 * A damaged clone (lost or corrupt objects, a broken config or HEAD) is the cache's fault, not
 * the remote's: everything that matters is on the remote unless the clone still holds writes
 * not yet pushed. Then it is cloned again, once per failing call, and the call redone.
 */
// What git says when the clone itself (its config, objects or refs) is broken, not the remote.
const DAMAGE =
  /bad config|not a git repository|is corrupt|corrupt (loose|packed)|inflate: data stream error|unable to unpack|bad object|missing object|invalid object|unable to read [0-9a-f]{7}|packfile .*(cannot be accessed|does not match)|bad tree object|object file .* is empty|did not send all necessary objects|could not read [0-9a-f]{7}/i;

/** What is broken in the clone, when `err` says the clone is damaged; null otherwise. */
function cloneDamage(err: unknown): string | null {
  if (!(err instanceof GitError) || !DAMAGE.test(err.stderr)) return null;
  return err.message;
}

function waiting(dir: string): number {
  return ['outbox', 'queue']
    .map((name) => {
      try {
        return readdirSync(join(dir, 'watercooler', name)).filter((f) => f.includes('.json'))
          .length;
      } catch {
        return 0;
      }
    })
    .reduce((a, b) => a + b, 0);
}

/**
 * Replaces a damaged clone with a fresh one when nothing in it waits to be pushed and no other
 * process is writing through it (everything that matters is then on the remote); otherwise
 * leaves it alone and says exactly how to keep what waits.
 */
async function recloneIfSafe(
  git: (dir: string) => GitRunner,
  dir: string,
  url: string,
  damage: string,
): Promise<void> {
  const pending = waiting(dir);
  const lock = inspectLock(join(dir, 'watercooler', 'write.lock'));
  if (pending > 0 || (lock !== null && !lock.stale)) {
    const why =
      pending > 0
        ? `it holds ${pending} write${pending === 1 ? '' : 's'} not yet pushed`
        : 'another process is writing through it';
    throw new WatercoolerError(
      'GIT',
      `The clone in ${dir} is damaged (${damage}), and ${why}, so it was left as it is.`,
      {
        hint:
          pending > 0
            ? `Keep them and clone again: mv ${dir} ${dir}.damaged; run the command again (it clones afresh); copy ${dir}.damaged/watercooler/outbox/*.json and ${dir}.damaged/watercooler/queue/*.json into ${dir}/watercooler/outbox/; run \`watercooler sync\`; then rm -rf ${dir}.damaged.`
            : 'Run the command again once the other writer is done; it then clones afresh.',
      },
    );
  }
  const aside = `${dir}.damaged-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    renameSync(dir, aside);
  } catch (err) {
    // Another process moved it first; its fresh clone (or ours, below) takes its place.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  rmSync(aside, { recursive: true, force: true });
  await ensureClone(git, dir, url);
}

export interface RepairDeps {
  git: (dir: string) => GitRunner;
  dir: string;
  url: string;
  log?: (line: string) => void;
  /** Forgets what the process holds open on the old clone (its cat-file, its tip). */
  reset: () => void;
}

export class CloneRepair {
  constructor(private readonly deps: RepairDeps) {}

  /**
   * Runs `work`; when it fails on a damaged clone that can be replaced safely, replaces it, runs
   * `refill` (fetch what `work` needs) and `work` again. Otherwise the error names the folder.
   */
  async guard<T>(work: () => Promise<T>, refill?: () => Promise<unknown>): Promise<T> {
    const { dir, url } = this.deps;
    try {
      return await work();
    } catch (err) {
      const damage = cloneDamage(err);
      if (damage === null) throw err;
      this.deps.reset();
      await recloneIfSafe(this.deps.git, dir, url, damage);
      this.deps.log?.(
        redact(
          `warning: the clone in ${dir} was damaged, and is cloned again (nothing in it waited to be pushed): ${damage}`,
        ),
      );
      try {
        await refill?.();
        return await work();
      } catch (again) {
        const still = cloneDamage(again);
        if (still === null) throw again;
        throw new WatercoolerError('GIT', `A fresh clone in ${dir} fails too: ${still}`, {
          hint: `The remote itself may be damaged: run \`git fsck\` in ${redact(url)}, or ask its owner.`,
        });
      }
    }
  }
}
