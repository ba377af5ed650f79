import { retry } from '@octokit/plugin-retry';
import { type ThrottlingOptions, throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { WatercoolerError } from '../errors.js';
import { redact, registerSecret } from '../redact.js';
import type { BackendFile, BackendView, FileWrite, StoreBackend, ViewPurpose } from './backend.js';
import { githubMessage, statusOf, toWatercoolerError } from './github-errors.js';
import {
  type RepoTree,
  type TreeAnswer,
  repoTreeOf,
  treeEntries,
  treeEntry,
} from './github-tree.js';
import type { GitHubStoreOptions } from './open.js';
import { parseRepoSpec } from './repo-spec.js';
import { DEFAULT_RETRY_BUDGET_MS } from './retry.js';
import { type CachedState, type PersistentCache, createStore } from './skeleton.js';
import type { StoreInfo, ThreadStore } from './store.js';

export { parseRepoSpec };

// Module-private on purpose: exporting a plugin-composed class breaks declaration emit (TS2883).
const GitHubClient = Octokit.plugin(retry, throttling);
type Client = InstanceType<typeof GitHubClient>;

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

/** What the GitHub store keeps between processes: the skeleton's state and the tree with its ETag. */
export interface GitHubCachedState extends CachedState {
  tree?: RepoTree;
}

interface CachedFile {
  etag: string | undefined;
  sha: string;
  text: string;
}

function decodeBase64(content: string): string {
  return Buffer.from(content, 'base64').toString('utf8');
}

function clientFor(options: GitHubStoreOptions, baseUrl: string, log: (l: string) => void): Client {
  const budgetMs = options.retry?.budgetMs ?? DEFAULT_RETRY_BUDGET_MS;
  const silent = () => {};
  return new GitHubClient({
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
}

/**
 * The GitHub API store (SPEC §3): one recursive Git Trees request for the listing and the layout
 * (conditional, ETag), blob bodies by sha, the Contents API for a thread (conditional GET, PUT
 * with the blob `sha` precondition). No clone, no git, no disk of its own (the cache, when given,
 * is injected); no outbox either — a write lands or fails loudly.
 */
export async function openGitHubStore(
  options: GitHubStoreOptions & { cache?: PersistentCache<GitHubCachedState> },
): Promise<ThreadStore> {
  registerSecret(options.token);
  const backend = new GitHubBackend(options);
  return createStore(backend, {
    ...options,
    retry: { maxDelayMs: MAX_BACKOFF_MS, ...options.retry },
    ...(options.cache === undefined ? {} : { cache: backend.sharedCache(options.cache) }),
  });
}

class GitHubBackend implements StoreBackend {
  readonly info: StoreInfo;
  private readonly owner: string;
  private readonly repo: string;
  private readonly branch: string | null;
  private readonly full: string;
  private readonly baseUrl: string;
  private readonly octokit: Client;
  private readonly log: (line: string) => void;
  private tree: RepoTree | null = null;
  private cache: PersistentCache<GitHubCachedState> | null = null;
  private readonly files = new Map<string, CachedFile>();
  // Config blobs are immutable and read on every layout: kept. Thread bodies are only summarized.
  private readonly blobs = new Map<string, string>();

  constructor(options: GitHubStoreOptions) {
    const { owner, repo, branch } = parseRepoSpec(options.repo);
    this.owner = owner;
    this.repo = repo;
    this.branch = branch;
    this.full = `${owner}/${repo}`;
    this.baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
    this.log = (line) => options.log?.(redact(line));
    this.octokit = clientFor(options, this.baseUrl, this.log);
    this.info = {
      kind: 'github',
      location: branch === null ? this.full : `${this.full}@${branch}`,
      threadsDir: 'threads',
    };
  }

  /** One cache file for the skeleton's state and this backend's tree. */
  sharedCache(cache: PersistentCache<GitHubCachedState>): PersistentCache {
    this.cache = cache;
    this.tree = cache.load()?.tree ?? null;
    return {
      load: () => cache.load(),
      save: (state) => cache.save({ ...state, ...(this.tree === null ? {} : { tree: this.tree }) }),
    };
  }

  private fail(err: unknown, action: 'read' | 'write' | 'list', writing?: boolean) {
    return toWatercoolerError(err, this.full, action, this.baseUrl, writing);
  }

  /**
   * A list looks at the tree again (a 304 when unchanged); a read or write trusts the tree it
   * knows — from this process or the cache — for the layout, and reads the thread itself fresh.
   */
  async view(purpose: ViewPurpose): Promise<BackendView> {
    const tree = purpose === 'list' || this.tree === null ? await this.refresh() : this.tree;
    return {
      version: tree.sha,
      entries: async (dir) => treeEntries(tree, dir),
      entry: async (path) => treeEntry(tree, path),
      // An id names one version (a listing, the config of this tree): read it as a blob, kept
      // when it is config (read on every layout), not when it is a thread body. Without an id,
      // the thread as it is now.
      file: async (path, id) =>
        id !== undefined
          ? { text: await this.blobText(id, !path.endsWith('.md')), id }
          : this.fetchFile(path, purpose === 'write'),
    };
  }

  private async blobText(sha: string, keep: boolean): Promise<string> {
    const hit = this.blobs.get(sha);
    if (hit !== undefined) return hit;
    try {
      const { data } = await this.octokit.rest.git.getBlob({
        owner: this.owner,
        repo: this.repo,
        file_sha: sha,
      });
      const text = decodeBase64(data.content);
      if (keep) this.blobs.set(sha, text);
      return text;
    } catch (err) {
      throw this.fail(err, 'list');
    }
  }

  private async refresh(): Promise<RepoTree> {
    const etag = this.tree?.etag;
    try {
      const res = await this.octokit.rest.git.getTree({
        owner: this.owner,
        repo: this.repo,
        tree_sha: this.branch ?? 'HEAD',
        recursive: '1',
        ...(etag === undefined ? {} : { headers: { 'if-none-match': etag } }),
      });
      this.tree = repoTreeOf(res.data as TreeAnswer, res.headers.etag);
    } catch (err) {
      const status = statusOf(err);
      if (status === 304 && this.tree !== null) return this.tree;
      if (status === 404) throw await this.explain404(err);
      if (!(status === 409 && /empty/i.test(githubMessage(err)))) throw this.fail(err, 'list');
      // An empty repository is a valid place to start: the first write creates the first commit.
      this.tree = repoTreeOf(null, undefined);
    }
    const tree = this.tree;
    const saved = this.cache?.load();
    if (this.cache !== null && saved?.tree?.etag !== tree.etag)
      this.cache.save({ layouts: {}, summaries: {}, ...saved, tree });
    return tree;
  }

  /** Why a tree request got 404: the repository (or its visibility) or only the branch. */
  private async explain404(err: unknown): Promise<WatercoolerError> {
    try {
      const { data } = await this.octokit.rest.repos.get({ owner: this.owner, repo: this.repo });
      return new WatercoolerError(
        'CONFIG',
        `Branch "${this.branch ?? 'HEAD'}" not found in ${this.full} (its default branch is ${data.default_branch}).`,
        {
          hint: `Use --github ${this.full}@${data.default_branch}, or create the branch first.`,
          cause: err,
        },
      );
    } catch (inner) {
      return this.fail(inner, 'read');
    }
  }

  /** The file as GitHub has it now, asking with the ETag we hold (a 304 costs no rate limit). */
  private async fetchFile(path: string, writing: boolean): Promise<BackendFile | null> {
    const cached = this.files.get(path);
    try {
      const res = await this.octokit.rest.repos.getContent({
        owner: this.owner,
        repo: this.repo,
        path,
        ...(this.branch === null ? {} : { ref: this.branch }),
        ...(cached?.etag === undefined ? {} : { headers: { 'if-none-match': cached.etag } }),
      });
      const data = res.data;
      if (Array.isArray(data) || data.type !== 'file') return null; // A folder or a symlink.
      // Files over 1 MB come without content: fetch the blob.
      const text =
        data.encoding === 'none' || data.content === undefined
          ? await this.blobText(data.sha, false)
          : decodeBase64(data.content);
      this.files.set(path, { etag: res.headers.etag, sha: data.sha, text });
      return { text, id: data.sha };
    } catch (err) {
      const status = statusOf(err);
      if (status === 304 && cached !== undefined) return { text: cached.text, id: cached.sha };
      if (status === 404) {
        // The layout request already told a missing repository or branch from a missing file.
        this.files.delete(path);
        return null;
      }
      throw err instanceof WatercoolerError ? err : this.fail(err, 'read', writing);
    }
  }

  async commit(_view: BackendView, files: readonly FileWrite[], message: string): Promise<boolean> {
    const [file] = files;
    if (file === undefined || files.length > 1)
      throw new WatercoolerError(
        'INTERNAL',
        `The GitHub store writes one file per commit; this write has ${files.length}.`,
        { hint: 'Several files in one commit go through the Git Data API (a group commit).' },
      );
    try {
      const res = await this.octokit.rest.repos.createOrUpdateFileContents({
        owner: this.owner,
        repo: this.repo,
        path: file.path,
        message,
        content: Buffer.from(file.text, 'utf8').toString('base64'),
        ...(file.base === null ? {} : { sha: file.base }),
        ...(this.branch === null ? {} : { branch: this.branch }),
      });
      const sha = res.data.content?.sha;
      if (sha !== undefined) this.files.set(file.path, { etag: undefined, sha, text: file.text });
      return true;
    } catch (err) {
      const status = statusOf(err);
      // 409 "<path> does not match <sha>": someone wrote first. 422 "sha wasn't supplied":
      // someone created the file first. Both are lost races: re-read and re-apply.
      if (status === 409 || (status === 422 && /sha/i.test(githubMessage(err)))) return false;
      throw this.fail(err, 'write');
    }
  }

  async close(): Promise<void> {}
}
