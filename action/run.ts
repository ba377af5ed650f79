import {
  type Issue,
  type RangeReport,
  type RangeRequest,
  type ResolvedRange,
  isFailing,
  resolveRange,
  validateRange,
} from '../core/index.js';

/**
 * The Action's logic, free of `@actions/core`: which range the event asks for, the validation,
 * and whether it fails. main.ts feeds it the runner's inputs and renders what it returns.
 */
export interface RunOptions {
  /** The checkout (GITHUB_WORKSPACE). */
  workspace: string;
  /** GITHUB_EVENT_NAME and the parsed GITHUB_EVENT_PATH payload. */
  eventName: string;
  event: unknown;
  /** GITHUB_SHA, used by events that carry no range. */
  sha?: string;
  threadsDir?: string;
  allowDelete: boolean;
  strict: boolean;
  /** The environment git runs with. */
  env: Record<string, string | undefined>;
}

export interface RunResult {
  range: ResolvedRange;
  report: RangeReport;
  issues: Issue[];
  errors: number;
  warnings: number;
  notices: number;
  failed: boolean;
}

export async function validateEvent(options: RunOptions): Promise<RunResult> {
  const request = requestFor(options.eventName, options.event, options.sha);
  const range = await resolveRange(options.workspace, request, options.env);
  let report: RangeReport;
  if (range.issue !== undefined || range.skip === true) {
    const issues = range.issue === undefined ? [] : [range.issue];
    report = {
      base: range.base,
      head: range.head,
      threadsDir: options.threadsDir ?? '',
      threadsChecked: 0,
      entriesAdded: 0,
      issues,
      threads: [],
    };
  } else {
    report = await validateRange({
      repo: options.workspace,
      base: range.base,
      head: range.head,
      threadsDir: options.threadsDir,
      allowDelete: options.allowDelete,
      requireAncestor: range.requireAncestor,
      env: options.env,
      mergeTarget: mergeTargetFor(options.eventName, options.event),
    });
  }
  const count = (s: Issue['severity']): number =>
    report.issues.filter((i) => i.severity === s).length;
  return {
    range,
    report,
    issues: report.issues,
    errors: count('error'),
    warnings: count('warning'),
    notices: count('notice'),
    failed: isFailing(report.issues, options.strict),
  };
}

/** The branch a line-by-line merge should be redone onto: the PR's base, else the default branch. */
function mergeTargetFor(eventName: string, event: unknown): string {
  const e = (event ?? {}) as {
    pull_request?: { base?: { ref?: unknown } };
    repository?: { default_branch?: unknown };
  };
  const ref = eventName.startsWith('pull_request') ? e.pull_request?.base?.ref : undefined;
  const branch = typeof ref === 'string' && ref !== '' ? ref : e.repository?.default_branch;
  return `origin/${typeof branch === 'string' && branch !== '' ? branch : 'main'}`;
}

/** Reads the range out of an event payload (the webhook shapes GitHub documents). */
export function requestFor(eventName: string, event: unknown, sha?: string): RangeRequest {
  const e = (event ?? {}) as Record<string, unknown>;
  const str = (v: unknown): string | undefined =>
    typeof v === 'string' && v !== '' ? v : undefined;
  const obj = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  if (eventName === 'push') {
    const before = str(e.before);
    const after = str(e.after);
    if (before === undefined || after === undefined)
      throw new Error('The push event payload has no before/after commits.');
    const commits = Array.isArray(e.commits) ? e.commits : [];
    return {
      kind: 'push',
      before,
      after,
      ref: str(e.ref),
      defaultBranch: str(obj(e.repository).default_branch),
      firstCommit: str(obj(commits[0]).id),
      forced: e.forced === true,
    };
  }
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const pr = obj(e.pull_request);
    const base = str(obj(pr.base).sha);
    const head = str(obj(pr.head).sha);
    if (base === undefined || head === undefined)
      throw new Error(`The ${eventName} event payload has no base/head commits.`);
    return { kind: 'pull_request', base, head };
  }
  if (eventName === 'merge_group') {
    const group = obj(e.merge_group);
    const base = str(group.base_sha);
    const head = str(group.head_sha);
    if (base === undefined || head === undefined)
      throw new Error('The merge_group event payload has no base/head commits.');
    return { kind: 'pull_request', base, head };
  }
  // Any other trigger (workflow_dispatch, schedule…) has no range: check every thread as it stands.
  return { kind: 'refs', base: null, head: sha ?? 'HEAD' };
}
