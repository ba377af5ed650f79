import { isCachedState, isRecordOf, isString } from './cache-shape.js';
import type { RepoTree } from './github-tree.js';
import type { CachedState, PersistentCache } from './skeleton.js';
import type { ThreadSummary } from './store.js';

/**
 * What the GitHub store keeps between processes, beside the skeleton's layouts and summaries: the
 * tree with its ETag (a `list` with nothing changed is one 304), the small blobs it read by sha
 * (config and graph files: immutable, so a hit is always right) and the default branch's name.
 * Never a token: the file is named by, and holds, the API URL and the repository only.
 */
export interface GitHubCachedState extends CachedState {
  tree?: RepoTree;
  blobs?: Record<string, string>;
  branch?: string;
}

/** What the backend hands over to be kept. */
export interface GitHubKept {
  tree: RepoTree | null;
  blobs: ReadonlyMap<string, string>;
  branch: string | undefined;
}

// A blob kept between processes is a config or graph file; a big one is not worth the disk.
const MAX_KEPT_BLOB = 64 * 1024;

function isRepoTree(v: unknown): v is RepoTree {
  if (v === null || typeof v !== 'object') return false;
  const t = v as Record<string, unknown>;
  return (
    (t.etag === undefined || isString(t.etag)) &&
    (t.sha === null || isString(t.sha)) &&
    (t.written === undefined || isString(t.written)) &&
    isRecordOf(
      t.paths,
      (e): e is RepoTree['paths'][string] =>
        e !== null &&
        typeof e === 'object' &&
        ['type', 'mode', 'sha'].every((k) => isString((e as Record<string, unknown>)[k])),
    )
  );
}

/** Whether a loaded file has the shape of the GitHub store's state (see fileCache). */
export function isGitHubCachedState(v: unknown): v is GitHubCachedState {
  if (!isCachedState(v)) return false;
  const s = v as GitHubCachedState;
  return (
    (s.tree === undefined || isRepoTree(s.tree)) &&
    (s.blobs === undefined || isRecordOf(s.blobs, isString)) &&
    (s.branch === undefined || isString(s.branch))
  );
}

/**
 * Who a cache file is for: the API, the repository and branch, and the caller's overrides (an
 * `--agents-file`, a default ball): a layout cached under other overrides is another store's.
 */
export function gitHubCacheIdentity(o: {
  baseUrl?: string | undefined;
  repo: string;
  context?: { registry?: unknown; defaultBall?: unknown } | undefined;
}): string {
  return JSON.stringify({
    // A URL's user part never goes into the file (a token would sit there in clear).
    baseUrl: (o.baseUrl ?? 'https://api.github.com')
      .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1')
      .replace(/\/+$/, ''),
    repo: o.repo.trim(),
    overrides: {
      registry: o.context?.registry ?? null,
      defaultBall: o.context?.defaultBall ?? null,
    },
  });
}

/** The GitHub store's cache file (the skeleton's state and the backend's) behind one object. */
export class GitHubCacheFile {
  readonly loaded: GitHubCachedState | null;
  private skeleton: CachedState;

  constructor(
    private readonly file: PersistentCache<GitHubCachedState>,
    private readonly kept: () => GitHubKept,
  ) {
    this.loaded = this.file.load();
    this.skeleton = {
      layouts: this.loaded?.layouts ?? {},
      summaries: this.loaded?.summaries ?? {},
    };
  }

  /** The skeleton's view of the same file. */
  forSkeleton(): PersistentCache {
    return {
      load: () => this.skeleton,
      save: (state) => {
        this.skeleton = state;
        this.save();
      },
    };
  }

  /**
   * A summary of a thread this process wrote, under the key the skeleton looks it up by (file
   * id, path): the next process's `list` then needs no blob for it.
   */
  remember(id: string, summary: ThreadSummary): void {
    this.skeleton = {
      ...this.skeleton,
      summaries: { ...this.skeleton.summaries, [`${id}:${summary.path}`]: summary },
    };
  }

  save(): void {
    const { tree, blobs, branch } = this.kept();
    const live = new Set(Object.values(tree?.paths ?? {}).map((e) => e.sha));
    const small: Record<string, string> = {};
    for (const [sha, text] of blobs)
      if (live.has(sha) && text.length <= MAX_KEPT_BLOB) small[sha] = text;
    this.file.save({
      ...this.skeleton,
      ...(tree === null ? {} : { tree }),
      blobs: small,
      ...(branch === undefined ? {} : { branch }),
    });
  }
}
