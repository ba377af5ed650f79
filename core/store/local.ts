import { createHash } from 'node:crypto';
import { type FSWatcher, mkdirSync, readdirSync, readFileSync, statSync, watch } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { readConfigFile, threadsConfigOf } from '../config.js';
import { syncLocalGraph } from '../graph/local-files.js';
import type { Operation, OperationContext } from '../operations.js';
import { threadNotFound } from '../suggest.js';
import { topicFileStem } from '../thread/entry.js';
import { parseThread } from '../thread/parse.js';
import { writeFileAtomic } from './atomic.js';
import { acquireLock } from './lock.js';
import type { LocalStoreOptions } from './open.js';
import { DEFAULT_RETRY_BUDGET_MS, applyWithRetry, writeResultOf } from './retry.js';
import type {
  ThreadSnapshot,
  ThreadStore,
  ThreadSummary,
  ThreadsConfig,
  WriteResult,
} from './store.js';
import { summarizeThread } from './summary.js';

/** The thread files of a folder: `*.md` but the generated index, by file name. */
export function threadFileNames(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names.filter((n) => n.endsWith('.md') && n !== 'index.md' && !n.startsWith('.')).sort();
}

/** The lock file of a thread, where the Python tool puts it. */
export function lockPathFor(threadsDir: string, topic: string): string {
  return join(threadsDir, `.${topicFileStem(topic)}.lock`);
}

/**
 * What changed in a folder since the last `take()`: nothing is watched until the second call, and
 * anything the watcher cannot vouch for (its start, an error, an event without a name) is 'all'.
 */
function folderChanges(dir: string): {
  take(): Set<string> | 'all';
  mark(name: string): void;
  close(): void;
} {
  let calls = 0;
  let watcher: FSWatcher | null = null;
  let all = true;
  let names = new Set<string>();
  let lastFull = 0;
  return {
    take() {
      calls++;
      if (calls === 2 && watcher === null) {
        try {
          watcher = watch(dir, (_event, name) => {
            if (name === null) all = true;
            else names.add(name.toString());
          });
          watcher.on('error', () => {
            watcher?.close();
            all = true;
          });
          watcher.unref();
        } catch {
          watcher = null;
        }
        all = true;
      }
      // A full look now and then bounds what a lost event (an inotify overflow) could hide.
      if (Date.now() - lastFull > FULL_RESCAN_MS) all = true;
      // Cleared before the caller reads, so an event during its read is seen next time.
      const result: Set<string> | 'all' = all || watcher === null ? 'all' : names;
      if (result === 'all') lastFull = Date.now();
      all = false;
      names = new Set();
      return result;
    },
    /** This process's own write: seen by the next list at once, not when the watcher says so. */
    mark(name: string) {
      names.add(name);
    },
    close() {
      watcher?.close();
    },
  };
}

const FULL_RESCAN_MS = 5_000;

type CacheEntry = { key: string; summary: ThreadSummary };

/**
 * Summaries kept between processes, so a cold `list` of thousands of threads stats files instead
 * of reading them. A summary is used only while its file's mtime, size and inode are unchanged;
 * the cache is a hint, so a missing, stale or corrupt one only costs a full read.
 */
function summaryCache(
  cacheDir: string,
  dir: string,
): { load(): Map<string, CacheEntry>; save(entries: Map<string, CacheEntry>): void } {
  const file = join(
    cacheDir,
    'local',
    `${createHash('sha256').update(dir).digest('hex').slice(0, 24)}.json`,
  );
  return {
    load() {
      try {
        const data = JSON.parse(readFileSync(file, 'utf8')) as {
          version: number;
          dir: string;
          entries: Record<string, CacheEntry>;
        };
        if (data.version !== 1 || data.dir !== dir) return new Map();
        return new Map(Object.entries(data.entries));
      } catch {
        return new Map();
      }
    },
    save(entries) {
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileAtomic(
          file,
          JSON.stringify({ version: 1, dir, entries: Object.fromEntries(entries) }),
        );
      } catch {
        // A cache that cannot be written is only slower next time.
      }
    },
  };
}

/** The local folder store: lock, apply, write a temp file, fsync, rename (SPEC §3). */
export async function openLocalStore(options: LocalStoreOptions): Promise<ThreadStore> {
  const dir = resolve(options.threadsDir);
  const cache = new Map<string, { key: string; summary: ThreadSummary }>();
  const budgetMs = options.retry?.budgetMs ?? DEFAULT_RETRY_BUDGET_MS;

  const loadConfig = async (): Promise<ThreadsConfig> => {
    const read =
      (await readConfigFile(join(dir, 'watercooler.json'))) ??
      (await readConfigFile(join(dirname(dir), 'watercooler.json')));
    for (const line of [...(read?.warnings ?? []), ...(read?.errors ?? [])]) options.log?.(line);
    const base = threadsConfigOf(read?.config ?? {});
    return {
      registry: options.context?.registry ?? base.registry,
      defaultBall: options.context?.defaultBall ?? base.defaultBall,
    };
  };

  const context = async (): Promise<OperationContext> => ({
    ...(await loadConfig()),
    user: options.context?.user ?? null,
    now: options.context?.now ?? (() => new Date()),
  });

  const readText = (path: string): string | null => {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  };

  const summarize = (name: string): ThreadSummary | null => {
    const path = join(dir, name);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return null; // Removed while listing.
    }
    const key = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    const hit = cache.get(name);
    if (hit?.key === key) return hit.summary;
    const text = readText(path);
    if (text === null) return null;
    const summary = summarizeThread(text, name);
    cache.set(name, { key, summary });
    return summary;
  };

  // A long-lived process (the MCP server, the TUI) lists again and again: from the second list on,
  // the folder is watched and only the files it reports changed are looked at again. A one-shot
  // command never pays for a watcher.
  const changes = folderChanges(dir);
  const persisted = options.cacheDir === undefined ? null : summaryCache(options.cacheDir, dir);
  let listed: ThreadSummary[] | null = null;
  const list = async (): Promise<ThreadSummary[]> => {
    if (persisted !== null && cache.size === 0)
      for (const [k, v] of persisted.load()) cache.set(k, v);
    const before = new Map(cache);
    const result = await listChanged();
    if (persisted === null) return result;
    const live = new Set(result.map((r) => r.path));
    let dirty = false;
    for (const [name, entry] of cache) {
      if (!live.has(name)) {
        cache.delete(name);
        dirty = true;
      } else if (before.get(name) !== entry) dirty = true;
    }
    if (dirty) persisted.save(cache);
    return result;
  };
  const listChanged = async (): Promise<ThreadSummary[]> => {
    const changed = changes.take();
    if (listed !== null && changed !== 'all') {
      if (changed.size === 0) return listed;
      const names = threadFileNames(dir);
      for (const name of changed) if (!names.includes(name)) cache.delete(name);
      listed = names.flatMap((name) => {
        const s = changed.has(name)
          ? summarize(name)
          : (cache.get(name)?.summary ?? summarize(name));
        return s === null ? [] : [s];
      });
      return listed;
    }
    listed = threadFileNames(dir).flatMap((name) => {
      const s = summarize(name);
      return s === null ? [] : [s];
    });
    return listed;
  };

  const read = async (topic: string): Promise<ThreadSnapshot> => {
    const name = `${topicFileStem(topic)}.md`;
    const path = join(dir, name);
    const text = readText(path);
    if (text === null) {
      throw threadNotFound(
        topic,
        `in ${dir}`,
        (await list()).map((t) => t.topic),
      );
    }
    const stat = statSync(path);
    return {
      topic,
      path: name,
      text,
      thread: parseThread(text),
      version: `${stat.mtimeMs}:${stat.size}`,
    };
  };

  const clock = options.context?.now ?? (() => new Date());
  const apply = async (op: Operation): Promise<WriteResult> => {
    const path = join(dir, `${topicFileStem(op.topic)}.md`);
    const lockPath = lockPathFor(dir, op.topic);
    const result = await applyWithRetry(
      async () => {
        mkdirSync(dir, { recursive: true });
        const release = await acquireLock(lockPath, {
          timeoutMs: budgetMs,
          user: options.context?.user ?? '',
        });
        return {
          text: readText(path),
          commit: async (next, result) => {
            syncLocalGraph(dir, topicFileStem(op.topic), result.thread, clock());
            writeFileAtomic(path, next);
            changes.mark(basename(path));
            return true;
          },
          release: async () => release(),
        };
      },
      op,
      await context(),
      options.retry,
    );
    return writeResultOf(op, result);
  };

  return {
    info: { kind: 'local', location: dir, threadsDir: dir },
    list,
    read,
    apply,
    config: loadConfig,
    sync: async () => ({ replayed: [], pending: [] }),
    pending: async () => [],
    close: async () => changes.close(),
  };
}
