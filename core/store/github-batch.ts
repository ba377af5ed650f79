import { WatercoolerError } from '../errors.js';
import { redact, registerSecret } from '../redact.js';
import type {
  BackendView,
  Batch,
  BatchItem,
  BatchOutcome,
  StoreBackend,
  ViewPurpose,
  WriteEngine,
} from './backend.js';
import { withAgentTag } from './batch.js';
import { statusOf, toWatercoolerError } from './github-errors.js';
import { blobSha, commitOnBranch } from './github-commit.js';
import { type RepoCall, decodeBase64, repoCaller } from './github-rest.js';
import { type RepoTree, repoTreeOf, treeEntries, treeEntry } from './github-tree.js';
import { parseRepoSpec } from './repo-spec.js';
import { DEFAULT_RETRY_BUDGET_MS, LOST, retryLostRaces, writeResultOf } from './retry.js';
import type { StoreInfo, WriteResult } from './store.js';

/** Who wrote an operation: the commit's author (the hub's signed-in GitHub login). */
export interface CommitAuthor {
  login: string;
}

export interface GitHubBatchOptions {
  /** OWNER/REPO[@BRANCH]; without a branch, the repository's default branch. */
  repo: string;
  token: string;
  /** API base URL (GitHub Enterprise: https://HOST/api/v3). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** How long a batch keeps re-applying after someone else moved the branch (default 30 s). */
  budgetMs?: number;
  /**
   * A read or list this soon after the last look at GitHub asks nothing (default 2 s; 0: ask
   * every time). A write never waits for a look: its ref update is the check.
   */
  freshMs?: number;
  log?: (line: string) => void;
}

/**
 * A single writer's copy of one branch over GitHub's Git Data API, and its group commit. The
 * copy is a store backend (`backend`, run through the skeleton's `createStore`): reads and lists
 * are served from it, refreshed by a conditional request on the branch (a 304 costs nothing);
 * writes queue, and those that arrive while a commit is in flight go into the next one (one tree,
 * one commit, one ref update for many operations). The ref update is not forced, so it is a
 * compare-and-swap: when someone pushed in between, GitHub refuses it and the batch is re-applied
 * (idempotent by Entry-ID) on the new head. An operation is answered once GitHub holds it.
 */
export interface GitHubBatch {
  /** OWNER/REPO@BRANCH. */
  readonly repo: string;
  /** Asks whether the branch moved (a conditional request) and loads what did. */
  refresh(): Promise<boolean>;
  /** The head commit of the copy, null before the first refresh. */
  head(): string | null;
  /** Writes waiting for or inside the commit in flight. */
  queued(): number;
  /** The copy as a store backend whose writes go into the group commit with `author` as theirs. */
  backend(author: CommitAuthor | null): StoreBackend;
}

/** The branch at one commit: its root tree and every path in it. */
interface Snapshot {
  commit: string;
  tree: RepoTree & { sha: string };
}

interface Queued {
  item: BatchItem;
  engine: WriteEngine;
  author: CommitAuthor | null;
  resolve: (r: WriteResult) => void;
  reject: (e: unknown) => void;
}

const identityOf = (login: string) => ({
  name: login,
  email: `${login}@users.noreply.github.com`,
});

/**
 * The commit's author: the one login behind every operation in it, else the token's owner with
 * a `Co-authored-by` trailer per login (GitHub shows each of them on the commit).
 */
function authorship(authors: readonly (CommitAuthor | null)[]): {
  author?: { name: string; email: string };
  trailers: string[];
} {
  const logins = [...new Set(authors.flatMap((a) => (a === null ? [] : [a.login])))];
  const [only] = logins;
  if (logins.length === 1 && only !== undefined && authors.every((a) => a !== null))
    return { author: identityOf(only), trailers: [] };
  return {
    trailers: logins.map((login) => {
      const who = identityOf(login);
      return `Co-authored-by: ${who.name} <${who.email}>`;
    }),
  };
}

/** An operation that changed the thread (not a no-op, not a replay of an entry already there). */
const wrote = (o: BatchOutcome | undefined) =>
  o?.result != null && o.result.changed && !o.result.alreadyApplied;

/** The tree after a commit of `files` on `base`: the new blobs, and the folders they sit in. */
async function treeAfter(
  base: RepoTree,
  sha: string,
  files: readonly { path: string; text: string }[],
): Promise<RepoTree & { sha: string }> {
  const paths = { ...base.paths };
  for (const f of files) {
    paths[f.path] = { type: 'blob', mode: '100644', sha: await blobSha(f.text) };
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      paths[dir] ??= { type: 'tree', mode: '040000', sha: '' };
    }
  }
  return { etag: undefined, sha, paths };
}

export async function openGitHubBatch(options: GitHubBatchOptions): Promise<GitHubBatch> {
  registerSecret(options.token);
  const spec = parseRepoSpec(options.repo);
  const full = `${spec.owner}/${spec.repo}`;
  const baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const call: RepoCall = repoCaller({ ...options, baseUrl }, full);
  const budgetMs = options.budgetMs ?? DEFAULT_RETRY_BUDGET_MS;
  const freshMs = options.freshMs ?? 2_000;
  const log = (line: string) => options.log?.(redact(line));
  const fail = (err: unknown, action: 'read' | 'write') =>
    toWatercoolerError(err, full, action, baseUrl, action === 'write');

  const defaultBranch = async (): Promise<string> => {
    try {
      return (await call<{ default_branch: string }>('GET', '')).data.default_branch;
    } catch (err) {
      throw fail(err, 'read');
    }
  };
  const branch = spec.branch ?? (await defaultBranch());
  const refPath = `/git/ref/heads/${branch}`;
  const info: StoreInfo = { kind: 'github', location: `${full}@${branch}`, threadsDir: 'threads' };
  let at: Snapshot | null = null;
  let refEtag: string | undefined;
  let lookedAt = 0;
  let looking: Promise<boolean> | null = null;
  const texts = new Map<string, string>();
  const snapshots = new WeakMap<BackendView, Snapshot>();
  const queue: Queued[] = [];
  let inFlight = 0;
  let running: Promise<void> | null = null;

  const blobText = async (sha: string): Promise<string> => {
    const hit = texts.get(sha);
    if (hit !== undefined) return hit;
    try {
      const { data } = await call<{ content: string }>('GET', `/git/blobs/${sha}`);
      const text = decodeBase64(data.content);
      texts.set(sha, text);
      return text;
    } catch (err) {
      throw fail(err, 'read');
    }
  };

  /** Where the branch points now, asked with the ETag held (null: it did not move). */
  const readRef = async (conditional: boolean): Promise<string | null> => {
    try {
      const res = await call<{ object: { sha: string } }>(
        'GET',
        refPath,
        undefined,
        conditional ? refEtag : undefined,
      );
      if (res.status === 304) return null;
      refEtag = res.etag;
      return res.data.object.sha;
    } catch (err) {
      if (statusOf(err) === 404 || statusOf(err) === 409) {
        throw new WatercoolerError(
          'CONFIG',
          `Branch "${branch}" of ${full} has no commits to build on.`,
          {
            hint: 'Push a first commit (create-watercooler makes one), or name an existing branch as OWNER/REPO@BRANCH.',
            cause: err,
          },
        );
      }
      throw fail(err, 'read');
    }
  };

  /** Loads the tree of `commit` and keeps only the texts that are still in it. */
  const load = async (commit: string): Promise<void> => {
    const { data: c } = await call<{ tree: { sha: string } }>('GET', `/git/commits/${commit}`);
    const { data } = await call<Parameters<typeof repoTreeOf>[0]>(
      'GET',
      `/git/trees/${c.tree.sha}?recursive=1`,
    );
    const tree = { ...repoTreeOf(data, undefined), sha: c.tree.sha };
    const live = new Set(Object.values(tree.paths).map((e) => e.sha));
    for (const sha of texts.keys()) if (!live.has(sha)) texts.delete(sha);
    at = { commit, tree };
  };

  const refreshNow = async (): Promise<boolean> => {
    const sha = await readRef(at !== null);
    lookedAt = Date.now();
    if (sha === null || sha === at?.commit) return false;
    try {
      await load(sha);
    } catch (err) {
      throw fail(err, 'read');
    }
    log(`${full}@${branch} is at ${sha.slice(0, 7)}`);
    return true;
  };
  /** One look at GitHub at a time: callers arriving meanwhile share its answer. */
  const refresh = (): Promise<boolean> => {
    looking ??= refreshNow().finally(() => (looking = null));
    return looking;
  };

  const viewOf = (snap: Snapshot): BackendView => {
    const view: BackendView = {
      version: snap.commit,
      entries: async (dir) => treeEntries(snap.tree, dir),
      entry: async (path) => treeEntry(snap.tree, path),
      file: async (path, id) => {
        const sha = id ?? snap.tree.paths[path]?.sha;
        if (sha === undefined || (id === undefined && treeEntry(snap.tree, path)?.type !== 'file'))
          return null;
        return { text: await blobText(sha), id: sha };
      },
    };
    snapshots.set(view, snap);
    return view;
  };

  // A successful first refresh always loads a commit (the ref was asked without an ETag).
  const copy = (): Snapshot => {
    if (at === null) throw new WatercoolerError('INTERNAL', `No copy of ${full} was loaded.`);
    return at;
  };

  /** The copy; a read or list past `freshMs` looks at GitHub first, and on failure serves the copy. */
  const view = async (purpose: ViewPurpose): Promise<BackendView> => {
    if (at === null) await refresh();
    else if (purpose !== 'write' && Date.now() - lookedAt >= freshMs) {
      try {
        await refresh();
      } catch (err) {
        log(`GitHub did not answer; serving the last copy (${String(err)})`);
      }
    }
    return viewOf(copy());
  };

  /** One tree, one commit, one non-forced ref update on the view's commit; false: the branch moved. */
  const commitOn = async (
    on: BackendView,
    files: readonly { path: string; text: string }[],
    message: string,
    author?: { name: string; email: string },
  ): Promise<boolean> => {
    const base = snapshots.get(on);
    if (base === undefined) throw new WatercoolerError('INTERNAL', 'A view of another store.');
    const made = await commitOnBranch(call, {
      branch,
      parent: base.commit,
      baseTree: base.tree.sha,
      files: files.map((f) => [f.path, f.text] as const),
      message,
      ...(author === undefined ? {} : { author }),
    });
    if (made === null) return false;
    const after = await treeAfter(base.tree, made.tree, files);
    for (const f of files) texts.set(after.paths[f.path]?.sha ?? '', f.text);
    // A refresh may have loaded this very commit meanwhile; anything else moved past it.
    if (at === null || at.commit === base.commit) at = { commit: made.commit, tree: after };
    return true;
  };

  /** One batch, re-applied on the new head after each lost race until the budget ends. */
  const flush = async (batch: [Queued, ...Queued[]]): Promise<Batch> => {
    // Agents carry their user tag (withAgentTag), so any queued write's engine applies them all.
    const { engine } = batch[0];
    return retryLostRaces(
      async () => {
        const on = await view('write');
        const prepared = await engine.prepare(
          on,
          batch.map((w) => w.item),
        );
        if (prepared.files.length === 0) return prepared;
        const { author, trailers } = authorship(
          batch.filter((_, i) => wrote(prepared.outcomes[i])).map((w) => w.author),
        );
        const message =
          prepared.message.trimEnd() +
          (trailers.length === 0 ? '\n' : `\n${trailers.join('\n')}\n`);
        if (await commitOn(on, prepared.files, message, author)) return prepared;
        log(`${full}@${branch} moved during a commit; re-applying ${batch.length} operations`);
        await refresh();
        return LOST;
      },
      batch[0].item.op,
      { budgetMs },
    );
  };

  const drain = async (): Promise<void> => {
    for (let batch = queue.splice(0); batch[0] !== undefined; batch = queue.splice(0)) {
      inFlight = batch.length;
      try {
        const done = await flush(batch as [Queued, ...Queued[]]);
        batch.forEach((w, i) => {
          const result = done.outcomes[i]?.result;
          if (result == null) w.reject(done.outcomes[i]?.error);
          else w.resolve(writeResultOf(w.item.op, result));
        });
      } catch (err) {
        const failure = fail(err, 'write');
        for (const w of batch) w.reject(failure);
      } finally {
        inFlight = 0;
      }
    }
    running = null;
  };

  const enqueue = async (
    op: BatchItem['op'],
    engine: WriteEngine,
    author: CommitAuthor | null,
  ): Promise<WriteResult> => {
    // Fixed now, as its author's: the operation may be applied in a batch led by another's write.
    const ctx = await engine.context(await view('write'));
    const item: BatchItem = { op: withAgentTag(op, ctx), writtenAt: ctx.now() };
    return new Promise<WriteResult>((resolve, reject) => {
      queue.push({ item, engine, author, resolve, reject });
      running ??= drain();
    });
  };

  return {
    repo: info.location,
    refresh,
    head: () => at?.commit ?? null,
    queued: () => queue.length + inFlight,
    backend: (author) => ({
      info,
      view,
      commit: (on, files, message) =>
        commitOn(on, files, message, author === null ? undefined : identityOf(author.login)),
      submit: (op, engine) => enqueue(op, engine, author),
      close: async () => {
        while (running !== null) await running;
      },
    }),
  };
}
