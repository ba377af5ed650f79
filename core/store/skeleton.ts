import { WatercoolerError } from '../errors.js';
import {
  type Layout,
  type TreeEntry,
  isThreadFileName,
  joinPath,
  readLayout,
  topicPaths,
} from '../layout.js';
import { type OperationContext, withEntryId } from '../operations.js';
import { threadNotFound } from '../suggest.js';
import { topicFileStem } from '../thread/entry.js';
import { parseThread } from '../thread/parse.js';
import type { BackendView, StoreBackend, WriteEngine } from './backend.js';
import { prepareBatch } from './batch.js';
import type { StoreCommonOptions } from './open.js';
import { LOST, retryLostRaces, writeResultOf } from './retry.js';
import type { ThreadSnapshot, ThreadStore, ThreadSummary, ThreadsConfig } from './store.js';
import { summarizeThread } from './summary.js';

/** What a store keeps between processes (the user cache folder): a hint, never the truth. */
export interface PersistentCache<T = CachedState> {
  load(): T | null;
  save(state: T): void;
}

export interface CachedState {
  /** Layouts by view version (a commit or tree sha): a cold process skips re-reading the config. */
  layouts: Record<string, Layout>;
  /** Summaries by `<file id>:<path>`: ids change with the bytes, so a hit is always current. */
  summaries: Record<string, ThreadSummary>;
}

export interface SkeletonOptions extends StoreCommonOptions {
  cache?: PersistentCache;
}

const READ_CONCURRENCY = 8;
const KEPT_LAYOUTS = 4;

/**
 * A store is its backend and this: where the threads are (the layout rule), which files are
 * threads, summaries cached by file id, operations applied through the one retry loop. Every
 * store — local, git, GitHub, the hub's — shares it, so they cannot drift apart.
 */
export function createStore(backend: StoreBackend, options: SkeletonOptions = {}): ThreadStore {
  const state = stateOf(backend, options);
  const list = async (): Promise<ThreadSummary[]> => {
    await backend.beforeRead?.(engine);
    return state.list(await backend.view('list'));
  };
  const engine: WriteEngine = {
    prepare: async (view, items) =>
      prepareBatch(view, items, {
        layout: await state.layout(view),
        ctx: await engine.context(view),
        path: (layout, topic) => state.threadPath(view, layout, topic),
        companions: options.companions,
      }),
    context: async (view) => contextOf((await state.layout(view)).config, options),
    applyWithRetry: async (op) => {
      const result = await retryLostRaces(
        async () => {
          const view = await backend.view('write');
          const batch = await engine.prepare(view, [{ op }]);
          const [outcome] = batch.outcomes;
          if (outcome === undefined || outcome.result === null) throw outcome?.error;
          if (batch.files.length === 0) return outcome.result;
          return (await backend.commit(view, batch.files, batch.message)) ? outcome.result : LOST;
        },
        op,
        options.retry,
      );
      return writeResultOf(op, result);
    },
  };
  return {
    info: backend.info,
    list,
    read: async (topic) => {
      await backend.beforeRead?.(engine);
      const view = await backend.view('read');
      const path = await state.threadPath(view, await state.layout(view), topic);
      const file = await view.file(path);
      if (file === null) {
        const topics = (await list()).map((t) => t.topic);
        throw threadNotFound(topic, `in ${backend.info.location}`, topics);
      }
      const snapshot: ThreadSnapshot = {
        topic,
        path,
        text: file.text,
        thread: parseThread(file.text),
        version: file.id,
      };
      return snapshot;
    },
    apply: async (operation) => {
      topicFileStem(operation.topic);
      const op = withEntryId(operation);
      return backend.submit === undefined ? engine.applyWithRetry(op) : backend.submit(op, engine);
    },
    config: async (): Promise<ThreadsConfig> =>
      (await state.layout(await backend.view('read'))).config,
    sync: async () => backend.sync?.(engine) ?? { replayed: [], pending: [] },
    pending: async () => backend.pending?.() ?? [],
    close: async () => backend.close(),
  };
}

/** The operation context of a layout's config and the caller's overrides. */
function contextOf(config: ThreadsConfig, options: StoreCommonOptions): OperationContext {
  return {
    ...config,
    user: options.context?.user ?? null,
    now: options.context?.now ?? (() => new Date()),
  };
}

/** The caches of one store: layouts and summaries, in memory and (optionally) between processes. */
function stateOf(backend: StoreBackend, options: SkeletonOptions) {
  const persisted = options.cache?.load() ?? null;
  const layouts = new Map(Object.entries(persisted?.layouts ?? {}));
  const summaries = new Map(Object.entries(persisted?.summaries ?? {}));
  let last: { version: string; rows: ThreadSummary[] } | null = null;
  const warned = new Set<string>();

  const save = () =>
    options.cache?.save({
      layouts: Object.fromEntries([...layouts].slice(-KEPT_LAYOUTS)),
      summaries: Object.fromEntries(summaries),
    });

  const layout = async (view: BackendView): Promise<Layout> => {
    const known = view.version === null ? undefined : layouts.get(view.version);
    if (known !== undefined) return known;
    const read = await layoutIn(view, backend, options);
    if (backend.fixedThreadsDir === undefined) backend.info.threadsDir = read.dir;
    if (view.version !== null) {
      layouts.delete(view.version);
      layouts.set(view.version, read);
      if (options.cache !== undefined) save();
    }
    return read;
  };

  const summarize = async (view: BackendView, path: string, e: TreeEntry) => {
    const key = `${e.id}:${path}`;
    const hit = summaries.get(key);
    if (hit !== undefined) return hit;
    const file = await view.file(path, e.id);
    if (file === null) return null; // Removed while listing.
    const summary = summarizeThread(file.text, path);
    summaries.set(`${file.id}:${path}`, summary);
    return summary;
  };

  const list = async (view: BackendView): Promise<ThreadSummary[]> => {
    if (view.version !== null && last?.version === view.version) return last.rows;
    const l = await layout(view);
    const files = (await view.entries(l.dir))
      .filter((e) => isThreadFileName(e.name, l.sharedRoot))
      .filter((e) => e.type === 'file' || !warnOnce(joinPath(l.dir, e.name)))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const before = summaries.size;
    const rows: (ThreadSummary | null)[] = [];
    for (let i = 0; i < files.length; i += READ_CONCURRENCY) {
      const slice = files.slice(i, i + READ_CONCURRENCY);
      rows.push(
        ...(await Promise.all(slice.map((e) => summarize(view, joinPath(l.dir, e.name), e)))),
      );
    }
    const result = rows.filter((r): r is ThreadSummary => r !== null);
    const live = new Set(files.map((e) => `${e.id}:${joinPath(l.dir, e.name)}`));
    let pruned = false;
    for (const key of summaries.keys())
      if (!live.has(key)) pruned = summaries.delete(key) || pruned;
    if (options.cache !== undefined && (pruned || summaries.size !== before)) save();
    if (view.version !== null) last = { version: view.version, rows: result };
    return result;
  };

  const warnOnce = (path: string): boolean => {
    if (!warned.has(path)) {
      warned.add(path);
      options.log?.(`warning: skipping ${path}: not a regular file (a symlink, folder or pipe).`);
    }
    return true;
  };

  return { layout, threadPath: threadPathIn, list };
}

/** The layout rule run on a view (config files read by their entry's id). */
function layoutIn(
  view: BackendView,
  backend: StoreBackend,
  options: SkeletonOptions,
): Promise<Layout> {
  return readLayout(
    {
      entries: (dir) => view.entries(dir),
      // By the entry's id: a backend may read config files from its object cache.
      text: async (p) => {
        const e = await view.entry(p);
        return e?.type === 'file' ? ((await view.file(p, e.id))?.text ?? null) : null;
      },
    },
    {
      ...(backend.fixedThreadsDir === undefined ? {} : { threadsDir: backend.fixedThreadsDir }),
      registry: options.context?.registry,
      defaultBall: options.context?.defaultBall,
      log: options.log,
    },
  );
}

/** The file of a topic in a view (the seed-era name when only it exists); never a non-file. */
async function threadPathIn(view: BackendView, l: Layout, topic: string): Promise<string> {
  const candidates = topicPaths(l, topic);
  for (const path of candidates) {
    const entry = await view.entry(path);
    if (entry === null) continue;
    if (entry.type !== 'file') throw notRegular(path);
    return path;
  }
  return candidates[0] as string;
}

function notRegular(path: string): WatercoolerError {
  return new WatercoolerError(
    'MALFORMED_THREAD',
    `${path} is not a regular file (a symlink, a folder or a pipe): it is not read or written.`,
    { hint: 'Move it out of the threads folder, or replace it with the thread file itself.' },
  );
}
