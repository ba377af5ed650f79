import { parseConfig } from '../config-parse.js';
import {
  type TreeEntry,
  findThreadsDir,
  isThreadPath,
  looksLikeThread,
  repoThreadsDir,
} from '../layout.js';
import { REDACT_TRAILER as TRAILER } from '../store/commit-message.js';
import { checkAppendOnly } from './append-only.js';
import { HISTORY_CODES, type Issue } from './issue.js';
import { ValidationRepo } from './repo.js';
import { type ChangeCheck, validateChange } from './thread.js';

/**
 * `validateRange(base, head)`: every thread file changed between two commits, checked against
 * SPEC §6 — append-only history, well-formed additions, no deleted or renamed threads — with
 * sanctioned rewrites (`Watercooler-Redact:` on every commit that makes them) turned into notices.
 */
export interface RangeOptions {
  /** The repository (a work tree, a bare repository or a git dir). */
  repo: string;
  /** The commit the range starts from; null: nothing before (every thread in `head` is new). */
  base: string | null;
  head: string;
  /** The threads folder, repository-relative ('' for the root); default: watercooler.json, else the root if it holds threads, else `threads`. */
  threadsDir?: string;
  /** Deleting (and renaming) a thread is a notice instead of an error. */
  allowDelete?: boolean;
  /** The range is a push: `base` must be an ancestor of `head`, else history was rewritten. */
  requireAncestor?: boolean;
  /** Environment for git (PATH, HOME); core never reads process.env. */
  env?: Record<string, string | undefined>;
}

export type ThreadChange = 'added' | 'modified' | 'deleted' | 'renamed';

export interface ThreadResult {
  file: string;
  change: ThreadChange;
  /** The old path of a renamed thread. */
  from?: string;
  entriesAdded: number;
  issues: Issue[];
}

export interface RangeReport {
  base: string | null;
  head: string;
  threadsDir: string;
  threadsChecked: number;
  entriesAdded: number;
  /** Every finding, repository-level ones (a rewritten history) first. */
  issues: Issue[];
  threads: ThreadResult[];
}

interface Change {
  status: string;
  path: string;
  from?: string;
}

const FETCH_HINT =
  'Check out the whole history (actions/checkout with `fetch-depth: 0`), or fetch the commit before validating.';

/**
 * Checks every thread file changed between `base` and `head` (SPEC §6). Returns findings; throws
 * only when git itself fails. One `git diff --name-status -z -M` lists the changes, one
 * `git cat-file --batch` reads every blob.
 */
export async function validateRange(options: RangeOptions): Promise<RangeReport> {
  const repo = new ValidationRepo(options.repo, options.env);
  try {
    return await runRange(repo, options);
  } finally {
    repo.close();
  }
}

async function runRange(repo: ValidationRepo, options: RangeOptions): Promise<RangeReport> {
  const issues: Issue[] = [];
  const report = (threadsDir: string, threads: ThreadResult[] = []): RangeReport => ({
    base: options.base,
    head: options.head,
    threadsDir,
    threadsChecked: threads.length,
    entriesAdded: threads.reduce((n, t) => n + t.entriesAdded, 0),
    issues: [...issues, ...threads.flatMap((t) => t.issues)],
    threads,
  });
  const head = await repo.commit(options.head);
  const base = options.base === null ? null : await repo.commit(options.base);
  if (head === null || (options.base !== null && base === null)) {
    const missing = head === null ? options.head : (options.base as string);
    issues.push(
      repoIssue(
        'COMMIT_MISSING',
        `Commit ${missing} is not in this clone, so the range cannot be checked.`,
        FETCH_HINT,
      ),
    );
    return report(options.threadsDir ?? '');
  }
  if (options.requireAncestor === true && base !== null && !(await repo.isAncestor(base, head))) {
    issues.push(
      repoIssue(
        'HISTORY_REWRITTEN',
        `History was rewritten: ${short(base)} (before the push) is not an ancestor of ${short(head)} (after it) — a forced push.`,
        'Thread history is append-only. Push the old commits back, or add new commits on top of them; to remove a secret, use a Watercooler-Redact commit instead of rewriting history.',
      ),
    );
  }
  const threadsDir = repoThreadsDir(options.threadsDir) ?? (await detectThreadsDir(repo, head));
  const from = base ?? (await repo.emptyTree());
  const changes = await changedThreads(repo, from, head, threadsDir);

  const requests = changes.flatMap((c) => [
    { rev: from, path: c.from ?? c.path },
    { rev: head, path: c.path },
  ]);
  const blobs = await repo.blobs(requests);
  const threads: ThreadResult[] = [];
  const walk: { result: ThreadResult; touchedPath: string }[] = [];
  for (const [i, change] of changes.entries()) {
    const oldBuf = blobs[i * 2] ?? null;
    const newBuf = blobs[i * 2 + 1] ?? null;
    const oldText = oldBuf === null ? null : decode(oldBuf);
    const newText = newBuf === null ? null : decode(newBuf);
    if (threadsDir === '' && !looksLikeThread(oldText) && !looksLikeThread(newText)) continue; // README.md at a root layout
    const result = checkChange(change, oldText, newText, options.allowDelete === true);
    threads.push(result);
    if (result.issues.some((i) => HISTORY_CODES.has(i.code)))
      walk.push({ result, touchedPath: change.path });
  }
  for (const item of walk) await explainRewrites(repo, base, head, item.result, item.touchedPath);
  return report(threadsDir, threads);
}

function checkChange(
  change: Change,
  oldText: string | null | undefined,
  newText: string | null | undefined,
  allowDelete: boolean,
): ThreadResult {
  const file = change.path;
  if (oldText === undefined || newText === undefined) {
    const bad = oldText === undefined ? (change.from ?? file) : file;
    return {
      file,
      change: kindOf(change.status),
      entriesAdded: 0,
      issues: [
        {
          code: 'NOT_UTF8',
          severity: 'error',
          message: `${bad} is not valid UTF-8.`,
          hint: 'Thread files are UTF-8 text; re-save it as UTF-8.',
          file,
          line: 1,
        },
      ],
    };
  }
  if (change.status === 'D' || newText === null) {
    const sev = allowDelete ? 'notice' : 'error';
    return {
      file,
      change: 'deleted',
      entriesAdded: 0,
      issues: [
        {
          code: 'THREAD_DELETED',
          severity: sev,
          message: `The thread ${file} was deleted.`,
          hint: allowDelete
            ? 'Deleting threads is allowed here (allow-delete).'
            : 'Threads are never deleted: restore the file and close the thread with `watercooler set-status TOPIC CLOSED`.',
          file,
          line: 1,
        },
      ],
    };
  }
  if (change.status.startsWith('R') && change.from !== undefined) {
    const check = validateChange(oldText, newText, file, true);
    const sev = allowDelete ? 'notice' : 'error';
    check.issues.unshift({
      code: 'THREAD_RENAMED',
      severity: sev,
      message: `The thread ${change.from} was renamed to ${file}.`,
      hint: allowDelete
        ? 'Renaming threads is allowed here (allow-delete).'
        : 'Thread files keep their name (links and clients find them by topic): move it back.',
      file,
      line: 1,
    });
    return {
      file,
      change: 'renamed',
      from: change.from,
      entriesAdded: check.entriesAdded,
      issues: check.issues,
    };
  }
  const check: ChangeCheck = validateChange(change.status === 'A' ? null : oldText, newText, file);
  return {
    file,
    change: change.status === 'A' ? 'added' : 'modified',
    entriesAdded: check.entriesAdded,
    issues: check.issues,
  };
}

/**
 * A history finding passes only when every commit of the range that rewrote the file carries a
 * `Watercooler-Redact:` trailer; each rewritten entry is then named in a notice.
 */
async function explainRewrites(
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

async function changedThreads(
  repo: ValidationRepo,
  from: string,
  head: string,
  threadsDir: string,
): Promise<Change[]> {
  const pathspec = threadsDir === '' ? ['.'] : [`${threadsDir}/`];
  const r = await repo.git.run([
    'diff',
    '--name-status',
    '-z',
    '-M',
    '--no-ext-diff',
    '--no-textconv',
    from,
    head,
    '--',
    ...pathspec,
  ]);
  const parts = r.stdout.split('\0');
  const out: Change[] = [];
  for (let i = 0; i < parts.length;) {
    const status = parts[i++] ?? '';
    if (status === '') continue;
    if (status.startsWith('R') || status.startsWith('C')) {
      const src = parts[i++] ?? '';
      const dst = parts[i++] ?? '';
      const srcIn = isThreadPath(src, threadsDir);
      const dstIn = isThreadPath(dst, threadsDir);
      if (status.startsWith('C')) {
        if (dstIn) out.push({ status: 'A', path: dst });
      } else if (srcIn && dstIn) out.push({ status, path: dst, from: src });
      else if (srcIn) out.push({ status: 'D', path: src });
      else if (dstIn) out.push({ status: 'A', path: dst });
      continue;
    }
    const path = parts[i++] ?? '';
    if (isThreadPath(path, threadsDir) && /^[ADMT]/.test(status))
      out.push({ status: status[0] === 'T' ? 'M' : (status[0] as string), path });
  }
  return out;
}

/** Where the stores put threads at `head`: the one layout rule, over this repository's tree. */
async function detectThreadsDir(repo: ValidationRepo, head: string): Promise<string> {
  const config = await repo.blob(head, 'watercooler.json');
  const read =
    config === null ? null : await parseConfig(config.toString('utf8'), 'watercooler.json');
  return findThreadsDir(
    {
      entries: async (dir) => {
        const r = await repo.git.run(['ls-tree', '-z', dir === '' ? head : `${head}:${dir}`], {
          allowFailure: true,
        });
        return r.stdout.split('\0').flatMap((line): TreeEntry[] => {
          const m = /^(\d+) (\w+) ([0-9a-f]+)\t(.+)$/s.exec(line);
          if (m === null) return [];
          const type = m[2] === 'tree' ? 'dir' : m[1]?.startsWith('100') ? 'file' : 'other';
          return [{ name: m[4] ?? '', type, id: m[3] ?? '' }];
        });
      },
      text: async (path) => {
        const blob = await repo.blob(head, path);
        return blob === null ? null : (decode(blob) ?? null);
      },
    },
    read?.config.threadsDir,
  );
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of a blob; undefined when it is not UTF-8. */
function decode(buf: Buffer): string | undefined {
  try {
    return UTF8.decode(buf);
  } catch {
    return undefined;
  }
}

function kindOf(status: string): ThreadChange {
  if (status === 'A') return 'added';
  if (status === 'D') return 'deleted';
  if (status.startsWith('R')) return 'renamed';
  return 'modified';
}

function short(sha: string): string {
  return sha.slice(0, 7);
}

function repoIssue(code: Issue['code'], message: string, hint: string): Issue {
  return { code, severity: 'error', message, hint, file: '', line: 0 };
}
