import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readConfigFile, threadsConfigOf } from '../config.js';
import { WatercoolerError } from '../errors.js';
import type { Operation, OperationContext } from '../operations.js';
import { closestTopics } from '../suggest.js';
import { topicFileStem } from '../thread/entry.js';
import { parseThread } from '../thread/parse.js';
import { writeFileAtomic } from './atomic.js';
import { acquireLock } from './lock.js';
import type { LocalStoreOptions } from './open.js';
import { DEFAULT_RETRY_BUDGET_MS, applyWithRetry } from './retry.js';
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

/** The local folder store: lock, apply, write a temp file, fsync, rename (SPEC §3). */
export async function openLocalStore(options: LocalStoreOptions): Promise<ThreadStore> {
  const dir = resolve(options.threadsDir);
  const cache = new Map<string, { key: string; summary: ThreadSummary }>();
  const budgetMs = options.retry?.budgetMs ?? DEFAULT_RETRY_BUDGET_MS;

  const loadConfig = (): ThreadsConfig => {
    const read =
      readConfigFile(join(dir, 'watercooler.json')) ??
      readConfigFile(join(dirname(dir), 'watercooler.json'));
    for (const line of [...(read?.warnings ?? []), ...(read?.errors ?? [])]) options.log?.(line);
    const base = threadsConfigOf(read?.config ?? {});
    return {
      registry: options.context?.registry ?? base.registry,
      defaultBall: options.context?.defaultBall ?? base.defaultBall,
    };
  };

  const context = (): OperationContext => ({
    ...loadConfig(),
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

  const list = async (): Promise<ThreadSummary[]> =>
    threadFileNames(dir).flatMap((name) => {
      const path = join(dir, name);
      let stat;
      try {
        stat = statSync(path);
      } catch {
        return []; // Removed while listing.
      }
      const key = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
      const hit = cache.get(name);
      if (hit?.key === key) return [hit.summary];
      const text = readText(path);
      if (text === null) return [];
      const summary = summarizeThread(text, name);
      cache.set(name, { key, summary });
      return [summary];
    });

  const read = async (topic: string): Promise<ThreadSnapshot> => {
    const name = `${topicFileStem(topic)}.md`;
    const path = join(dir, name);
    const text = readText(path);
    if (text === null) {
      const near = closestTopics(
        topic,
        (await list()).map((t) => t.topic),
      );
      throw new WatercoolerError('THREAD_NOT_FOUND', `Thread "${topic}" not found in ${dir}.`, {
        hint:
          near.length > 0
            ? `Did you mean ${near.map((t) => `"${t}"`).join(', ')}?`
            : 'Run `watercooler list` to see the threads.',
      });
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
          commit: async (next) => {
            writeFileAtomic(path, next);
            return true;
          },
          release: async () => release(),
        };
      },
      op,
      context(),
      options.retry,
    );
    return {
      topic: op.topic,
      operation: op.kind,
      entry_id: result.entryId,
      ball: result.ball,
      status: result.status,
      pending: false,
    };
  };

  return {
    info: { kind: 'local', location: dir, threadsDir: dir },
    list,
    read,
    apply,
    config: async () => loadConfig(),
    sync: async () => ({ replayed: [], pending: [] }),
    pending: async () => [],
    close: async () => {},
  };
}
