import { REDACT_TRAILER as TRAILER } from '../store/commit-message.js';
import { checkAppendOnly } from './append-only.js';
import type { ThreadResult } from './change.js';
import { HISTORY_CODES, type Issue } from './issue.js';
import { type ValidationRepo, decodeUtf8 as decode, short } from './repo.js';

/**
 * A history finding passes only when every commit of the range that rewrote the file carries a
 * `Watercooler-Redact:` trailer; each rewritten entry is then named in a notice.
 */
export async function explainRewrites(
  repo: ValidationRepo,
  base: string | null,
  head: string,
  result: ThreadResult,
  path: string,
): Promise<void> {
  const range = base === null ? [head] : [`${base}..${head}`];
  const log = await repo.git.run([
    'log',
    '--reverse',
    '--topo-order',
    '--no-renames',
    `--format=%H%x00%P%x00%(trailers:key=${TRAILER},valueonly,separator=%x1f)%x1e`,
    ...range,
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
        parent: parents.split(' ')[0] ?? '',
        reason: reason.split('\x1f')[0]?.trim() ?? '',
      };
    });
  const blobs = await repo.blobs(
    commits.flatMap((c) => [
      { rev: c.parent === '' ? c.sha : c.parent, path },
      { rev: c.sha, path },
    ]),
  );
  const notices: Issue[] = [];
  const unexplained: string[] = [];
  commits.forEach((c, i) => {
    const before = c.parent === '' ? null : blobs[i * 2];
    const after = blobs[i * 2 + 1];
    if (before == null || after == null) return; // created or deleted here: not a rewrite of entries
    const oldText = decode(before);
    const newText = decode(after);
    if (oldText === undefined || newText === undefined) return;
    const check = checkAppendOnly(oldText, newText, path);
    if (check.issues.length === 0) return;
    if (c.reason === '') {
      unexplained.push(short(c.sha));
      return;
    }
    const lines =
      check.touched.length > 0
        ? check.touched
        : [
            {
              index: -1,
              entryId: null,
              agent: '',
              title: null,
              how: 'edited' as const,
              line: check.issues[0]?.line ?? 1,
            },
          ];
    for (const t of lines) {
      const what =
        t.index === -1
          ? 'The thread header'
          : `Entry ${t.index + 1}${t.entryId === null ? '' : ` (${t.entryId})`} by ${t.agent}${t.title === null ? '' : `, "${t.title}"`}`;
      notices.push({
        code: 'REDACTED',
        severity: 'notice',
        message: `${what} was ${t.how === 'deleted' ? 'removed' : t.how === 'moved' ? 'moved' : 'rewritten'} by commit ${short(c.sha)} (${TRAILER}: ${c.reason}).`,
        hint: 'A sanctioned rewrite: the commit carries a Watercooler-Redact trailer. Check that it removed only what it says.',
        file: path,
        line: t.line,
      });
    }
  });
  if (unexplained.length > 0 || notices.length === 0) {
    const culprits =
      unexplained.length === 0
        ? ''
        : ` Rewritten without the trailer by ${unexplained.join(', ')}.`;
    for (const issue of result.issues) if (HISTORY_CODES.has(issue.code)) issue.hint += culprits;
    return;
  }
  result.issues = [...result.issues.filter((i) => !HISTORY_CODES.has(i.code)), ...notices];
}
