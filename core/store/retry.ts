import { WatercoolerError } from '../errors.js';
import {
  type Operation,
  type OperationContext,
  type OperationResult,
  applyOperation,
  withEntryId,
} from '../operations.js';
import type { WriteResult } from './store.js';

/** One try at a write: the state read, and a way to make a successor durable if it is still current. */
export interface Attempt {
  /** The thread's bytes as read (null: it does not exist). */
  text: string | null;
  /** Makes `next` durable only if the state read is still current; false means the race was lost. */
  commit(next: string, result: OperationResult): Promise<boolean>;
  /** Called after every try, won or lost (unlock, drop temp state). */
  release?(): Promise<void>;
}

export interface RetryOptions {
  /** How long to keep re-applying after lost races (default 30 s). */
  budgetMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_RETRY_BUDGET_MS = 30_000;

/**
 * The one concurrency mechanism of every store: read the freshest state, apply the operation,
 * commit only if that state is still current; on a lost race back off (jittered, exponential)
 * and apply the operation again to the new state. Never a textual merge. The Entry-ID is fixed
 * before the first try, so a try whose answer was lost makes the next one a no-op.
 */
export async function applyWithRetry(
  begin: () => Promise<Attempt>,
  operation: Operation,
  ctx: OperationContext,
  options: RetryOptions = {},
): Promise<OperationResult & { attempts: number }> {
  const op = withEntryId(operation);
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const budget = options.budgetMs ?? DEFAULT_RETRY_BUDGET_MS;
  const base = options.baseDelayMs ?? 20;
  const cap = options.maxDelayMs ?? 1_000;
  const started = clock();
  for (let attempt = 1; ; attempt++) {
    const state = await begin();
    try {
      const result = applyOperation(state.text, op, ctx);
      if (!result.changed || result.alreadyApplied) return { ...result, attempts: attempt };
      if (await state.commit(result.text, result)) return { ...result, attempts: attempt };
    } finally {
      await state.release?.();
    }
    const elapsed = clock() - started;
    if (elapsed >= budget) {
      throw new WatercoolerError(
        'CONFLICT',
        `Gave up on ${op.kind} "${op.topic}" after ${attempt} tries in ${Math.round(elapsed / 1000)} s: other writers kept winning.`,
        {
          hint: 'Nothing was written. Run the same command again (it is safe to repeat), or raise the retry budget.',
        },
      );
    }
    // Full jitter keeps writers that lost together from retrying together.
    const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 16));
    await sleep(Math.min(random() * ceiling, Math.max(0, budget - elapsed)));
  }
}

/** What a store answers for an applied operation (the write `--json` shape). */
export function writeResultOf(
  op: Operation,
  result: Pick<OperationResult, 'entryId' | 'ball' | 'status'>,
): WriteResult {
  return {
    topic: op.topic,
    operation: op.kind,
    entry_id: result.entryId,
    ball: result.ball,
    status: result.status,
    pending: false,
  };
}
