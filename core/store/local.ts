import {
  type Dirent,
  type FSWatcher,
  type Stats,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  watch,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE } from '../config-parse.js';
import type { TreeEntry } from '../layout.js';
import type { Operation } from '../operations.js';
import { topicFileStem } from '../thread/entry.js';
import { writeFileAtomic } from './atomic.js';
import type { BackendFile, BackendView, FileWrite, StoreBackend, WriteEngine } from './backend.js';
import { isCachedState } from './cache-shape.js';
import { fileCache } from './file-cache.js';
import { acquireLock } from './lock.js';
import type { LocalStoreOptions } from './open.js';
import { DEFAULT_RETRY_BUDGET_MS } from './retry.js';
import { type CachedState, createStore } from './skeleton.js';
import type { ThreadStore, WriteResult } from './store.js';

/** The lock file of a thread, where the Python tool puts it. */
export function lockPathFor(threadsDir: string, topic: string): string {
  return join(threadsDir, `.${topicFileStem(topic)}.lock`);
}

/** The local folder store: lock, apply, write a temp file, fsync, rename (SPEC §3). */
export async function openLocalStore(options: LocalStoreOptions): Promise<ThreadStore> {
  const dir = resolve(options.threadsDir);
  const cache =
    options.cacheDir === undefined
      ? undefined
      : fileCache<CachedState>(options.cacheDir, 'local', dir, isCachedState);
  return createStore(new LocalBackend(dir, options), { ...options, cache });
}

const idOf = (s: Stats) => `${s.mtimeMs}:${s.size}:${s.ino}`;
const typeOf = (s: Stats | Dirent): TreeEntry['type'] =>
  s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
// A FIFO opened without O_NONBLOCK would wait for a writer forever; a symlink is never followed.
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Reads a regular file without following a symlink or waiting on a pipe; null otherwise. */
function readRegular(path: string): BackendFile | null {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR') return null;
    throw err;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    return { text: readFileSync(fd, 'utf8'), id: idOf(stat) };
  } finally {
    closeSync(fd);
  }
}

/**
 * The folder as a backend. Its tree is the threads folder itself (the caller chose it). A writer holds the
 * thread's lock file from read to rename, so it never loses a race to another process, and the
 * Python tool (same lock file) excludes it too.
 */
class LocalBackend implements StoreBackend {
  readonly info;
  readonly fixedThreadsDir = '';
  private readonly changes: FolderChanges;

  constructor(
    private readonly dir: string,
    private readonly options: LocalStoreOptions,
  ) {
    this.info = { kind: 'local' as const, location: dir, threadsDir: dir };
    this.changes = new FolderChanges(dir);
  }

  async view(purpose: 'list' | 'read' | 'write'): Promise<BackendView> {
    const version = purpose === 'list' ? this.changes.version() : null;
    // The config may sit in the folder or beside it (a repository root holding `threads/`).
    const abs = (path: string) => {
      const inside = join(this.dir, path);
      if (path !== CONFIG_FILE || existsSync(inside)) return inside;
      return join(dirname(this.dir), CONFIG_FILE);
    };
    return {
      version,
      entries: async (sub) => this.entries(abs(sub)),
      entry: async (path) => {
        try {
          const stat = lstatSync(abs(path));
          return { name: path.split('/').pop() ?? path, type: typeOf(stat), id: idOf(stat) };
        } catch {
          return null;
        }
      },
      file: async (path) => readRegular(abs(path)),
    };
  }

  private entries(folder: string): TreeEntry[] {
    let dirents: Dirent[];
    try {
      dirents = readdirSync(folder, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return dirents.flatMap((d) => {
      if (!d.name.endsWith('.md')) return [{ name: d.name, type: typeOf(d), id: '' }];
      try {
        const stat = lstatSync(join(folder, d.name));
        return [{ name: d.name, type: typeOf(stat), id: idOf(stat) }];
      } catch {
        return []; // Removed while listing.
      }
    });
  }

  /** Under the thread's lock (taken by submit): nobody else wrote since the read, so write. */
  async commit(_view: BackendView, files: readonly FileWrite[]): Promise<boolean> {
    for (const f of files) {
      if ((readRegular(join(this.dir, f.path))?.id ?? null) !== f.base) return false;
    }
    // Companion files (the Python tool's graph) before the thread, as the Python writer orders it:
    // a write that dies between them leaves an entry the graph knows, which the next write keeps.
    const ordered = [...files].sort(
      (a, b) => Number(a.path.endsWith('.md')) - Number(b.path.endsWith('.md')),
    );
    for (const f of ordered) {
      const path = join(this.dir, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileAtomic(path, f.text);
      this.changes.mark();
    }
    return true;
  }

  async submit(op: Operation, engine: WriteEngine): Promise<WriteResult> {
    mkdirSync(this.dir, { recursive: true });
    const release = await acquireLock(lockPathFor(this.dir, op.topic), {
      timeoutMs: this.options.retry?.budgetMs ?? DEFAULT_RETRY_BUDGET_MS,
      user: this.options.context?.user ?? '',
    });
    try {
      return await engine.applyWithRetry(op);
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    this.changes.close();
  }
}

const FULL_RESCAN_MS = 5_000;

/**
 * What changed in the folder, as a version for the skeleton: a long-lived process (the MCP
 * server, the TUI) lists again and again, and from the second list on the folder is watched, so
 * an unchanged folder answers from memory. A one-shot command never pays for a watcher; anything
 * the watcher cannot vouch for (its start, an error) and a full look every few seconds (a lost
 * inotify event) mean "look again".
 */
class FolderChanges {
  private calls = 0;
  private watcher: FSWatcher | null = null;
  private generation = 0;
  private lastFull = 0;

  constructor(private readonly dir: string) {}

  version(): string | null {
    if (++this.calls === 2) this.watch();
    if (this.watcher === null || Date.now() - this.lastFull > FULL_RESCAN_MS) {
      this.lastFull = Date.now();
      this.generation++;
      return this.watcher === null ? null : `w${this.generation}`;
    }
    return `w${this.generation}`;
  }

  /** This process's own write: seen by the next list at once, not when the watcher says so. */
  mark(): void {
    this.generation++;
  }

  private watch(): void {
    try {
      this.watcher = watch(this.dir, () => this.generation++);
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = null;
      });
      this.watcher.unref();
    } catch {
      this.watcher = null;
    }
  }

  close(): void {
    this.watcher?.close();
  }
}
