import { isWatercoolerError } from '../errors.js';
import { GitError } from '../git.js';
import { type Operation, appendsEntry } from '../operations.js';
import type { FileQueue } from './file-queue.js';
import type { PendingOperation, WriteResult } from './store.js';

/**
 * The git store's outbox: writes that could not reach the remote, or that ran out of retry
 * budget racing other machines, kept in the clone until they land. Every later command on this
 * clone (a read, a list, a write, `sync`) replays them first, oldest first, so one author's
 * entries keep their order; a long-running process (the MCP server) also replays them in the
 * background.
 */
const PERMANENT: Parameters<typeof isWatercoolerError>[1][] = [
  'INVALID_INPUT',
  'INVALID_TOPIC',
  'THREAD_NOT_FOUND',
  'MALFORMED_THREAD',
];

/** True when an error means "the remote could not be reached" (the outcome of a push may be unknown). */
export function isOffline(err: unknown): boolean {
  return (
    (err instanceof GitError && err.kind === 'unreachable') ||
    isWatercoolerError(err, 'UNREACHABLE')
  );
}

/** True when a write gave up on its budget: other writers kept winning (or holding the clone). */
export function isOutOfBudget(err: unknown): boolean {
  return isWatercoolerError(err, 'CONFLICT', 'LOCKED');
}

/** Why the replay stopped: the remote is down, or other writers still win every race. */
export interface ReplayReport {
  replayed: WriteResult[];
  stopped: Error | null;
}

export class GitOutbox {
  constructor(
    private readonly queue: FileQueue,
    private readonly log: (line: string) => void,
  ) {}

  isEmpty(): boolean {
    return this.queue.isEmpty();
  }

  /** Keeps an operation; answers the write as pending with the ball and status it foresees. */
  keep(op: Operation, cause: Error, preview: { ball: string; status: string }): WriteResult {
    const item = this.queue.add(op, cause.message);
    this.log(
      `${cause.message}\nThe ${op.kind} on "${op.topic}" is kept in the outbox (${item.id}); the next command on this clone or \`watercooler sync\` sends it.`,
    );
    return {
      topic: op.topic,
      operation: op.kind,
      entry_id: appendsEntry(op) ? (op.entryId ?? null) : null,
      ...preview,
      pending: true,
    };
  }

  /**
   * Replays in order; stops at the first sign that the remote is down or still contended (the
   * rest keeps its place). A write that can never land is set aside and said so.
   */
  async replay(
    explicit: boolean,
    send: (op: Operation, writtenAt: Date) => Promise<WriteResult>,
  ): Promise<ReplayReport> {
    const replayed: WriteResult[] = [];
    if (this.queue.isEmpty()) return { replayed, stopped: null };
    this.queue.reclaimStale();
    for (const item of this.queue.list()) {
      if (item.permanent === true && !explicit) continue;
      const claim = this.queue.claim(item.id);
      if (claim === null) continue;
      try {
        // The entry keeps the time its author wrote it, not the time the network came back.
        replayed.push(
          await send(claim.item.op, new Date(claim.item.writtenAt ?? claim.item.queuedAt)),
        );
        claim.done();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (isOffline(err) || isOutOfBudget(err)) {
          claim.release(message);
          return { replayed, stopped: err as Error };
        }
        claim.release(message, isWatercoolerError(err, ...PERMANENT));
        if (isWatercoolerError(err, 'AUTH', 'REPO_NOT_FOUND')) throw err;
        this.log(
          `The queued ${item.op.kind} on "${item.op.topic}" (${item.id}) failed: ${message}`,
        );
      }
    }
    return { replayed, stopped: null };
  }

  pending(): PendingOperation[] {
    return this.queue
      .list()
      .map(({ id, op, queuedAt, lastError }) => ({ id, op, queuedAt, lastError }));
  }
}
