import type { TreeEntry } from '../layout.js';
import type { Operation, OperationContext, OperationResult } from '../operations.js';
import type { CommitPart } from './commit-message.js';
import type { PendingOperation, StoreInfo, SyncReport, WriteResult } from './store.js';

/**
 * The seam between the store skeleton (skeleton.ts: layout, thread files, summaries, operations,
 * retries) and a backend: the only part that differs between stores. A backend answers three
 * questions — read the freshest state (`view`), write if unchanged (`commit`), and what changed
 * (a view's `version`) — and may bring its own write path (`submit`). Nothing here may import
 * node:fs or child_process: the hub's Durable Object is a backend too, in the Workers runtime.
 */
export type ViewPurpose = 'list' | 'read' | 'write';

export interface BackendFile {
  text: string;
  /** A blob sha or a stat key: what a `FileWrite.base` names. */
  id: string;
}

/** One consistent look at the backend's state; everything read through it is of one version. */
export interface BackendView {
  /**
   * Equal versions mean an unchanged tree (a commit, a tree sha, a watcher's generation), so the
   * skeleton reuses the layout and the last listing; null: unknown, look again.
   */
  readonly version: string | null;
  /** A folder's entries (tree-relative, '' for the root); empty when it does not exist. */
  entries(dir: string): Promise<TreeEntry[]>;
  /** One entry; null when there is none. */
  entry(path: string): Promise<TreeEntry | null>;
  /**
   * A regular file's text; null when missing. With `id` (from `entries`), that version of it — a
   * backend may read it by blob id and cache it; without, the file as it is now.
   */
  file(path: string, id?: string): Promise<BackendFile | null>;
}

/** A file a commit writes: its new text and the id it had when read (null: it did not exist). */
export interface FileWrite {
  path: string;
  text: string;
  base: string | null;
}

/** An operation waiting to be applied; `writtenAt` keeps its author's time through a replay. */
export interface BatchItem {
  op: Operation;
  writtenAt?: Date;
}

export interface BatchOutcome {
  item: BatchItem;
  result: OperationResult | null;
  /** Why the operation cannot apply (bad input, an unknown thread): never retried. */
  error: unknown;
}

/** Operations applied in order to one view: the files to commit and each operation's outcome. */
export interface Batch {
  files: FileWrite[];
  /** The operations that changed something, and their commit message (commitMessageFor). */
  parts: CommitPart[];
  message: string;
  outcomes: BatchOutcome[];
}

/** What the skeleton offers a backend that brings its own write path. */
export interface WriteEngine {
  /** Applies the items in order to the view's files (one try of a group commit). */
  prepare(view: BackendView, items: readonly BatchItem[]): Promise<Batch>;
  /** The default write: prepare one operation, commit, and on a lost race try again. */
  applyWithRetry(op: Operation): Promise<WriteResult>;
  /** The context the operations of a view are applied with (its registry, default ball). */
  context(view: BackendView): Promise<OperationContext>;
}

export interface StoreBackend {
  readonly info: StoreInfo;
  /** The caller fixed the threads folder (a local folder): no layout detection, no README rule. */
  readonly fixedThreadsDir?: string;
  /** Read fresh. A 'read' or 'list' view may be the last known state when the remote is down. */
  view(purpose: ViewPurpose): Promise<BackendView>;
  /**
   * Write if unchanged: makes every file durable only if the view is still current, and answers
   * false when another writer won. One call may carry several files — a thread and the files a
   * caller keeps beside it (see `CompanionFiles`): git and GitHub put them in one commit, the local
   * store writes each atomically under the thread's lock.
   */
  commit(view: BackendView, files: readonly FileWrite[], message: string): Promise<boolean>;
  /** A write path of the backend's own (a queue shared by processes, an outbox). */
  submit?(op: Operation, engine: WriteEngine): Promise<WriteResult>;
  /** Runs before every read and list (the git store replays its outbox). */
  beforeRead?(engine: WriteEngine): Promise<void>;
  sync?(engine: WriteEngine): Promise<SyncReport>;
  pending?(): Promise<PendingOperation[]>;
  close(): Promise<void>;
}

/** A thread a batch changed, as a `CompanionFiles` hook sees it. */
export interface ThreadChange {
  path: string;
  op: Operation;
  before: string | null;
  after: string;
}

/**
 * How a caller keeps other files in step with a thread (the Python 2026 tool's graph files):
 * given each changed thread and a reader of the same view, return the files to write beside it;
 * they go into the same commit (git, GitHub) or are written under the same lock (local). Pass it
 * as `companions` in the store options.
 */
export type CompanionFiles = (
  change: ThreadChange,
  read: (path: string) => Promise<string | null>,
) => Promise<{ path: string; text: string }[]>;
