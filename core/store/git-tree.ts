import { type CatFile, GitError } from '../git.js';
import type { ObjectWriter } from './git-objects.js';

/**
 * Plumbing for the git store: read trees through the long-lived `cat-file`, write a new tree
 * that differs from the old one by a few files, without a working tree or an index shared
 * between processes (each writer builds its own objects; only the push decides who won).
 */
export interface TreeEntry {
  mode: string;
  name: string;
  sha: string;
}

/** Parses a raw tree object (`<mode> <name>\0<20-byte id>`…). */
function parseTree(content: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(32, at);
    const nul = content.indexOf(0, space);
    if (space === -1 || nul === -1 || nul + 21 > content.length) break;
    entries.push({
      mode: content.subarray(at, space).toString('ascii'),
      name: content.subarray(space + 1, nul).toString('utf8'),
      sha: content.subarray(nul + 1, nul + 21).toString('hex'),
    });
    at = nul + 21;
  }
  return entries;
}

/** The entries of a tree-ish (`<commit>:<dir>`); empty when it does not exist. */
export async function readTree(cat: CatFile, treeish: string | null): Promise<TreeEntry[]> {
  if (treeish === null) return [];
  const object = await cat.get(treeish);
  if (object === null) await confirmAbsent(cat, treeish);
  return object?.type === 'tree' ? parseTree(object.content) : [];
}

/** An object the clone should hold but cannot give: the clone is damaged. */
export function missingObject(sha: string): GitError {
  return new GitError('GIT', `The clone has lost object ${sha.slice(0, 12)}.`, {
    exitCode: 128,
    stderr: `missing object ${sha}`,
    kind: 'other',
  });
}

/**
 * `cat-file` answers "missing" both for a path the commit does not have and for an object a
 * damaged clone has lost. Taken for absence, the second would make a write rebuild the tree
 * without the files it cannot see, so the path is walked from the commit: any object on the way
 * that is named but missing throws.
 */
export async function confirmAbsent(cat: CatFile, name: string): Promise<void> {
  const colon = name.indexOf(':');
  let sha = colon === -1 ? name : name.slice(0, colon);
  const parts =
    colon === -1
      ? []
      : name
          .slice(colon + 1)
          .split('/')
          .filter((p) => p !== '');
  const commit = await cat.get(sha);
  if (commit === null) throw missingObject(sha);
  if (commit.type !== 'commit') return;
  sha = /^tree ([0-9a-f]{40,64})$/m.exec(commit.content.toString('utf8'))?.[1] ?? '';
  for (const part of parts) {
    const tree = await cat.get(sha);
    if (tree === null) throw missingObject(sha);
    if (tree.type !== 'tree') return;
    const entry = parseTree(tree.content).find((e) => e.name === part);
    if (entry === undefined) return;
    sha = entry.sha;
  }
  if ((await cat.get(sha)) === null) throw missingObject(sha);
}

/**
 * The root tree of `base` (a commit, or null for an empty repository) with the files `files`
 * (repository path → blob id) set, in any folders. One tree object per folder that changes.
 */
export async function treeWithFiles(
  objects: ObjectWriter,
  cat: CatFile,
  base: string | null,
  files: ReadonlyMap<string, string>,
): Promise<string> {
  const write = async (prefix: string, inside: ReadonlyMap<string, string>): Promise<string> => {
    const entries = await readTree(cat, base === null ? null : `${base}:${prefix}`);
    const here = new Map<string, string>();
    const below = new Map<string, Map<string, string>>();
    for (const [path, sha] of inside) {
      const slash = path.indexOf('/');
      if (slash === -1) {
        here.set(path, sha);
        continue;
      }
      const folder = path.slice(0, slash);
      if (!below.has(folder)) below.set(folder, new Map());
      below.get(folder)?.set(path.slice(slash + 1), sha);
    }
    const rest = entries.filter((e) => !here.has(e.name) && !below.has(e.name));
    for (const [name, sha] of here) rest.push({ mode: '100644', name, sha });
    for (const [name, sub] of below) {
      const sha = await write(prefix === '' ? name : `${prefix}/${name}`, sub);
      rest.push({ mode: '40000', name, sha });
    }
    return objects.tree(rest);
  };
  return write('', files);
}
