import { parseConfig } from '../config-parse.js';
import {
  type TreeEntry,
  findThreadsDir,
  isThreadPath,
  looksLikeThread,
  repoThreadsDir,
} from '../layout.js';
import { type Change, type CheckedChange, type ThreadResult, checkChange } from './change.js';
import { HISTORY_CODES, type Issue, rewrittenHistoryHint } from './issue.js';
import { ValidationRepo, decodeUtf8 as decode, short } from './repo.js';
import { explainRewrites } from './rewrites.js';

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

export type { ThreadChange, ThreadResult } from './change.js';

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
        rewrittenHistoryHint(base),
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
  const walk: CheckedChange[] = [];
  for (const [i, change] of changes.entries()) {
    const oldBuf = blobs[i * 2] ?? null;
    const newBuf = blobs[i * 2 + 1] ?? null;
    const oldText = oldBuf === null ? null : decode(oldBuf);
    const newText = newBuf === null ? null : decode(newBuf);
    if (threadsDir === '' && !looksLikeThread(oldText) && !looksLikeThread(newText)) continue; // README.md at a root layout
    const checked = checkChange(change, oldText, newText, options.allowDelete === true);
    threads.push(checked.result);
    if (checked.result.issues.some((i) => HISTORY_CODES.has(i.code))) walk.push(checked);
  }
  for (const item of walk) await explainRewrites(repo, base, head, item);
  return report(threadsDir, threads);
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

function repoIssue(code: Issue['code'], message: string, hint: string): Issue {
  return { code, severity: 'error', message, hint, file: '', line: 0 };
}
