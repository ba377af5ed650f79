import { WatercoolerError } from '../errors.js';
import type { OperationContext } from '../operations.js';
import { pythonGraphCompanions } from '../graph/companions.js';
import type { CompanionFiles } from './backend.js';
import type { GitHubCachedState } from './github-cache.js';
import type { RetryOptions } from './retry.js';
import type { PersistentCache } from './skeleton.js';
import type { ThreadStore } from './store.js';

/** What every store takes besides where it points. */
export interface StoreCommonOptions {
  /** Overrides of the repository's own config (an `--agents-file`, a user tag, a clock). */
  context?: Partial<OperationContext>;
  retry?: RetryOptions;
  /** Diagnostics (already redacted by the store); the CLI sends them to stderr. */
  log?: (line: string) => void;
  /** Files kept in step with each changed thread, written with it (see CompanionFiles). */
  companions?: CompanionFiles;
}

export interface LocalStoreOptions extends StoreCommonOptions {
  /** The threads folder. */
  threadsDir: string;
  /** The user's cache folder: `list` keeps thread summaries there, keyed by each file's stat. */
  cacheDir?: string;
}

export interface GitStoreOptions extends StoreCommonOptions {
  /** The remote URL (any URL git accepts). */
  url: string;
  /** Where the clone lives; default `<cacheDir>/git/<hash of url>`. */
  cloneDir?: string;
  /** The user's cache folder (the CLI passes XDG_CACHE_HOME or ~/.cache + /watercooler). */
  cacheDir: string;
  /** A token for HTTPS remotes, handed to git by an environment-scoped credential helper. */
  token?: string;
  /** Commit author (WATERCOOLER_GIT_AUTHOR / WATERCOOLER_GIT_EMAIL); git's own config otherwise. */
  authorName?: string;
  authorEmail?: string;
  /** A read within this many ms of the last fetch skips the fetch (default 0: always fetch). */
  freshnessMs?: number;
  /** Extra environment for git (PATH, HOME…): core never reads process.env itself. */
  env?: Record<string, string | undefined>;
}

export interface GitHubStoreOptions extends StoreCommonOptions {
  /** OWNER/REPO[@BRANCH]. */
  repo: string;
  token: string;
  /** API base URL (GitHub Enterprise: https://HOST/api/v3). */
  baseUrl?: string;
  /** A fetch implementation (tests may point it anywhere; production uses the global one). */
  fetch?: typeof fetch;
  /**
   * What outlives the process: the tree with its ETag, the layout, the summaries by blob sha, so a
   * new one starts where the last stopped (a hint, checked with GitHub). The CLI passes
   * `gitHubFileCache(<user cache folder>, options)`; it is injected because the hub bundles this
   * store and has no file system.
   */
  cache?: PersistentCache<GitHubCachedState>;
}

export type OpenStoreOptions =
  | ({ kind: 'local' } & LocalStoreOptions)
  | ({ kind: 'git' } & GitStoreOptions)
  | ({ kind: 'github' } & GitHubStoreOptions);

/**
 * The one store factory. The git and GitHub stores are imported lazily so that a command on the
 * local store never loads their code (start-up time is a feature).
 */
export async function openStore(given: OpenStoreOptions): Promise<ThreadStore> {
  // Every store keeps the 2026 Python tool's graph files in step where they exist (core/graph):
  // in the thread's commit (git; GitHub through the Git Data API) or under its lock (local).
  const options = {
    ...given,
    companions: given.companions ?? pythonGraphCompanions(given.context?.now),
  };
  switch (options.kind) {
    case 'local': {
      const { openLocalStore } = await import('./local.js');
      return openLocalStore(options);
    }
    case 'git': {
      const { openGitStore } = await import('./git.js');
      return openGitStore(options);
    }
    case 'github': {
      const { openGitHubStore } = await import('./github.js');
      return openGitHubStore(options);
    }
    default:
      throw new WatercoolerError('CONFIG', 'Unknown store kind.');
  }
}
