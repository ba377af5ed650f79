import type { TouchedEntry } from './append-only.js';
import type { Issue } from './issue.js';
import { type ChangeCheck, validateChange } from './thread.js';

/**
 * One changed thread file of a range, old bytes against new: deleted, renamed, not UTF-8, or
 * modified and then checked by the append-only and format rules.
 */
export type ThreadChange = 'added' | 'modified' | 'deleted' | 'renamed';

export interface ThreadResult {
  file: string;
  change: ThreadChange;
  /** The old path of a renamed thread. */
  from?: string;
  entriesAdded: number;
  issues: Issue[];
}

/** A line of `git diff --name-status`: A, M, D, T or R<score>. */
export interface Change {
  status: string;
  path: string;
  from?: string;
}

/** A thread's result, and the old entries its history findings name (for the trailer walk). */
export interface CheckedChange {
  result: ThreadResult;
  touched: readonly TouchedEntry[];
}

export function checkChange(
  change: Change,
  oldText: string | null | undefined,
  newText: string | null | undefined,
  allowDelete: boolean,
): CheckedChange {
  const file = change.path;
  if (oldText === undefined || newText === undefined) {
    const bad = oldText === undefined ? (change.from ?? file) : file;
    return only({
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
    });
  }
  if (change.status === 'D' || newText === null) {
    const sev = allowDelete ? 'notice' : 'error';
    return only({
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
    });
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
      result: {
        file,
        change: 'renamed',
        from: change.from,
        entriesAdded: check.entriesAdded,
        issues: check.issues,
      },
      touched: check.touched,
    };
  }
  const check: ChangeCheck = validateChange(change.status === 'A' ? null : oldText, newText, file);
  return {
    result: {
      file,
      change: change.status === 'A' ? 'added' : 'modified',
      entriesAdded: check.entriesAdded,
      issues: check.issues,
    },
    touched: check.touched,
  };
}

function only(result: ThreadResult): CheckedChange {
  return { result, touched: [] };
}

function kindOf(status: string): ThreadChange {
  if (status === 'A') return 'added';
  if (status === 'D') return 'deleted';
  if (status.startsWith('R')) return 'renamed';
  return 'modified';
}
