import type { Octokit } from '@octokit/rest';
import type { FileWrite } from './backend.js';
import { type GitDataCall, commitOnBranch } from './github-commit.js';
import type { RepoTree } from './github-tree.js';

/** Octokit's `request` as a Git Data call on one repository (its retries and limits apply). */
export function gitDataCall(octokit: Octokit, owner: string, repo: string): GitDataCall {
  return async <T>(method: string, path: string, body?: unknown) => {
    const res = await octokit.request(`${method} /repos/{owner}/{repo}${path}`, {
      owner,
      repo,
      ...(body as Record<string, unknown> | undefined),
    });
    return { data: res.data as T };
  };
}

/**
 * The GitHub store's write of several files (a thread and its graph files) in one commit on
 * `branch`. Write if unchanged: the head's tree must be the tree the files were read from (the
 * graph files come from `tree`) and hold each file as it was read (its `base`); the ref update is
 * not forced, so a push in between makes GitHub refuse it. The new root tree's sha, or null when
 * someone else moved the branch (a lost race: look again, re-apply).
 */
export async function commitFilesOnHead(
  call: GitDataCall,
  branch: string,
  tree: RepoTree,
  files: readonly FileWrite[],
  message: string,
): Promise<string | null> {
  if (tree.sha === null) return null; // Graph files live in a non-empty tree: look again.
  const at = tree.written ?? tree.sha;
  const ref = await call<{ object: { sha: string } }>('GET', `/git/ref/heads/${branch}`);
  const head = ref.data.object.sha;
  const commit = await call<{ tree: { sha: string } }>('GET', `/git/commits/${head}`);
  const blobAt = (path: string) =>
    tree.paths[path]?.type === 'blob' ? tree.paths[path].sha : null;
  if (commit.data.tree.sha !== at || files.some((f) => blobAt(f.path) !== f.base)) return null;
  const made = await commitOnBranch(call, {
    branch,
    parent: head,
    baseTree: at,
    files: files.map((f) => [f.path, f.text] as const),
    message,
  });
  return made?.tree ?? null;
}
