import { REDACT_TRAILER as TRAILER } from '../store/commit-message.js';
import { type TouchedEntry, checkAppendOnly } from './append-only.js';
import type { CheckedChange } from './change.js';
import { HISTORY_CODES, type Issue, type IssueCode } from './issue.js';
import { comparable } from './line-endings.js';
import { type ValidationRepo, decodeUtf8 as decode, short } from './repo.js';

/**
 * Who made each history finding of a range, and whether it is sanctioned. A `Watercooler-Redact:`
 * trailer sanctions one thing: rewriting the body of an existing entry (SPEC §6). An edited entry
 * becomes a notice only when every commit that edited it carries the trailer; deleted or moved
 * entries and changed header lines stay errors whatever the commit says. Each error names the
 * commits that made it, not every commit of the push.
 */
interface CommitChange {
  sha: string;
  reason: string;
  /** How this commit touched each old entry (by entry key). */
  entries: Map<string, TouchedEntry['how']>;
  /** The history findings it made that name no entry (header, preamble, between entries). */
  codes: Set<IssueCode>;
}

export async function explainRewrites(
  repo: ValidationRepo,
  base: string | null,
  head: string,
  checked: CheckedChange,
): Promise<void> {
  const { result, touched } = checked;
  const commits = await commitChanges(repo, base, head, result.file);
  const byIssue = new Map<Issue, TouchedEntry>(touched.map((t) => [t.issue, t]));
  const out: Issue[] = [];
  for (const issue of result.issues) {
    if (!HISTORY_CODES.has(issue.code)) {
      out.push(issue);
      continue;
    }
    const entry = byIssue.get(issue);
    const culprits = commits.filter((c) =>
      entry === undefined ? c.codes.has(issue.code) : c.entries.has(entry.key),
    );
    const sanctioned =
      entry !== undefined &&
      issue.code === 'ENTRY_EDITED' &&
      culprits.length > 0 &&
      culprits.every((c) => c.reason !== '' && c.entries.get(entry.key) === 'edited');
    if (sanctioned) {
      for (const c of culprits) out.push(redactedNotice(issue, entry, c));
      continue;
    }
    issue.hint += blame(culprits, entry, issue.code);
    out.push(issue);
  }
  result.issues = out;
}

/** Every commit of the range that changed `path`, with what it did to the entries it found. */
async function commitChanges(
  repo: ValidationRepo,
  base: string | null,
  head: string,
  path: string,
): Promise<CommitChange[]> {
  const log = await repo.git.run([
    'log',
    '--reverse',
    '--topo-order',
    '--no-renames',
    `--format=%H%x00%P%x00%(trailers:key=${TRAILER},valueonly,separator=%x1f)%x1e`,
    ...(base === null ? [head] : [`${base}..${head}`]),
    '--',
    path,
  ]);
  const commits = log.stdout
    .split('\x1e')
    .map((s) => s.replace(/^\n/, ''))
    .filter((s) => s !== '')
    .map((s) => {
      const [sha = '', parents = '', reason = ''] = s.split('\0');
      return {
        sha,
        parents: parents.split(' ').filter((p) => p !== ''),
        reason: reason.split('\x1f')[0]?.trim() ?? '',
      };
    });
  const blobs = await repo.blobs(
    commits.flatMap((c) => [c.sha, ...c.parents].map((rev) => ({ rev, path }))),
  );
  let at = 0;
  return commits.map((c) => {
    const after = blobs[at++];
    const befores = c.parents.map(() => blobs[at++]);
    const each = befores.map((before) => compare(before, after, path));
    // A merge made a change only if it differs from every parent in it (the rest came from a side).
    const entries = new Map<string, TouchedEntry['how']>();
    const codes = new Set<IssueCode>();
    const [first, ...rest] = each;
    for (const [key, how] of first?.entries ?? [])
      if (rest.every((r) => r.entries.has(key))) entries.set(key, how);
    for (const code of first?.codes ?? [])
      if (rest.every((r) => r.codes.has(code))) codes.add(code);
    return { sha: c.sha, reason: c.reason, entries, codes };
  });
}

function compare(
  before: Buffer | null | undefined,
  after: Buffer | null | undefined,
  path: string,
): Pick<CommitChange, 'entries' | 'codes'> {
  const none = { entries: new Map<string, TouchedEntry['how']>(), codes: new Set<IssueCode>() };
  // Created or deleted here: not a rewrite of entries.
  if (before == null || after == null) return none;
  const oldBytes = decode(before);
  const newBytes = decode(after);
  if (oldBytes === undefined || newBytes === undefined) return none;
  const { oldText, newText } = comparable(oldBytes, newBytes, path);
  const check = checkAppendOnly(oldText ?? '', newText, path);
  const linked = new Set(check.touched.map((t) => t.issue));
  return {
    entries: new Map(check.touched.map((t) => [t.key, t.how])),
    codes: new Set(check.issues.filter((i) => !linked.has(i)).map((i) => i.code)),
  };
}

function redactedNotice(issue: Issue, t: TouchedEntry, c: CommitChange): Issue {
  const what = `Entry ${t.index + 1}${t.entryId === null ? '' : ` (${t.entryId})`} by ${t.agent}${t.title === null ? '' : `, "${t.title}"`}`;
  return {
    code: 'REDACTED',
    severity: 'notice',
    message: `${what} was rewritten by commit ${short(c.sha)} (${TRAILER}: ${c.reason}).`,
    hint: 'A sanctioned rewrite: the commit carries a Watercooler-Redact trailer. Check that it removed only what it says.',
    file: issue.file,
    line: issue.line,
  };
}

const UNSANCTIONED: Partial<Record<IssueCode, string>> = {
  HEADER_CHANGED: 'a change to the thread header',
  PREAMBLE_EDITED: 'a change to the text before the first entry',
  APPEND_NOT_AT_END: 'a change between entries',
};

/** The sentence that names the commits behind a finding. */
function blame(
  culprits: readonly CommitChange[],
  entry: TouchedEntry | undefined,
  code: IssueCode,
): string {
  const without = culprits.filter((c) => c.reason === '').map((c) => short(c.sha));
  let text = without.length === 0 ? '' : ` Rewritten without the trailer by ${without.join(', ')}.`;
  for (const c of culprits) {
    const how = entry === undefined ? undefined : c.entries.get(entry.key);
    if (c.reason === '' || how === 'edited') continue;
    const what =
      how === undefined
        ? (UNSANCTIONED[code] ?? 'this change')
        : `${how === 'moved' ? 'moving' : 'deleting'} an entry`;
    text += ` Commit ${short(c.sha)} carries a ${TRAILER} trailer, but the trailer sanctions only rewriting an entry's body, not ${what}.`;
  }
  return text;
}
