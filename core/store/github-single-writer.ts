import { pythonGraphCompanions } from '../graph/companions.js';
import type { GitHubStoreOptions } from './open.js';
import { createStore } from './skeleton.js';
import type { ThreadStore } from './store.js';

/**
 * The GitHub store of one long-running process that many sessions share (`watercooler mcp --http
 * --github`): the hub's single writer (github-batch.ts) under the same skeleton. Reads and lists
 * are served from its copy of the branch (a conditional request at most every two seconds), and
 * writes that arrive while a commit is in flight share the next one. Its commits hold several
 * files, so it keeps the Python tool's graph files in step as the local and git stores do.
 */
export async function openGitHubSingleWriter(options: GitHubStoreOptions): Promise<ThreadStore> {
  // Lazy like the other stores: a command that never serves HTTP does not load it.
  const { openGitHubBatch } = await import('./github-batch.js');
  const batch = await openGitHubBatch({
    repo: options.repo,
    token: options.token,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.retry?.budgetMs === undefined ? {} : { budgetMs: options.retry.budgetMs }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  return createStore(batch.backend(null), {
    ...options,
    companions: options.companions ?? pythonGraphCompanions(options.context?.now),
  });
}
