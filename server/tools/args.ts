import { basename } from 'node:path';
import { z } from 'zod';
import {
  type ListRow,
  type ThreadSnapshot,
  type ThreadStore,
  type ThreadSummary,
  WatercoolerError,
  closestTopics,
  isWatercoolerError,
  isEntryId,
  topicFileStem,
} from '../../core/index.js';

/** Argument schemas shared by the tools (names and defaults of the Python server's 2025-12 line). */
/** No minLength: core refuses an empty topic with a clearer error (and tools/list stays smaller). */
export const topicArg = z.string();
export const agentFuncArg = z.string().optional().describe('<platform>:<model>:<role>');
export const entryIdArg = z.string().optional().describe('ULID; reuse on retry');
export const formatArg = z.enum(['markdown', 'json']).optional();

/** Refuses an Entry-ID that is not a ULID before it reaches a store. */
export function checkEntryId(id: string | undefined): string | undefined {
  if (id === undefined || id === '') return undefined;
  if (!isEntryId(id.toUpperCase())) {
    throw new WatercoolerError(
      'INVALID_INPUT',
      `entry_id "${id}" is not a ULID (26 Crockford base32 characters).`,
      {
        hint: 'Leave entry_id out to get a new one, or pass back the entry_id of an earlier try.',
      },
    );
  }
  return id.toUpperCase();
}

/** True when a list row is the thread `topic` names (matched by file name, as the stores do). */
export function isTopic(summary: { path: string }, topic: string): boolean {
  return basename(summary.path) === `${topicFileStem(topic)}.md`;
}

/** The list row of `topic`, or THREAD_NOT_FOUND naming the closest topics. */
export function findSummary<T extends ThreadSummary | ListRow>(
  rows: readonly T[],
  topic: string,
): T {
  const found = rows.find((r) => isTopic(r, topic));
  if (found !== undefined) return found;
  const near = closestTopics(
    topic,
    rows.map((r) => r.topic),
  );
  throw new WatercoolerError('THREAD_NOT_FOUND', `Thread "${topic}" not found.`, {
    hint:
      near.length > 0
        ? `Did you mean ${near.map((t) => `"${t}"`).join(', ')}? Call watercooler_list_threads to see all threads.`
        : 'Call watercooler_list_threads to see the threads, or watercooler_say to start this one.',
  });
}

/** An opaque page cursor: base64url of a small JSON value. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, check: (v: unknown) => v is T): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {
    // fall through to the error below
  }
  throw new WatercoolerError('INVALID_INPUT', 'The cursor is not one this server gave out.', {
    hint: 'Pass the next_cursor of the previous page unchanged, or leave cursor out to start from the first page.',
  });
}

/** Reads a thread; a missing one is THREAD_NOT_FOUND naming the closest topics and the tool to list them. */
export async function readThread(store: ThreadStore, topic: string): Promise<ThreadSnapshot> {
  try {
    return await store.read(topic);
  } catch (err) {
    if (isWatercoolerError(err, 'THREAD_NOT_FOUND')) findSummary(await store.list(), topic);
    throw err;
  }
}
