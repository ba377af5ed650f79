import type { GitHubBatch } from '../core/store/github-batch.js';
import {
  type Operation,
  type OperationContext,
  type ThreadSnapshot,
  type ThreadStore,
  type ThreadSummary,
  type ThreadsConfig,
  type WriteResult,
  WatercoolerError,
  closestTopics,
  parseThread,
  summarizeThread,
  withEntryId,
  writeResultOf,
} from '../core/index.js';
import {
  type Layout as CoreLayout,
  type TreeEntry,
  type TreeReader,
  isThreadPath,
  readLayout,
  topicPaths,
} from '../core/layout.js';

/** Who is on the other end of a session, as the Worker established it. */
export interface HubUser {
  login: string;
  /** What GitHub grants the login on the repository. */
  access: 'read' | 'write';
}

export interface HubStore extends ThreadStore {
  /** The store as one user sees it: their writes carry their login; read access cannot write. */
  as(user: HubUser): ThreadStore;
}

export interface HubStoreOptions {
  /** A read or list at most this long after the last look at GitHub asks nothing (default 2 s). */
  freshMs?: number;
  log: (line: string) => void;
}

interface Layout {
  head: string | null;
  dir: string;
  rule: CoreLayout;
  /** Thread file paths, by name. */
  threads: string[];
  config: ThreadsConfig;
}

const READ_CONCURRENCY = 8;

/** The head's tree as the layout rule reads it (folders from the blob paths). */
function treeOf(batch: GitHubBatch): TreeReader {
  return {
    entries: async (dir) => {
      const prefix = dir === '' ? '' : `${dir}/`;
      const seen = new Map<string, TreeEntry>();
      for (const [path, sha] of batch.blobs()) {
        if (!path.startsWith(prefix)) continue;
        const rest = path.slice(prefix.length);
        const slash = rest.indexOf('/');
        const name = slash === -1 ? rest : rest.slice(0, slash);
        if (!seen.has(name))
          seen.set(name, {
            name,
            type: slash === -1 ? 'file' : 'dir',
            id: slash === -1 ? sha : '',
          });
      }
      return [...seen.values()];
    },
    text: (path) => batch.text(path),
  };
}

/**
 * The Durable Object's store: the repository's threads as the group commit last saw them.
 * Reads cost no GitHub request within `freshMs` of the last look, and one conditional request
 * (a 304 when nothing moved) after it; writes go through the batch and are answered only once
 * GitHub holds them. Where threads sit is core's one layout rule.
 */
export function createHubStore(batch: GitHubBatch, options: HubStoreOptions): HubStore {
  const freshMs = options.freshMs ?? 2_000;
  let layout: Layout | null = null;
  let lookedAt = 0;
  let looking: Promise<void> | null = null;
  const summaries = new Map<string, ThreadSummary>();
  const info = { kind: 'github' as const, location: batch.repo, threadsDir: 'threads' };

  const readLayoutNow = async (): Promise<Layout> => {
    const rule = await readLayout(treeOf(batch), { log: options.log });
    const threads = [...batch.blobs().keys()].filter((p) => isThreadPath(p, rule.dir)).sort();
    info.threadsDir = rule.dir;
    return { head: batch.head(), dir: rule.dir, rule, threads, config: rule.config };
  };

  /** Looks at GitHub at most once per `freshMs`; a failed look serves the last copy when there is one. */
  const fresh = async (): Promise<Layout> => {
    if (layout === null || Date.now() - lookedAt >= freshMs) {
      looking ??= (async () => {
        try {
          await batch.refresh();
          lookedAt = Date.now();
        } catch (err) {
          if (batch.head() === null) throw err;
          options.log(`hub: GitHub did not answer; serving the last copy (${String(err)})`);
        } finally {
          looking = null;
        }
      })();
      await looking;
    }
    if (layout === null || layout.head !== batch.head()) layout = await readLayoutNow();
    return layout;
  };

  /** The first of the topic's paths that exists (a seed-era name is appended to), else the first. */
  const pathOf = (l: Layout, topic: string) => {
    const paths = topicPaths(l.rule, topic);
    return paths.find((p) => batch.blobs().has(p)) ?? (paths[0] as string);
  };

  const list = async (): Promise<ThreadSummary[]> => {
    const l = await fresh();
    const blobs = batch.blobs();
    const rows: ThreadSummary[] = [];
    for (let i = 0; i < l.threads.length; i += READ_CONCURRENCY) {
      const chunk = l.threads.slice(i, i + READ_CONCURRENCY);
      const done = await Promise.all(
        chunk.map(async (path) => {
          const sha = blobs.get(path) ?? '';
          const hit = summaries.get(sha);
          if (hit !== undefined) return { ...hit, path };
          const row = summarizeThread((await batch.text(path)) ?? '', path);
          summaries.set(sha, row);
          return row;
        }),
      );
      rows.push(...done);
    }
    const live = new Set(blobs.values());
    for (const sha of summaries.keys()) if (!live.has(sha)) summaries.delete(sha);
    return rows;
  };

  const read = async (topic: string): Promise<ThreadSnapshot> => {
    const l = await fresh();
    const path = pathOf(l, topic);
    const text = await batch.text(path);
    if (text === null) {
      const topics = (await list()).map((t) => t.topic);
      const near = closestTopics(topic, topics);
      throw new WatercoolerError(
        'THREAD_NOT_FOUND',
        `Thread "${topic}" not found in ${batch.repo}.`,
        {
          hint:
            near.length > 0
              ? `Did you mean ${near.map((t) => `"${t}"`).join(', ')}?`
              : 'Check the name with list.',
        },
      );
    }
    return { topic, path, text, thread: parseThread(text), version: batch.blobs().get(path) ?? '' };
  };

  const apply = async (op: Operation, user: HubUser | null): Promise<WriteResult> => {
    if (user !== null && user.access !== 'write') {
      throw new WatercoolerError(
        'PERMISSION',
        `${user.login} may read ${batch.repo} but not write to it: GitHub grants them read access only.`,
        {
          hint: 'Ask a maintainer of the repository for write (push) access, then sign in to the hub again.',
        },
      );
    }
    const l = await fresh();
    const ctx: OperationContext = { ...l.config, user: user?.login ?? null, now: () => new Date() };
    const fixed = withEntryId(op);
    const result = await batch.write({
      path: pathOf(l, op.topic),
      op: fixed,
      ctx,
      author: user === null ? null : { login: user.login },
    });
    return writeResultOf(op, result);
  };

  const base = (user: HubUser | null): ThreadStore => ({
    info,
    list,
    read,
    apply: (op) => apply(op, user),
    config: async () => (await fresh()).config,
    sync: async () => ({ replayed: [], pending: [] }),
    pending: async () => [],
    close: async () => {},
  });
  return { ...base(null), as: (user) => base(user) };
}
