import type { TreeEntry } from '../layout.js';

/**
 * The repository's tree as one recursive Git Trees answer gives it, kept with the request's
 * ETag: in memory for a long-running process, in the user cache folder for the next one, so a
 * `list` with nothing changed costs a single 304.
 */
export interface RepoTree {
  etag: string | undefined;
  /** The root tree's sha as GitHub listed it (the layout's version); null: an empty repository. */
  sha: string | null;
  /**
   * The root tree after this store's own writes on top of the listing (their blobs are patched
   * into `paths`); such a tree has no ETag, so the next look at GitHub is a full one.
   */
  written?: string;
  /** Every path → its entry, as GitHub listed them. */
  paths: Record<string, { type: string; mode: string; sha: string }>;
}

/** The raw answer of `GET /git/trees/{ref}?recursive=1`, as much as we read of it. */
export interface TreeAnswer {
  sha: string;
  tree: Array<{ path?: string; type?: string; mode?: string; sha?: string }>;
}

export function repoTreeOf(data: TreeAnswer | null, etag: string | undefined): RepoTree {
  const paths: RepoTree['paths'] = {};
  for (const e of data?.tree ?? [])
    if (e.path !== undefined)
      paths[e.path] = { type: e.type ?? '', mode: e.mode ?? '', sha: e.sha ?? '' };
  return { etag, sha: data?.sha ?? null, paths };
}

/** One entry of the tree; a symlink (mode 120000) or submodule is never a file. */
export function treeEntry(tree: RepoTree, path: string): TreeEntry | null {
  const e = tree.paths[path];
  if (e === undefined) return null;
  const name = path.split('/').pop() ?? path;
  const type =
    e.type === 'tree' ? 'dir' : e.type === 'blob' && e.mode !== '120000' ? 'file' : 'other';
  return { name, type, id: e.sha };
}

/** The entries directly inside `dir` ('' for the root). */
export function treeEntries(tree: RepoTree, dir: string): TreeEntry[] {
  const prefix = dir === '' ? '' : `${dir}/`;
  const out: TreeEntry[] = [];
  for (const path of Object.keys(tree.paths)) {
    if (!path.startsWith(prefix) || path.slice(prefix.length).includes('/')) continue;
    const entry = treeEntry(tree, path);
    if (entry !== null) out.push(entry);
  }
  return out;
}

/**
 * The tree after a write of our own: the written paths point at their new blobs and the tree is
 * no longer what GitHub listed (no ETag). A write changes thread and graph files only, never
 * where the threads are, so the layout read for `sha` still holds.
 */
export function patchTree(
  tree: RepoTree,
  written: ReadonlyArray<readonly [string, string]>,
  rootTree: string | undefined,
): RepoTree {
  const paths = { ...tree.paths };
  for (const [path, sha] of written) paths[path] = { type: 'blob', mode: '100644', sha };
  return {
    etag: undefined,
    sha: tree.sha,
    paths,
    ...(rootTree === undefined ? {} : { written: rootTree }),
  };
}
