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

/** Where the branch is and what it holds, kept between looks at GitHub. */
class GitHubBranchCopy implements BranchCopy {
  private at: Snapshot | null = null;
  private refEtag: string | undefined;
  private lookedAt = 0;
  private looking: Promise<boolean> | null = null;
  private readonly texts = new Map<string, string>();
  private readonly snapshots = new WeakMap<BackendView, Snapshot>();
  private readonly refPath: string;

  constructor(
    private readonly options: BranchCopyOptions,
    readonly full: string,
    readonly branch: string,
  ) {
    this.refPath = `/git/ref/heads/${branch}`;
  }

  head(): string | null {
    return this.at?.commit ?? null;
  }

  /** One look at GitHub at a time: callers arriving meanwhile share its answer. */
  refresh(): Promise<boolean> {
    this.looking ??= this.refreshNow().finally(() => (this.looking = null));
    return this.looking;
  }

  /** The copy; a read or list past `freshMs` looks at GitHub first, and on failure serves the copy. */
  async view(purpose: ViewPurpose): Promise<BackendView> {
    if (this.at === null) await this.refresh();
    else if (purpose !== 'write' && Date.now() - this.lookedAt >= this.options.freshMs) {
      try {
        await this.refresh();
      } catch (err) {
        this.options.log(`GitHub did not answer; serving the last copy (${String(err)})`);
      }
    }
    // A successful first refresh always loads a commit (the ref was asked without an ETag).
    if (this.at === null)
      throw new WatercoolerError('INTERNAL', `No copy of ${this.full} was loaded.`);
    return this.viewOf(this.at);
  }

  async commit(
    on: BackendView,
    files: readonly { path: string; text: string }[],
    message: string,
    author?: { name: string; email: string },
  ): Promise<boolean> {
    const base = this.snapshots.get(on);
    if (base === undefined) throw new WatercoolerError('INTERNAL', 'A view of another store.');
    const made = await commitOnBranch(this.options.call, {
      branch: this.branch,
      parent: base.commit,
      baseTree: base.tree.sha,
      files: files.map((f) => [f.path, f.text] as const),
      message,
      ...(author === undefined ? {} : { author }),
    });
    if (made === null) return false;
    const after = await treeAfter(base.tree, made.tree, files);
    for (const f of files) this.texts.set(after.paths[f.path]?.sha ?? '', f.text);
    // A refresh may have loaded this very commit meanwhile; anything else moved past it.
    if (this.at === null || this.at.commit === base.commit)
      this.at = { commit: made.commit, tree: after };
    return true;
  }

  private fail(err: unknown): WatercoolerError {
    return toWatercoolerError(err, this.full, 'read', this.options.baseUrl);
  }

  private async refreshNow(): Promise<boolean> {
    const sha = await this.readRef(this.at !== null);
    this.lookedAt = Date.now();
    if (sha === null || sha === this.at?.commit) return false;
    try {
      await this.load(sha);
    } catch (err) {
      throw this.fail(err);
    }
    this.options.log(`${this.full}@${this.branch} is at ${sha.slice(0, 7)}`);
    return true;
  }

  /** Where the branch points now, asked with the ETag held (null: it did not move). */
  private async readRef(conditional: boolean): Promise<string | null> {
    try {
      const res = await this.options.call<{ object: { sha: string } }>(
        'GET',
        this.refPath,
        undefined,
        conditional ? this.refEtag : undefined,
      );
      if (res.status === 304) return null;
      this.refEtag = res.etag;
      return res.data.object.sha;
    } catch (err) {
      if (statusOf(err) === 404 || statusOf(err) === 409) {
        throw new WatercoolerError(
          'CONFIG',
          `Branch "${this.branch}" of ${this.full} has no commits to build on.`,
          {
            hint: 'Push a first commit (create-watercooler makes one), or name an existing branch as OWNER/REPO@BRANCH.',
            cause: err,
          },
        );
      }
      throw this.fail(err);
    }
  }

  /** Loads the tree of `commit` and keeps only the texts that are still in it. */
  private async load(commit: string): Promise<void> {
    const { call } = this.options;
    const { data: c } = await call<{ tree: { sha: string } }>('GET', `/git/commits/${commit}`);
    const { data } = await call<Parameters<typeof repoTreeOf>[0]>(
      'GET',
      `/git/trees/${c.tree.sha}?recursive=1`,
    );
    const tree = { ...repoTreeOf(data, undefined), sha: c.tree.sha };
    const live = new Set(Object.values(tree.paths).map((e) => e.sha));
    for (const sha of this.texts.keys()) if (!live.has(sha)) this.texts.delete(sha);
    this.at = { commit, tree };
  }

  private async blobText(sha: string): Promise<string> {
    const hit = this.texts.get(sha);
    if (hit !== undefined) return hit;
    try {
      const { data } = await this.options.call<{ content: string }>('GET', `/git/blobs/${sha}`);
      const text = decodeBase64(data.content);
      this.texts.set(sha, text);
      return text;
    } catch (err) {
      throw this.fail(err);
    }
  }

  private viewOf(snap: Snapshot): BackendView {
    const view: BackendView = {
      version: snap.commit,
      entries: async (dir) => treeEntries(snap.tree, dir),
      entry: async (path) => treeEntry(snap.tree, path),
      file: async (path, id) => {
        const sha = id ?? snap.tree.paths[path]?.sha;
        if (sha === undefined || (id === undefined && treeEntry(snap.tree, path)?.type !== 'file'))
          return null;
        return { text: await this.blobText(sha), id: sha };
      },
    };
    this.snapshots.set(view, snap);
    return view;
  }
}

export async function openBranchCopy(options: BranchCopyOptions): Promise<BranchCopy> {
  const { call, spec, baseUrl } = options;
  const full = `${spec.owner}/${spec.repo}`;
  let branch = spec.branch;
  if (branch === null) {
    try {
      branch = (await call<{ default_branch: string }>('GET', '')).data.default_branch;
    } catch (err) {
      throw toWatercoolerError(err, full, 'read', baseUrl);
    }
  }
  return new GitHubBranchCopy(options, full, branch);
}
