import { parseThread } from '../thread/parse.js';
import { checkAppendOnly } from './append-only.js';
import type { Issue } from './issue.js';
import { comparable } from './line-endings.js';
import { checkRules } from './rules.js';

/**
 * One thread file on its own (`watercooler validate --all`): every rule of SPEC §6 that needs no
 * history — header, entries, Entry-IDs, fences — applied to the whole file.
 */
export function validateThread(text: string, file: string): Issue[] {
  return checkRules(parseThread(text), { file, firstNew: 0, newThread: true });
}

/** The result of checking one change of one thread file. */
export interface ChangeCheck {
  issues: Issue[];
  entriesAdded: number;
  /** The old entries the change rewrote (for redaction notices). */
  touched: ReturnType<typeof checkAppendOnly>['touched'];
}

/**
 * One change of one thread file: the append-only rule against its old bytes (null: a new thread),
 * then the format rules on what the change added. A CRLF or BOM re-save is one finding, and the
 * rules then see the file without it.
 */
export function validateChange(
  oldBytes: string | null,
  newBytes: string,
  file: string,
  renamed = false,
): ChangeCheck {
  const { oldText, newText, issues: encoding } = comparable(oldBytes, newBytes, file);
  if (oldText === null) {
    const thread = parseThread(newText);
    return {
      issues: [...encoding, ...checkRules(thread, { file, firstNew: 0, newThread: true })],
      entriesAdded: thread.entries.length,
      touched: [],
    };
  }
  const check = checkAppendOnly(oldText, newText, file);
  const rules = checkRules(check.thread, { file, firstNew: check.firstNew, newThread: renamed });
  return {
    issues: [...encoding, ...check.issues, ...rules],
    entriesAdded: check.thread.entries.length - check.firstNew,
    touched: check.touched,
  };
}
