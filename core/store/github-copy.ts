import { WatercoolerError } from '../errors.js';
import type { BackendView, ViewPurpose } from './backend.js';
import { blobSha, commitOnBranch } from './github-commit.js';
import { statusOf, toWatercoolerError } from './github-errors.js';
import { type RepoCall, decodeBase64 } from './github-rest.js';
import { type RepoTree, repoTreeOf, treeEntries, treeEntry } from './github-tree.js';
import type { RepoSpec } from './repo-spec.js';

/**
 * A single writer's copy of one branch, over GitHub's Git Data API: the head commit and its
 * tree, blob texts by sha, views of it for the store skeleton, and commits on top of a view.
 */
export interface BranchCopy {
  /** OWNER/REPO and the branch (the default branch when the spec named none). */
  readonly full: string;
  readonly branch: string;
  /** Asks whether the branch moved (a conditional request; a 304 costs nothing) and loads what did. */
  refresh(): Promise<boolean>;
  /** The head commit of the copy, null before the first refresh. */
  head(): string | null;
  /** The copy; a read or list past the freshness window looks at GitHub first. */
  view(purpose: ViewPurpose): Promise<BackendView>;
  /** One tree, one commit, one non-forced ref update on the view's commit; false: the branch moved. */
  commit(
    on: BackendView,
    files: readonly { path: string; text: string }[],
    message: string,
    author?: { name: string; email: string },
  ): Promise<boolean>;
}

export interface BranchCopyOptions {
  call: RepoCall;
  spec: RepoSpec;
  baseUrl: string;
  /** A read or list this soon after the last look at GitHub asks nothing. */
  freshMs: number;
  log: (line: string) => void;
}

/** The branch at one commit: its root tree and every path in it. */
interface Snapshot {
  commit: string;
  tree: RepoTree & { sha: string };
}

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

export async function openBranchCopy(options: BranchCopyOptions): Promise<BranchCopy> {
  const { call, spec, baseUrl, freshMs, log } = options;
  const full = `${spec.owner}/${spec.repo}`;
  const fail = (err: unknown) => toWatercoolerError(err, full, 'read', baseUrl);

  const defaultBranch = async (): Promise<string> => {
    try {
      return (await call<{ default_branch: string }>('GET', '')).data.default_branch;
    } catch (err) {
      throw fail(err);
    }
  };
  const branch = spec.branch ?? (await defaultBranch());
  const refPath = `/git/ref/heads/${branch}`;
  let at: Snapshot | null = null;
  let refEtag: string | undefined;
  let lookedAt = 0;
  let looking: Promise<boolean> | null = null;
  const texts = new Map<string, string>();
  const snapshots = new WeakMap<BackendView, Snapshot>();

  const blobText = async (sha: string): Promise<string> => {
    const hit = texts.get(sha);
    if (hit !== undefined) return hit;
    try {
      const { data } = await call<{ content: string }>('GET', `/git/blobs/${sha}`);
      const text = decodeBase64(data.content);
      texts.set(sha, text);
      return text;
    } catch (err) {
      throw fail(err);
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
      throw fail(err);
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
      throw fail(err);
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

  return {
    full,
    branch,
    refresh,
    head: () => at?.commit ?? null,
    view,
    commit: commitOn,
  };
}
