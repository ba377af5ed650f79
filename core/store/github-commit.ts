import { statusOf } from './github-errors.js';

/**
 * One request of GitHub's Git Data API on one repository (`path` after /repos/OWNER/REPO): the
 * answer's JSON, or a throw carrying the HTTP `status` (Octokit's RequestError has that shape).
 * The hub calls it through fetch, the GitHub store through Octokit.
 */
export type GitDataCall = <T>(method: string, path: string, body?: unknown) => Promise<{ data: T }>;

const encoder = new TextEncoder();

/** The git blob id of a text: lets the mirror know the shas of its own commits without asking. */
export async function blobSha(text: string): Promise<string> {
  const body = encoder.encode(text);
  const head = encoder.encode(`blob ${body.length}\0`);
  const all = new Uint8Array(head.length + body.length);
  all.set(head);
  all.set(body, head.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', all));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface BranchCommit {
  branch: string;
  /** The head the files were read at; the new commit's only parent (null: none yet). */
  parent: string | null;
  /** The parent's tree: what the new tree starts from. */
  baseTree: string | null;
  /** Path → new text; every other path keeps its blob. */
  files: Iterable<readonly [string, string]>;
  message: string;
  author?: { name: string; email: string };
}

/**
 * One tree, one commit, one non-forced ref update: several files land together or not at all.
 * GitHub refuses a ref update that is not a fast forward, so the update is a compare-and-swap on
 * `parent`: null when someone else moved the branch first (a lost race: re-read, re-apply).
 */
export async function commitOnBranch(
  call: GitDataCall,
  c: BranchCommit,
): Promise<{ commit: string; tree: string } | null> {
  const tree = await call<{ sha: string }>('POST', '/git/trees', {
    base_tree: c.baseTree,
    tree: [...c.files].map(([path, content]) => ({ path, mode: '100644', type: 'blob', content })),
  });
  const made = await call<{ sha: string }>('POST', '/git/commits', {
    message: c.message,
    tree: tree.data.sha,
    parents: c.parent === null ? [] : [c.parent],
    ...(c.author === undefined ? {} : { author: c.author }),
  });
  try {
    await call('PATCH', `/git/refs/heads/${c.branch}`, { sha: made.data.sha, force: false });
  } catch (err) {
    const status = statusOf(err);
    if (status === 422 || status === 409) return null;
    if (status !== undefined && status < 500) throw err;
    // The answer may be lost after GitHub moved the ref: ask where it points before giving up.
    const at = await call<{ object: { sha: string } }>('GET', `/git/ref/heads/${c.branch}`).then(
      (r) => r.data.object.sha,
      () => null,
    );
    if (at !== made.data.sha) throw err;
  }
  return { commit: made.data.sha, tree: tree.data.sha };
}
