import { type Issue, rewrittenHistoryHint } from './issue.js';
import { ValidationRepo, short } from './repo.js';

/**
 * Which commits an event asks us to check. A push checks `before..after` and requires `before`
 * to be an ancestor of `after`; a pull request checks `merge-base(base, head)..head`.
 */
export type RangeRequest =
  | {
      kind: 'push';
      before: string;
      after: string;
      /** The pushed ref (`refs/heads/x`) and the repository's default branch, for new branches. */
      ref?: string;
      defaultBranch?: string;
      /** The first commit the push introduced (the payload's `commits[0].id`), for new branches. */
      firstCommit?: string;
      /** The payload's `forced`: the push rewrote the branch. */
      forced?: boolean;
    }
  | { kind: 'pull_request'; base: string; head: string }
  | { kind: 'refs'; base: string | null; head: string };

export interface ResolvedRange {
  base: string | null;
  head: string;
  requireAncestor: boolean;
  /** How the range was chosen, for the summary. */
  description: string;
  /** Set when the range cannot be checked at all. */
  issue?: Issue;
  /** Nothing to check (a deleted branch). */
  skip?: boolean;
}

const ZERO = /^0+$/;

/** Turns an event into the range to validate, asking git what it must (merge bases, parents). */
export async function resolveRange(
  repoPath: string,
  request: RangeRequest,
  env: Record<string, string | undefined> = {},
): Promise<ResolvedRange> {
  const repo = new ValidationRepo(repoPath, env);
  try {
    return await resolve(repo, request);
  } finally {
    repo.close();
  }
}

async function resolve(repo: ValidationRepo, request: RangeRequest): Promise<ResolvedRange> {
  if (request.kind === 'refs') {
    return {
      base: request.base,
      head: request.head,
      requireAncestor: false,
      description: `${request.base ?? '(empty)'}..${request.head}`,
    };
  }
  // A shallow clone lacks the parents a range starts from: a missing parent would pass as a root
  // commit (every thread new) and an edit would go through. Never guess: ask for the history.
  if (await repo.isShallow())
    return shallow(request.kind === 'push' ? request.after : request.head);
  if (request.kind === 'pull_request') return resolvePullRequest(repo, request);
  const after = request.after;
  if (ZERO.test(after)) {
    return {
      base: null,
      head: after,
      requireAncestor: false,
      description: 'a deleted branch: nothing to check',
      skip: true,
    };
  }
  if (!ZERO.test(request.before)) {
    if ((await repo.commit(request.before)) === null) return forcedAway(request);
    return {
      base: request.before,
      head: after,
      requireAncestor: true,
      description: `${short(request.before)}..${short(after)} (push)`,
    };
  }
  return resolveNewBranch(repo, request);
}

type PushRequest = Extract<RangeRequest, { kind: 'push' }>;

async function resolvePullRequest(
  repo: ValidationRepo,
  request: Extract<RangeRequest, { kind: 'pull_request' }>,
): Promise<ResolvedRange> {
  const base = await repo.commit(request.base);
  const head = await repo.commit(request.head);
  if (base === null || head === null)
    return missing(request.head, base === null ? request.base : request.head);
  const mergeBase = await repo.mergeBase(base, head);
  if (mergeBase === null) {
    return {
      base,
      head,
      requireAncestor: false,
      description: `${short(base)}..${short(head)} (no merge base: unrelated histories)`,
    };
  }
  return {
    base: mergeBase,
    head,
    requireAncestor: false,
    description: `merge-base ${short(mergeBase)}..${short(head)} (pull request)`,
  };
}

async function resolveNewBranch(
  repo: ValidationRepo,
  request: PushRequest,
): Promise<ResolvedRange> {
  const after = request.after;
  // A new branch: compare with where it left the default branch, else with the parent of the
  // first commit the push brought, else with the parent of the tip.
  const onDefault =
    request.defaultBranch !== undefined && request.ref === `refs/heads/${request.defaultBranch}`;
  if (request.defaultBranch !== undefined && !onDefault) {
    const tip = await repo.commit(`refs/remotes/origin/${request.defaultBranch}`);
    const mergeBase = tip === null ? null : await repo.mergeBase(tip, after);
    if (mergeBase !== null) {
      return {
        base: mergeBase,
        head: after,
        requireAncestor: false,
        description: `merge-base with ${request.defaultBranch} ${short(mergeBase)}..${short(after)} (new branch)`,
      };
    }
  }
  const first = request.firstCommit === undefined ? null : await repo.commit(request.firstCommit);
  const start = first ?? after;
  const parent = await repo.commit(`${start}^1`);
  if (parent === null) {
    return {
      base: null,
      head: after,
      requireAncestor: false,
      description: `every thread in ${short(after)} (new branch from a root commit)`,
    };
  }
  return {
    base: parent,
    head: after,
    requireAncestor: false,
    description: `${short(parent)}..${short(after)} (new branch)`,
  };
}

/** A pull request's commit that a full clone does not have: its branch moved since the event. */
function missing(head: string, sha: string): ResolvedRange {
  return {
    base: null,
    head,
    requireAncestor: false,
    description: 'cannot check the pull request',
    issue: {
      code: 'COMMIT_MISSING',
      severity: 'error',
      message: `Commit ${sha} of the pull request is not in this clone (its branch was force-pushed since this run was triggered), so its threads cannot be checked.`,
      hint: 'Re-run the check on the pull request as it now stands (push to it, or re-run the workflow from its latest run).',
      file: '',
      line: 0,
    },
  };
}

function shallow(head: string): ResolvedRange {
  return {
    base: null,
    head,
    requireAncestor: false,
    description: 'cannot check a shallow checkout',
    issue: {
      code: 'SHALLOW_CLONE',
      severity: 'error',
      message:
        'This checkout is shallow (actions/checkout fetches one commit unless told otherwise), so the commits the threads are compared with are not here and nothing can be checked.',
      hint: 'Give actions/checkout `with: fetch-depth: 0` (the whole history) in the workflow.',
      file: '',
      line: 0,
    },
  };
}

/** `before` is gone from a full clone: the push replaced the branch's history. */
function forcedAway(request: Extract<RangeRequest, { kind: 'push' }>): ResolvedRange {
  const branch = request.ref?.replace(/^refs\/heads\//, '');
  const how = request.forced === true ? 'a forced push' : 'the push';
  return {
    base: null,
    head: request.after,
    requireAncestor: false,
    description: `history rewritten from ${short(request.before)}`,
    issue: {
      code: 'HISTORY_REWRITTEN',
      severity: 'error',
      message:
        `History was rewritten by ${how}: ${branch ?? 'the branch'} was at ${request.before} and is now at ${short(request.after)}, ` +
        `and ${short(request.before)} is no longer in its history, so what the push removed cannot be checked.`,
      hint: rewrittenHistoryHint(request.before, branch),
      file: '',
      line: 0,
    },
  };
}
