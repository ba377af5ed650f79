import type { AgentRegistry } from '../agents.js';
import type { Operation, OperationKind } from '../operations.js';
import type { Thread } from '../thread/parse.js';

/** One row of `list` (SPEC §4 `list --json`, less the caller-relative fields). */
export interface ThreadSummary {
  topic: string;
  title: string;
  status: string;
  ball: string;
  /** Timestamp of the last entry, else `Created:`. */
  updated: string | null;
  entry_count: number;
  last_agent: string | null;
  /** Path of the thread file relative to the threads folder's repository (or the folder itself). */
  path: string;
}

/** A thread as read: its bytes, the parsed view and a version that changes with the bytes. */
export interface ThreadSnapshot {
  topic: string;
  path: string;
  text: string;
  thread: Thread;
  /** mtime+size, a git blob id or a GitHub sha: equal versions mean equal bytes. */
  version: string;
}

/** The result of a write (SPEC §4 write `--json`). */
export interface WriteResult {
  topic: string;
  operation: OperationKind;
  entry_id: string | null;
  ball: string;
  status: string;
  /** True when the write is kept in the offline outbox and not yet on the remote. */
  pending: boolean;
}

export interface StoreInfo {
  kind: 'local' | 'git' | 'github';
  /** The folder, remote URL or OWNER/REPO@BRANCH the store works on (never with credentials). */
  location: string;
  /** The threads folder inside it ('' for a repository root). */
  threadsDir: string;
}

/** An operation kept for later: the remote could not be reached, or other writers kept winning (git store). */
export interface PendingOperation {
  id: string;
  op: Operation;
  queuedAt: string;
  lastError: string | null;
}

export interface SyncReport {
  /** Operations from the outbox that reached the remote in this sync. */
  replayed: WriteResult[];
  /** Operations still waiting. */
  pending: PendingOperation[];
}

/** What the repository's own `watercooler.json` says, merged with the caller's overrides. */
export interface ThreadsConfig {
  registry: AgentRegistry;
  defaultBall: string;
}

/**
 * Where threads live. Every surface works with any implementation; they differ only in how they
 * read fresh and how they make a write durable (SPEC §3).
 */
export interface ThreadStore {
  readonly info: StoreInfo;
  /** Every thread, by file name order. */
  list(): Promise<ThreadSummary[]>;
  /** One thread; throws THREAD_NOT_FOUND (with the closest topics in its hint) when missing. */
  read(topic: string): Promise<ThreadSnapshot>;
  /** Applies an operation to the freshest state, retrying lost races until the retry budget ends. */
  apply(op: Operation): Promise<WriteResult>;
  /** The registry and default ball in force for this store. */
  config(): Promise<ThreadsConfig>;
  /** Replays pending operations (git outbox); a no-op report elsewhere. */
  sync(): Promise<SyncReport>;
  /** Operations waiting in the outbox. */
  pending(): Promise<PendingOperation[]>;
  /** Releases processes, handles and timers. */
  close(): Promise<void>;
}
