import { WatercoolerError } from '../errors.js';
import type { Operation, OperationResult } from '../operations.js';
import type { WriteResult } from './store.js';

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

/** What a try answers when another writer won: the loop backs off and tries again. */
export const LOST = Symbol('lost');

/**
 * The one concurrency mechanism of every store: a try reads the freshest state, applies the
 * operation and commits only if that state is still current; on a lost race (LOST) back off
 * (jittered, exponential) and try again on the new state. Never a textual merge. The Entry-ID
 * is fixed before the first try, so a try whose answer was lost makes the next one a no-op.
 */
export async function retryLostRaces<T>(
  tryOnce: (attempt: number) => Promise<T | typeof LOST>,
  label: Pick<Operation, 'kind' | 'topic'>,
  options: RetryOptions = {},
): Promise<T> {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const budget = options.budgetMs ?? DEFAULT_RETRY_BUDGET_MS;
  const base = options.baseDelayMs ?? 20;
  const cap = options.maxDelayMs ?? 1_000;
  const started = clock();
  for (let attempt = 1; ; attempt++) {
    const outcome = await tryOnce(attempt);
    if (outcome !== LOST) return outcome;
    const elapsed = clock() - started;
    if (elapsed >= budget) throw gaveUp(label, attempt, elapsed);
    // Full jitter keeps writers that lost together from retrying together.
    const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 16));
    await sleep(Math.min(random() * ceiling, Math.max(0, budget - elapsed)));
  }
}

function gaveUp(label: Pick<Operation, 'kind' | 'topic'>, tries: number, ms: number) {
  return new WatercoolerError(
    'CONFLICT',
    `Gave up on ${label.kind} "${label.topic}" after ${tries} tries in ${Math.round(ms / 1000)} s: other writers kept winning.`,
    {
      hint: 'Nothing was written. Run the same command again (it is safe to repeat), or raise the retry budget.',
    },
  );
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
