/**
 * What the validator reports. Findings are data, not exceptions (the changesets way): the CLI
 * prints them, the Action turns each one into an annotation on its file and line.
 */
export type IssueSeverity = 'error' | 'warning' | 'notice';

/** Stable codes: scripts and workflow filters may match on them, so a code is never renamed. */
export type IssueCode =
  | 'ENTRY_EDITED'
  | 'ENTRY_DELETED'
  | 'ENTRY_REORDERED'
  | 'PREAMBLE_EDITED'
  | 'HEADER_CHANGED'
  | 'APPEND_NOT_AT_END'
  | 'THREAD_DELETED'
  | 'THREAD_RENAMED'
  | 'HISTORY_REWRITTEN'
  | 'COMMIT_MISSING'
  | 'SHALLOW_CLONE'
  | 'REDACTED'
  | 'HEADER_MALFORMED'
  | 'TOPIC_MISMATCH'
  | 'UNKNOWN_STATUS'
  | 'ENTRY_HEADER_MALFORMED'
  | 'ENTRY_TIMESTAMP_INVALID'
  | 'ENTRY_AGENT_INVALID'
  | 'ENTRY_ROLE_INVALID'
  | 'ENTRY_ROLE_MISSING'
  | 'ENTRY_TYPE_INVALID'
  | 'ENTRY_TITLE_MISSING'
  | 'ENTRY_ID_MISSING'
  | 'ENTRY_ID_INVALID'
  | 'ENTRY_ID_DUPLICATE'
  | 'UNCLOSED_FENCE'
  | 'BODY_SEPARATOR'
  | 'BODY_ENTRY_LINE'
  | 'NOT_UTF8'
  | 'CRLF'
  | 'BOM';

export interface Issue {
  code: IssueCode;
  severity: IssueSeverity;
  message: string;
  hint: string;
  /** Path relative to the repository root (or as given to validateThread). */
  file: string;
  /** 1-based line in the file as it now stands (the old file's line when it is gone). */
  line: number;
}

/** The rules whose findings a `Watercooler-Redact:` trailer turns into notices. */
export const HISTORY_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'ENTRY_EDITED',
  'ENTRY_DELETED',
  'ENTRY_REORDERED',
  'PREAMBLE_EDITED',
  'HEADER_CHANGED',
  'APPEND_NOT_AT_END',
]);

/**
 * What a team does after a forced push rewrote a branch: put the old tip back (it lives on in any
 * clone that fetched it) and redo the new work on top; redactions go through a trailered commit.
 */
export function rewrittenHistoryHint(before: string, branch = '<branch>'): string {
  return (
    `Thread history is append-only. Whoever still has ${before} (any clone that fetched it; \`git reflog\` finds it) ` +
    `puts it back with \`git push --force-with-lease origin ${before}:${branch}\` and re-adds the new work on top. ` +
    'To remove a secret, commit the rewrite with a `Watercooler-Redact: <reason>` trailer (`watercooler redact`) instead of force-pushing; ' +
    'turn on branch protection against force pushes.'
  );
}

/** True when the findings should fail a check: any error, or any warning under `strict`. */
export function isFailing(issues: readonly Issue[], strict = false): boolean {
  return issues.some((i) => i.severity === 'error' || (strict && i.severity === 'warning'));
}

// The last few texts' line starts: findings on a 5,000-entry thread must not rescan it per finding.
const LINE_CACHE: { text: string; starts: Uint32Array }[] = [];

function lineStarts(text: string): Uint32Array {
  const hit = LINE_CACHE.find((c) => c.text === text);
  if (hit !== undefined) return hit.starts;
  const found: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) found.push(i + 1);
  const starts = Uint32Array.from(found);
  LINE_CACHE.unshift({ text, starts });
  if (LINE_CACHE.length > 4) LINE_CACHE.pop();
  return starts;
}

/** 1-based line number of `offset` in `text` (binary search over cached line starts). */
export function lineAt(text: string, offset: number): number {
  const starts = lineStarts(text);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
