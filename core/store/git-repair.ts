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

/** Operations in one of the clone's folders (`outbox`, `queue`), claimed ones included. */
function count(dir: string, folder: string): number {
  try {
    return readdirSync(join(dir, 'watercooler', folder)).filter((f) => f.includes('.json')).length;
  } catch {
    return 0;
  }
}

/**
 * Replaces a damaged clone with a fresh one when its outbox is empty and no other process is
 * writing through it (everything that matters is then on the remote); otherwise leaves it
 * alone and says exactly how to keep what waits.
 */
async function recloneIfSafe(
  git: (dir: string) => GitRunner,
  dir: string,
  url: string,
  damage: string,
): Promise<void> {
  const lock = inspectLock(join(dir, 'watercooler', 'write.lock'));
  if (lock !== null && !lock.stale)
    throw new WatercoolerError(
      'GIT',
      `The clone in ${dir} is damaged (${damage}), and another process is writing through it, so it was left as it is.`,
      { hint: 'Run the command again once the other writer is done: it then clones afresh.' },
    );
  // With no live writer, a queued operation is one whose writer died before carrying it.
  const held = ['outbox', 'queue'].filter((folder) => count(dir, folder) > 0);
  const pending = count(dir, 'outbox') + count(dir, 'queue');
  if (pending > 0) {
    const outbox = `${dir}/watercooler/outbox`;
    const from = held.map((folder) => `${dir}.damaged/watercooler/${folder}/*.json`).join(' ');
    throw new WatercoolerError(
      'GIT',
      `The clone in ${dir} is damaged (${damage}), and it holds ${pending} write${pending === 1 ? '' : 's'} not yet pushed, so it was left as it is.`,
      {
        hint: `Keep them and clone again: \`mv ${dir} ${dir}.damaged\`; run the command again (it clones afresh); \`mkdir -p ${outbox} && cp ${from} ${outbox}/\`; \`watercooler sync\`; then \`rm -rf ${dir}.damaged\`.`,
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
