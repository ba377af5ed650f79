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
  | 'CRLF';

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

/** True when the findings should fail a check: any error, or any warning under `strict`. */
export function isFailing(issues: readonly Issue[], strict = false): boolean {
  return issues.some((i) => i.severity === 'error' || (strict && i.severity === 'warning'));
}

/** 1-based line number of `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
