import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type Operation, type WriteResult, topicFileStem, withEntryId } from '../../core/index.js';
import { ok } from '../results.js';
import type { Session } from '../session.js';

/** Applies one operation through the store and renders the write result (SPEC §4 write shape). */
export async function applyWrite(
  session: Session,
  op: Operation,
  describe: (r: WriteResult) => string,
): Promise<CallToolResult> {
  // The Entry-ID is fixed here so that the store's retries and the caller's share it.
  const result = await session.deps.store.apply(withEntryId(op));
  if (session.ownBalls.size > 1000) session.ownBalls.clear();
  session.ownBalls.set(topicFileStem(result.topic), result.ball);
  const lines = [describe(result), `Ball: ${result.ball} | Status: ${result.status}`];
  if (result.entry_id !== null) lines.push(`entry_id: ${result.entry_id}`);
  if (result.pending)
    lines.push(
      'PENDING: the remote was unreachable; the write is queued in the outbox and will be replayed (watercooler_sync).',
    );
  return ok({ ...result }, lines.join('\n'));
}
