import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type ErrorCode, WatercoolerError, isWatercoolerError } from '../errors.js';
import type { Operation, OperationContext } from '../operations.js';
import { writeFileAtomic } from './atomic.js';
import type { BackendView, BatchItem, BatchOutcome, FileWrite, WriteEngine } from './backend.js';
import { withAgentTag } from './batch.js';
import type { Claim, FileQueue } from './file-queue.js';
import { acquireLock } from './lock.js';
import { LOST, type RetryOptions, retryLostRaces, writeResultOf } from './retry.js';
import type { WriteResult } from './store.js';

/**
 * The cross-process group commit of one clone. Writers on this machine queue their operation in
 * the clone and take turns under one lock; the holder carries every queued operation it can in
 * one commit and one push, so fifty writers cost a few pushes, not fifty rounds of lost races.
 * Each holder's round is one try of the retry loop: a rejected push re-reads the tip and
 * re-applies every operation of the batch. Writers on other machines race through the push, and
 * take turns at the remote once they lose (RemoteTurn, git-tickets.ts).
 */
export interface GroupDeps {
  /** Requests waiting for a holder (the write queue; not the outbox). */
  queue: FileQueue;
  lockPath: string;
  /** Where a holder leaves the answer of a request it carried. */
  resultsDir: string;
  user: string;
  budgetMs: number;
  retry?: RetryOptions;
  /** A holder's way to the remote for one batch, led by its own operation. */
  turn(own: BatchItem): RemoteTurn;
}

/** The remote's tip as a view (fetched) for each try, its compare-and-swap push, and the end. */
export interface RemoteTurn {
  /** `lost`: the last try lost a race. */
  view(lost: boolean): Promise<BackendView>;
  /** Other machines' writes waiting in line that this try may carry (their tickets name them). */
  riders(): Promise<(BatchItem & { ticket: string })[]>;
  /** `carried`: the tickets of the riders this commit holds. */
  commit(
    view: BackendView,
    files: readonly FileWrite[],
    message: string,
    carried: readonly string[],
  ): Promise<boolean>;
  /**
   * True when a lost race needs no backoff: the holder waits its turn in line, or its try only
   * bet that the tip it knew was still the remote's.
   */
  readonly paced: boolean;
  /** The batch is over (landed, failed or given up): give the place in line back. */
  leave(): Promise<void>;
}

type AnswerError = { code: ErrorCode; message: string; hint?: string };
type Answer = { ok: WriteResult } | { error: AnswerError };

const MAX_BATCH = 200;
// A live holder is never broken into early: on a loaded machine one round (fetch, commit, push)
// can take tens of seconds. A dead holder is detected by its pid at once.
const HOLDER_STALE_MS = 10 * 60_000;

export class GroupCommit {
  constructor(private readonly deps: GroupDeps) {}

  /** Queues `op` and waits until this process or another holder has carried it. */
  async write(
    op: Operation,
    engine: WriteEngine,
    ctx: OperationContext,
    writtenAt?: Date,
  ): Promise<WriteResult> {
    // Fix the author's user tag now: the operation may be applied by another process.
    const request = this.deps.queue.add(withAgentTag(op, ctx), null, writtenAt);
    const deadline = Date.now() + this.deps.budgetMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 80)) {
      const carried = this.takeResult(request.id);
      if (carried !== null) return carried;
      const unlock = await this.lock(0);
      if (unlock !== null) {
        // A holder that died mid-round leaves claims behind: hand them back to be carried again.
        this.deps.queue.reclaimStale();
        const own = this.deps.queue.claim(request.id);
        if (own !== null) return this.lead(own, unlock, engine);
        unlock(); // Another holder is carrying it: its answer is on the way.
      }
      if (Date.now() > deadline) {
        const own = this.deps.queue.claim(request.id);
        if (own !== null) {
          own.done();
          throw new WatercoolerError(
            'LOCKED',
            `Gave up waiting for other writers on this clone after ${Math.round(this.deps.budgetMs / 1000)} s.`,
            {
              hint: 'Run the same command again (it is safe to repeat), or raise the retry budget.',
            },
          );
        }
      }
      await new Promise((r) => setTimeout(r, delay * (0.5 + Math.random())));
    }
  }

  private async lock(timeoutMs: number): Promise<(() => void) | null> {
    try {
      return await acquireLock(this.deps.lockPath, {
        staleMs: HOLDER_STALE_MS,
        timeoutMs,
        user: this.deps.user,
      });
    } catch (err) {
      if (timeoutMs === 0 && isWatercoolerError(err, 'LOCKED')) return null;
      throw err;
    }
  }

  /** The answer a holder left for a request it carried; null while there is none. */
  private takeResult(id: string): WriteResult | null {
    const path = join(this.deps.resultsDir, `${id}.json`);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return null;
    }
    rmSync(path, { force: true });
    const answer = JSON.parse(text) as Partial<{ ok: WriteResult; error: AnswerError }>;
    if (answer.error !== undefined)
      throw new WatercoolerError(answer.error.code, answer.error.message, {
        hint: answer.error.hint,
      });
    return answer.ok as WriteResult;
  }

  private answer(id: string, value: Answer): void {
    mkdirSync(this.deps.resultsDir, { recursive: true });
    writeFileAtomic(join(this.deps.resultsDir, `${id}.json`), JSON.stringify(value));
  }

  /** The holder's rounds: its own operation and every queued one it can claim, in one commit. */
  private async lead(own: Claim, firstUnlock: () => void, engine: WriteEngine) {
    let unlock: (() => void) | null = firstUnlock;
    const ownItem = batchItemOf(own);
    const turn = this.deps.turn(ownItem);
    const sleep =
      this.deps.retry?.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    try {
      const result = await retryLostRaces(
        async (attempt) => {
          // Only a timeout of 0 answers null; a longer wait throws LOCKED when it ends.
          const release = unlock ?? ((await this.lock(this.deps.budgetMs)) as () => void);
          unlock = null;
          let carried: Claim[] = [];
          let outcomes: BatchOutcome[] = [];
          let won = false;
          try {
            const view = await turn.view(attempt > 1);
            // Claimed after the wait in line: what was queued meanwhile rides along.
            carried = this.claimOthers(own.item.id);
            const riders = await turn.riders();
            const local = [ownItem, ...carried.map(batchItemOf)];
            const batch = await engine.prepare(view, [...local, ...riders]);
            outcomes = batch.outcomes.slice(0, local.length);
            const [mine] = outcomes;
            if (mine?.result == null) throw mine?.error;
            const aboard = riders.filter(
              (_, i) => batch.outcomes[local.length + i]?.result != null,
            );
            won =
              batch.files.length === 0 ||
              (await turn.commit(
                view,
                batch.files,
                batch.message,
                aboard.map((r) => r.ticket),
              ));
            return won ? mine.result : LOST;
          } finally {
            this.settle(carried, outcomes.slice(1), won);
            release();
          }
        },
        own.item.op,
        // In line, the turn paces the tries; a backoff on top would only leave the remote idle.
        { ...this.deps.retry, sleep: (ms) => (turn.paced ? Promise.resolve() : sleep(ms)) },
      );
      return writeResultOf(own.item.op, result);
    } finally {
      await turn.leave();
      own.done();
      if (unlock !== null) (unlock as () => void)();
    }
  }

  private claimOthers(ownId: string): Claim[] {
    const claims: Claim[] = [];
    for (const item of this.deps.queue.list()) {
      if (item.id === ownId || claims.length >= MAX_BATCH) continue;
      const claim = this.deps.queue.claim(item.id);
      if (claim !== null) claims.push(claim);
    }
    return claims;
  }

  /** After a try: answer what landed (and what can never land), hand the rest back. */
  private settle(claims: Claim[], outcomes: BatchOutcome[], won: boolean): void {
    claims.forEach((claim, i) => {
      const o = outcomes[i];
      if (o !== undefined && o.result === null) {
        const e = o.error;
        const error =
          e instanceof WatercoolerError
            ? { code: e.code, message: e.message, hint: e.hint }
            : { code: 'INTERNAL' as const, message: String(e) };
        this.answer(claim.item.id, { error });
        claim.done();
      } else if (won && o?.result != null) {
        this.answer(claim.item.id, { ok: writeResultOf(claim.item.op, o.result) });
        claim.done();
      } else {
        claim.putBack();
      }
    });
  }
}

function batchItemOf(claim: Claim): BatchItem {
  const at = claim.item.writtenAt;
  return { op: claim.item.op, ...(at === undefined ? {} : { writtenAt: new Date(at) }) };
}
