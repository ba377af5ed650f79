import { type ThreadStore, WatercoolerError } from '../core/index.js';
import { pythonGraphCompanions } from '../core/graph/companions.js';
import type { GitHubBatch } from '../core/store/github-batch.js';
// The skeleton is not in core's barrel: the surfaces open stores through openStore.
import { createStore } from '../core/store/skeleton.js';

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

function readOnly(user: HubUser, repo: string): WatercoolerError {
  return new WatercoolerError(
    'PERMISSION',
    `${user.login} may read ${repo} but not write to it: GitHub grants them read access only.`,
    {
      hint: 'Ask a maintainer of the repository for write (push) access, then sign in to the hub again.',
    },
  );
}

/**
 * The Durable Object's store: the batch's copy of the repository as a backend of core's store
 * skeleton (layout, thread files, summaries, not-found, retries are the one shared code), one
 * store per signed-in user so their entries carry their login and their commits name them. Its
 * commits hold several files, so the Python tool's graph files are kept in step with each thread.
 */
export function createHubStore(batch: GitHubBatch, log: (line: string) => void): HubStore {
  const companions = pythonGraphCompanions();
  const stores = new Map<string, ThreadStore>();
  const storeOf = (user: HubUser | null): ThreadStore => {
    const key = user === null ? '' : `${user.access}:${user.login}`;
    let store = stores.get(key);
    if (store === undefined) {
      const backend = batch.backend(user === null ? null : { login: user.login });
      store = createStore(
        user?.access === 'read'
          ? { ...backend, submit: async () => Promise.reject(readOnly(user, batch.repo)) }
          : backend,
        { context: { user: user?.login ?? null }, log, companions },
      );
      stores.set(key, store);
    }
    return store;
  };
  return { ...storeOf(null), as: storeOf };
}
