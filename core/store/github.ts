import { retry } from '@octokit/plugin-retry';
import { type ThrottlingOptions, throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { parseAgentsFile, parseConfig, repoThreadsDir, threadsConfigOf } from '../config.js';
import { WatercoolerError } from '../errors.js';
import type { Operation, OperationContext } from '../operations.js';
import { redact, registerSecret } from '../redact.js';
import { threadNotFound } from '../suggest.js';
import { topicFileStem } from '../thread/entry.js';
import { parseThread } from '../thread/parse.js';
import { githubMessage, statusOf, toWatercoolerError } from './github-errors.js';
import { commitMessageFor } from './commit-message.js';
import type { GitHubStoreOptions } from './open.js';
import { DEFAULT_RETRY_BUDGET_MS, applyWithRetry, writeResultOf } from './retry.js';
import type {
  ThreadSnapshot,
  ThreadStore,
  ThreadSummary,
  ThreadsConfig,
  WriteResult,
} from './store.js';
import { summarizeThread } from './summary.js';

// Module-private on purpose: exporting a plugin-composed class breaks declaration emit (TS2883).
const GitHubClient = Octokit.plugin(retry, throttling);

const NOT_THREADS = /^(index|readme|changelog|contributing|license|code_of_conduct|security)\.md$/i;
const BLOB_CONCURRENCY = 8;
let storeCount = 0;
/**
 * Under heavy contention the next write lands about one GET→PUT window after the last, however
 * often losers retry; every extra try only burns the token's metered requests (2 per try). So
 * losers may back off further than on the other stores; a lightly contended write never gets here.
 */
const MAX_BACKOFF_MS = 4_000;

/**
 * GitHub asks for a second between writes to stay clear of secondary limits, and the throttling
 * plugin enforces it process-wide. Our writes are one per user action, and a lost race is resolved
 * by GET → apply → PUT: a forced second between that GET and PUT would make every concurrent writer
 * lose again. Secondary limits GitHub does send are still honoured through `retry-after`.
 */
const NO_WRITE_GAP = {
  key: () => ({ schedule: <T>(_options: unknown, fn: () => Promise<T>) => fn() }),
} as unknown as NonNullable<ThrottlingOptions['write']>;

interface Layout {
  /** The tree request's ETag and the root tree sha it named. */
  etag: string | undefined;
  treeSha: string | null;
  /** The threads folder inside the repository ('' for the root). */
  dir: string;
  /** Thread files (repo-relative path → blob sha), by path. */
  threads: Map<string, string>;
  config: ThreadsConfig;
}

interface CachedFile {
  etag: string | undefined;
  sha: string;
  text: string;
}

/** OWNER/REPO[@BRANCH] → its parts; anything else is a usage error. */
export function parseRepoSpec(spec: string): {
  owner: string;
  repo: string;
  branch: string | null;
} {
  const m =
    /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+?)(?:\.git)?(?:@(.+))?$/.exec(
      spec.trim(),
    );
  if (!m || m[2] === '.' || m[2] === '..') {
    throw new WatercoolerError('CONFIG', `"${spec}" is not a GitHub repository.`, {
      hint: 'Write it as OWNER/REPO or OWNER/REPO@BRANCH (for example acme/team-threads@main).',
    });
  }
  return { owner: m[1] ?? '', repo: m[2] ?? '', branch: m[3] ?? null };
}

function decodeBase64(content: string): string {
  return Buffer.from(content, 'base64').toString('utf8');
}

/**
 * The GitHub API store (SPEC §3): Contents API for a thread (conditional GET, PUT with the blob
 * `sha` precondition), one recursive Git Trees request for the listing and the layout, blob
 * bodies cached by sha. No clone, no git, no disk; no outbox either — a write lands or fails
 * loudly, so nothing is ever claimed written that is not on GitHub.
 */
export async function openGitHubStore(options: GitHubStoreOptions): Promise<ThreadStore> {
  registerSecret(options.token);
  const { owner, repo, branch } = parseRepoSpec(options.repo);
  const full = `${owner}/${repo}`;
  const baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const budgetMs = options.retry?.budgetMs ?? DEFAULT_RETRY_BUDGET_MS;
  const log = (line: string) => options.log?.(redact(line));
  const silent = () => {};

  const octokit = new GitHubClient({
    auth: options.token,
    baseUrl,
    userAgent: 'watercooler',
    log: { debug: silent, info: silent, warn: silent, error: silent },
    // 409 (a stale sha) is a lost race for our loop, not a transient failure to repeat as is.
    retry: { doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451], retries: 2 },
    throttle: {
      // Each store is one agent: its own concurrency group, not one shared by every store in the process.
      id: `watercooler-${++storeCount}`,
      write: NO_WRITE_GAP,
      onRateLimit: (retryAfter: number, _o: unknown, _k: unknown, retryCount: number) => {
        if (retryCount > 0 || retryAfter * 1000 > budgetMs) return false;
        log(`GitHub rate limit spent; waiting ${retryAfter} s for the reset.`);
        return true;
      },
      onSecondaryRateLimit: (retryAfter: number, _o: unknown, _k: unknown, retryCount: number) => {
        if (retryCount > 2 || retryAfter * 1000 > budgetMs) return false;
        log(`GitHub secondary rate limit; waiting ${retryAfter} s as it asks.`);
        return true;
      },
    },
    ...(options.fetch === undefined ? {} : { request: { fetch: options.fetch } }),
  });

  const info = {
    kind: 'github' as const,
    location: branch === null ? full : `${full}@${branch}`,
    threadsDir: 'threads',
  };
  const treeRef = branch ?? 'HEAD';
  const refParam = branch === null ? {} : { ref: branch };
  const branchParam = branch === null ? {} : { branch };
  let layout: Layout | null = null;
  const files = new Map<string, CachedFile>();
  const blobs = new Map<string, string>();
  const summaries = new Map<string, ThreadSummary>();

  const fail = (err: unknown, action: 'read' | 'write' | 'list', writing?: boolean) =>
    toWatercoolerError(err, full, action, baseUrl, writing);

  /**
   * Blob text by sha. Blobs are immutable: config files and root candidates are kept (`keep`);
   * thread bodies are only summarized, so a long-running server does not hoard every version.
   */
  const blobText = async (sha: string, keep = true): Promise<string> => {
    const hit = blobs.get(sha);
    if (hit !== undefined) return hit;
    const { data } = await octokit.rest.git.getBlob({ owner, repo, file_sha: sha });
    const text = decodeBase64(data.content);
    if (keep) blobs.set(sha, text);
    return text;
  };

  /** Why a tree request got 404: the repository (or its visibility) or only the branch. */
  const explain404 = async (err: unknown): Promise<WatercoolerError> => {
    try {
      const { data } = await octokit.rest.repos.get({ owner, repo });
      return new WatercoolerError(
        'CONFIG',
        `Branch "${branch ?? 'HEAD'}" not found in ${full} (its default branch is ${data.default_branch}).`,
        {
          hint: `Use --github ${full}@${data.default_branch}, or create the branch first.`,
          cause: err,
        },
      );
    } catch (inner) {
      return fail(inner, 'read');
    }
  };

  /** One recursive tree request answers the listing, where threads sit and the config's version. */
  const refresh = async (): Promise<Layout> => {
    let data: { sha: string; tree: Array<{ path?: string; type?: string; sha?: string }> } | null =
      null;
    let etag: string | undefined;
    try {
      const res = await octokit.rest.git.getTree({
        owner,
        repo,
        tree_sha: treeRef,
        recursive: '1',
        ...(layout?.etag === undefined ? {} : { headers: { 'if-none-match': layout.etag } }),
      });
      data = res.data;
      etag = res.headers.etag;
    } catch (err) {
      const status = statusOf(err);
      if (status === 304 && layout !== null) return layout;
      if (status === 404) throw await explain404(err);
      if (!(status === 409 && /empty/i.test(githubMessage(err)))) throw fail(err, 'list');
      // An empty repository is a valid place to start: the first write creates the first commit.
    }
    if (data !== null && layout !== null && data.sha === layout.treeSha) {
      layout = { ...layout, etag };
      return layout;
    }
    const entries = new Map<string, { type: string; sha: string }>();
    for (const e of data?.tree ?? [])
      if (e.path !== undefined) entries.set(e.path, { type: e.type ?? '', sha: e.sha ?? '' });
    const text = async (path: string): Promise<string | null> => {
      const e = entries.get(path);
      return e?.type === 'blob' ? blobText(e.sha) : null;
    };
    const configText = await text('watercooler.json');
    const read = configText === null ? null : await parseConfig(configText, 'watercooler.json');
    for (const line of [...(read?.warnings ?? []), ...(read?.errors ?? [])]) log(line);
    let dir = repoThreadsDir(read?.config.threadsDir);
    if (dir === null) {
      const candidates = [...entries.keys()].filter(
        (p) => !p.includes('/') && /\.md$/i.test(p) && !NOT_THREADS.test(p),
      );
      let root = false;
      for (const path of candidates.slice(0, 3)) {
        if (/^(Status|Ball|Topic):/m.test(((await text(path)) ?? '').slice(0, 600))) root = true;
      }
      dir = root ? '' : 'threads';
    }
    const agentsText = await text(dir === '' ? 'agents.json' : `${dir}/agents.json`);
    const agents =
      agentsText === null ? undefined : await parseAgentsFile(agentsText, 'agents.json');
    if (agents?.error !== undefined) log(agents.error);
    const base = threadsConfigOf(read?.config ?? {}, agents?.registry);
    const threads = new Map<string, string>();
    const prefix = dir === '' ? '' : `${dir}/`;
    for (const [path, e] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const name = path.slice(prefix.length);
      if (e.type !== 'blob' || !path.startsWith(prefix) || name.includes('/')) continue;
      if (
        !name.endsWith('.md') ||
        name === 'index.md' ||
        name.startsWith('.') ||
        (dir === '' && NOT_THREADS.test(name))
      )
        continue;
      threads.set(path, e.sha);
    }
    layout = {
      etag,
      treeSha: data?.sha ?? null,
      dir,
      threads,
      config: {
        registry: options.context?.registry ?? base.registry,
        defaultBall: options.context?.defaultBall ?? base.defaultBall,
      },
    };
    info.threadsDir = dir;
    return layout;
  };

  const known = async (): Promise<Layout> => layout ?? refresh();
  const pathOf = (l: Layout, topic: string) =>
    `${l.dir === '' ? '' : `${l.dir}/`}${topicFileStem(topic)}.md`;

  /** The file as GitHub has it now, asking with the ETag we hold (a 304 costs no rate limit). */
  const fetchFile = async (path: string, writing = false): Promise<CachedFile | null> => {
    const cached = files.get(path);
    try {
      const res = await octokit.rest.repos.getContent({
        owner,
        repo,
        path,
        ...refParam,
        ...(cached?.etag === undefined ? {} : { headers: { 'if-none-match': cached.etag } }),
      });
      const data = res.data;
      if (Array.isArray(data) || data.type !== 'file') {
        throw new WatercoolerError('MALFORMED_THREAD', `${path} in ${full} is not a file.`, {
          hint: 'Move what is there out of the way.',
        });
      }
      // Files over 1 MB come without content: fetch the blob.
      const text =
        data.encoding === 'none' || data.content === undefined
          ? await blobText(data.sha)
          : decodeBase64(data.content);
      const file = { etag: res.headers.etag, sha: data.sha, text };
      files.set(path, file);
      return file;
    } catch (err) {
      const status = statusOf(err);
      if (status === 304 && cached !== undefined) return cached;
      if (status === 404) {
        // The layout request already told a missing repository or branch from a missing file.
        files.delete(path);
        return null;
      }
      throw err instanceof WatercoolerError ? err : fail(err, 'read', writing);
    }
  };

  const notFound = async (topic: string): Promise<WatercoolerError> => {
    const topics = (await list()).map((t) => t.topic);
    return threadNotFound(topic, `in ${full}`, topics);
  };

  const list = async (): Promise<ThreadSummary[]> => {
    const l = await refresh();
    const todo = [...l.threads].filter(([, sha]) => !summaries.has(sha));
    // Cold listing: one blob request per thread body not seen before, a few at a time.
    for (let i = 0; i < todo.length; i += BLOB_CONCURRENCY) {
      await Promise.all(
        todo.slice(i, i + BLOB_CONCURRENCY).map(async ([path, sha]) => {
          try {
            summaries.set(sha, summarizeThread(await blobText(sha, false), path));
          } catch (err) {
            throw fail(err, 'list');
          }
        }),
      );
    }
    const live = new Set(l.threads.values());
    for (const sha of summaries.keys()) if (!live.has(sha)) summaries.delete(sha);
    return [...l.threads].map(([path, sha]) => ({
      ...(summaries.get(sha) as ThreadSummary),
      path,
    }));
  };

  const read = async (topic: string): Promise<ThreadSnapshot> => {
    const path = pathOf(await known(), topic);
    const file = await fetchFile(path);
    if (file === null) throw await notFound(topic);
    return { topic, path, text: file.text, thread: parseThread(file.text), version: file.sha };
  };

  const apply = async (op: Operation): Promise<WriteResult> => {
    const l = await known();
    const path = pathOf(l, op.topic);
    const ctx: OperationContext = {
      ...l.config,
      user: options.context?.user ?? null,
      now: options.context?.now ?? (() => new Date()),
    };
    const result = await applyWithRetry(
      async () => {
        const current = await fetchFile(path, true);
        return {
          text: current?.text ?? null,
          commit: async (next, applied) => {
            try {
              const res = await octokit.rest.repos.createOrUpdateFileContents({
                owner,
                repo,
                path,
                message: commitMessageFor([{ op, entryId: applied.entryId }], ctx),
                content: Buffer.from(next, 'utf8').toString('base64'),
                ...(current === null ? {} : { sha: current.sha }),
                ...branchParam,
              });
              const sha = res.data.content?.sha;
              if (sha !== undefined) files.set(path, { etag: undefined, sha, text: next });
              return true;
            } catch (err) {
              const status = statusOf(err);
              // 409 "<path> does not match <sha>": someone wrote first. 422 "sha wasn't supplied":
              // someone created the file first. Both are lost races: re-read and re-apply.
              if (status === 409 || (status === 422 && /sha/i.test(githubMessage(err))))
                return false;
              throw fail(err, 'write');
            }
          },
        };
      },
      op,
      ctx,
      { maxDelayMs: MAX_BACKOFF_MS, ...options.retry },
    );
    return writeResultOf(op, result);
  };

  return {
    info,
    list,
    read,
    apply,
    config: async () => (await known()).config,
    sync: async () => ({ replayed: [], pending: [] }),
    pending: async () => [],
    close: async () => {},
  };
}
