import {
  type GitHubBatch,
  type Operation,
  type OperationContext,
  type ThreadSnapshot,
  type ThreadStore,
  type ThreadSummary,
  type ThreadsConfig,
  type WriteResult,
  WatercoolerError,
  closestTopics,
  parseAgentsFile,
  parseConfig,
  parseThread,
  summarizeThread,
  threadsConfigOf,
  topicFileStem,
  withEntryId,
} from '../core/index.js';

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
  /** Thread file paths, by name. */
  threads: string[];
  config: ThreadsConfig;
}

const NOT_THREADS = /^(index|readme|changelog|contributing|license|code_of_conduct|security)\.md$/i;
const READ_CONCURRENCY = 8;

/**
 * The Durable Object's store: the repository's threads as the group commit last saw them.
 * Reads cost no GitHub request within `freshMs` of the last look, and one conditional request
 * (a 304 when nothing moved) after it; writes go through the batch and are answered only once
 * GitHub holds them.
 */
export function createHubStore(batch: GitHubBatch, options: HubStoreOptions): HubStore {
  const freshMs = options.freshMs ?? 2_000;
  let layout: Layout | null = null;
  let lookedAt = 0;
  let looking: Promise<void> | null = null;
  const summaries = new Map<string, ThreadSummary>();
  const info = { kind: 'github' as const, location: batch.repo, threadsDir: 'threads' };

  const readLayout = async (): Promise<Layout> => {
    const blobs = batch.blobs();
    const configText = await batch.text('watercooler.json');
    const read = configText === null ? null : await parseConfig(configText, 'watercooler.json');
    for (const line of [...(read?.warnings ?? []), ...(read?.errors ?? [])]) options.log(line);
    const configured = read?.config.threadsDir?.replace(/^\.\/+|\/+$/g, '');
    const rootThreads = [...blobs.keys()].some(
      (p) => !p.includes('/') && p.endsWith('.md') && !NOT_THREADS.test(p),
    );
    const dir =
      configured !== undefined
        ? configured === '.'
          ? ''
          : configured
        : rootThreads && ![...blobs.keys()].some((p) => p.startsWith('threads/'))
          ? ''
          : 'threads';
    const agentsText = await batch.text(dir === '' ? 'agents.json' : `${dir}/agents.json`);
    const agents =
      agentsText === null ? undefined : await parseAgentsFile(agentsText, 'agents.json');
    if (agents?.error !== undefined) options.log(agents.error);
    const prefix = dir === '' ? '' : `${dir}/`;
    const threads = [...blobs.keys()]
      .filter((p) => {
        const name = p.slice(prefix.length);
        if (!p.startsWith(prefix) || name.includes('/') || !name.endsWith('.md')) return false;
        return (
          name !== 'index.md' && !name.startsWith('.') && !(dir === '' && NOT_THREADS.test(name))
        );
      })
      .sort();
    info.threadsDir = dir;
    return {
      head: batch.head(),
      dir,
      threads,
      config: threadsConfigOf(read?.config ?? {}, agents?.registry),
    };
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
    if (layout === null || layout.head !== batch.head()) layout = await readLayout();
    return layout;
  };

  const pathOf = (l: Layout, topic: string) =>
    `${l.dir === '' ? '' : `${l.dir}/`}${topicFileStem(topic)}.md`;

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
    return {
      topic: op.topic,
      operation: op.kind,
      entry_id: result.entryId,
      ball: result.ball,
      status: result.status,
      pending: false,
    };
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
