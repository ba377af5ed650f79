import { type Entry, type Thread, headerEndOf, parseThread } from '../thread/parse.js';
import { type Issue, lineAt } from './issue.js';

/**
 * The append-only rule (SPEC §1.5), old bytes against new bytes. Every operation turns `S` into
 * `bump(S).trimEnd() + "\n\n" + block` (or changes one header line), so the new file must be the
 * old header with only `Status:`/`Ball:` changed, then the old rest with trailing whitespace
 * removed, then nothing but new entries. Anything else rewrote history.
 */
export interface AppendCheck {
  /** History findings (all errors): edited, deleted, reordered entries, changed header lines. */
  issues: Issue[];
  /** The new file, parsed. */
  thread: Thread;
  /** Index in `thread.entries` of the first entry this change added (entries.length: none). */
  firstNew: number;
  /** The old entries this change rewrote, moved or removed (what a redaction notice names). */
  touched: TouchedEntry[];
}

export interface TouchedEntry {
  /** Index of the entry in the old file. */
  index: number;
  /** Who the entry is across versions: its Entry-ID, else agent, time and title. */
  key: string;
  entryId: string | null;
  agent: string;
  title: string | null;
  how: 'edited' | 'deleted' | 'moved';
  /** Where to point: its line in the new file, or where it was when it is gone. */
  line: number;
  /** The finding that reports it (the same object as in `issues`). */
  issue: Issue;
}

/** Header lines an operation may rewrite (the first `Status:` and `Ball:` lines). */
const MUTABLE_HEADER_KEYS = ['status', 'ball'] as const;

/** Compares an old and a new version of one thread file. */
export function checkAppendOnly(oldText: string, newText: string, file: string): AppendCheck {
  const issues: Issue[] = [];
  const thread = parseThread(newText);
  const headerIssue = compareHeaders(oldText, newText, file);
  if (headerIssue !== null) issues.push(headerIssue);

  const oldHeaderEnd = headerEndOf(oldText);
  const newHeaderEnd = headerEndOf(newText);
  const oldRest = oldText.slice(oldHeaderEnd).trimEnd();
  const newRest = newText.slice(newHeaderEnd);

  if (newRest.startsWith(oldRest)) {
    const boundary = newHeaderEnd + oldRest.length;
    let firstNew = thread.entries.findIndex((e) => e.start >= boundary);
    if (firstNew === -1) firstNew = thread.entries.length;
    const tailEnd = thread.entries[firstNew]?.start ?? newText.length;
    const stray = newText.slice(boundary, tailEnd);
    if (stray.trim() !== '') {
      // Text after the old end that is not a new entry extends the last entry (or the preamble).
      const at = boundary + (stray.length - stray.trimStart().length);
      const last = thread.entries[firstNew - 1];
      const touched: TouchedEntry[] = [];
      if (last === undefined) {
        issues.push(preambleIssue(file, lineAt(newText, at)));
      } else {
        const t = touch(last, 'edited', lineAt(newText, at));
        report(touched, issues, t, editedIssue(t, file));
      }
      return { issues, thread, firstNew, touched };
    }
    return { issues, thread, firstNew, touched: [] };
  }
  return diagnose(oldText, newText, parseThread(oldText), thread, file, issues);
}

function headerLines(text: string): string[] {
  const header = text.slice(0, headerEndOf(text));
  const lines = header.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function mask(lines: string[]): string[] {
  const seen = new Set<string>();
  return lines.map((line) => {
    const lower = line.toLowerCase();
    for (const key of MUTABLE_HEADER_KEYS) {
      if (!seen.has(key) && lower.startsWith(`${key}:`)) {
        seen.add(key);
        return `\0${key}`;
      }
    }
    return line;
  });
}

function compareHeaders(oldText: string, newText: string, file: string): Issue | null {
  const oldLines = headerLines(oldText);
  const newLines = headerLines(newText);
  const a = mask(oldLines);
  const b = mask(newLines);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  // bump() adds a missing Status:/Ball: line at the end of the header: that is allowed too.
  const added = b.slice(i);
  if (i === a.length && added.every((l) => l.startsWith('\0') && !a.includes(l))) return null;
  const was = oldLines[i];
  const now = newLines[i];
  const count = (lines: string[], k: string) =>
    lines.filter((l) => l.toLowerCase().startsWith(`${k}:`)).length;
  const twice = MUTABLE_HEADER_KEYS.find((k) => count(newLines, k) > 1 && count(oldLines, k) <= 1);
  const what =
    twice !== undefined
      ? `The header has two ${twice === 'ball' ? 'Ball' : 'Status'}: lines (a line-by-line merge kept both sides').`
      : was === undefined
        ? `Header line ${i + 1} was added: "${now ?? ''}".`
        : now === undefined
          ? `Header line ${i + 1} ("${was}") was removed.`
          : `Header line ${i + 1} changed from "${was}" to "${now}".`;
  return {
    code: 'HEADER_CHANGED',
    severity: 'error',
    message: `${what} Only the Status: and Ball: lines of a thread's header may change.`,
    hint: 'Restore the header line; change status and ball with `watercooler set-status` / `set-ball`.',
    file,
    line: Math.min(i + 1, Math.max(newLines.length, 1)),
  };
}

function entryKey(e: Entry): string {
  return e.entryId ?? `${e.agent}\0${e.timestamp}\0${e.title ?? ''}`;
}

type Touch = Omit<TouchedEntry, 'issue'>;

function touch(e: Entry, how: TouchedEntry['how'], line: number): Touch {
  return {
    index: e.index,
    key: entryKey(e),
    entryId: e.entryId,
    agent: e.agent,
    title: e.title,
    how,
    line,
  };
}

/** Records a touched entry and the finding that names it. */
function report(touched: TouchedEntry[], issues: Issue[], t: Touch, issue: Issue): void {
  touched.push({ ...t, issue });
  issues.push(issue);
}

function describe(t: Touch): string {
  const id = t.entryId === null ? '' : ` (${t.entryId})`;
  return `entry ${t.index + 1}${id} by ${t.agent}${t.title === null ? '' : `, "${t.title}"`}`;
}

const HISTORY_HINT =
  'Entries are append-only: restore the old bytes and add a new entry instead. To remove a secret, ' +
  'use `watercooler redact`, or commit the edit with a `Watercooler-Redact: <reason>` trailer.';

function editedIssue(t: Touch, file: string): Issue {
  return {
    code: 'ENTRY_EDITED',
    severity: 'error',
    message: `The existing ${describe(t)} was edited.`,
    hint: HISTORY_HINT,
    file,
    line: t.line,
  };
}

function preambleIssue(file: string, line: number): Issue {
  return {
    code: 'PREAMBLE_EDITED',
    severity: 'error',
    message: 'The text between the header and the first entry was changed.',
    hint: HISTORY_HINT,
    file,
    line,
  };
}

/** The prefix rule failed: say which entries were edited, deleted or moved, and where. */
function diagnose(
  oldText: string,
  newText: string,
  old: Thread,
  now: Thread,
  file: string,
  issues: Issue[],
): AppendCheck {
  const touched: TouchedEntry[] = [];
  const match = matchEntries(old, now);

  const oldPre = oldText.slice(old.headerEnd, old.entries[0]?.start ?? oldText.length).trimEnd();
  const newPre = newText.slice(now.headerEnd, now.entries[0]?.start ?? newText.length).trimEnd();
  if (oldPre !== newPre)
    issues.push(preambleIssue(file, lineAt(newText, now.headerEnd + commonPrefix(oldPre, newPre))));

  let highest = -1;
  old.entries.forEach((e, i) => {
    const at = match[i] ?? -1;
    if (at === -1) {
      const next = match.slice(i + 1).find((m) => m !== -1);
      const nextEntry = next === undefined ? undefined : now.entries[next];
      const t = touch(e, 'deleted', nextEntry?.line ?? lineAt(newText, newText.trimEnd().length));
      report(touched, issues, t, {
        code: 'ENTRY_DELETED',
        severity: 'error',
        message: `The existing ${describe(t)} was deleted (it was at line ${e.line} of the old file).`,
        hint: HISTORY_HINT,
        file,
        line: t.line,
      });
      return;
    }
    const moved = now.entries[at] as Entry;
    if (at < highest) {
      const t = touch(e, 'moved', moved.line);
      report(touched, issues, t, {
        code: 'ENTRY_REORDERED',
        severity: 'error',
        message: `The existing ${describe(t)} was moved (entries must keep their order; new ones go after the last).`,
        hint: HISTORY_HINT,
        file,
        line: t.line,
      });
      return;
    }
    highest = at;
    const before = oldText.slice(e.start, e.end);
    const after = newText.slice(moved.start, moved.end);
    if (before !== after && before.replace(/^---\n/, '') === after) {
      // Only its separator is gone: what a line-by-line merge of two appends leaves behind.
      issues.push({
        code: 'ENTRY_SEPARATOR_MISSING',
        severity: 'error',
        message: `The existing ${describe(touch(e, 'edited', moved.line))} lost the \`---\` line before it.`,
        hint: 'Put the `---` line back before its `Entry:` line, after a blank line.',
        file,
        line: moved.line,
      });
    } else if (before !== after) {
      const t = touch(e, 'edited', lineAt(newText, moved.start + commonPrefix(before, after)));
      report(touched, issues, t, editedIssue(t, file));
    }
  });
  const lastOld = now.entries[highest];
  const matched = new Set(match.filter((m) => m !== -1));
  const clean = touched.length === 0 && issues.length === 0;
  const placement = placementIssue(oldText, newText, old, now, { highest, matched, file, clean });
  if (placement !== null) issues.push(placement);
  let firstNew = lastOld === undefined ? 0 : highest + 1;
  while (firstNew < now.entries.length && matched.has(firstNew)) firstNew++;
  return { issues, thread: now, firstNew, touched };
}

/** Where each old entry now sits (by Entry-ID, else agent+time+title), or -1 when it is gone. */
function matchEntries(old: Thread, now: Thread): number[] {
  const slots = new Map<string, number[]>();
  now.entries.forEach((e) => {
    const key = entryKey(e);
    slots.set(key, [...(slots.get(key) ?? []), e.index]);
  });
  const oldKeys = new Set(old.entries.map(entryKey));
  const match = old.entries.map((e) => slots.get(entryKey(e))?.shift() ?? -1);
  match.forEach((at, i) => {
    const slot = now.entries[i];
    if (at === -1 && slot !== undefined && !oldKeys.has(entryKey(slot))) match[i] = i; // header edited in place
  });
  return match;
}

/** A new entry before old ones, or (when nothing else was found) changed space between entries. */
function placementIssue(
  oldText: string,
  newText: string,
  old: Thread,
  now: Thread,
  at: { highest: number; matched: Set<number>; file: string; clean: boolean },
): Issue | null {
  const { highest, matched, file } = at;
  const inserted = now.entries.find((e) => e.index < highest && !matched.has(e.index));
  if (inserted !== undefined)
    return {
      code: 'APPEND_NOT_AT_END',
      severity: 'error',
      message: `Entry ${inserted.index + 1} by ${inserted.agent} is new but sits before existing entries (new entries go after the last one).`,
      hint: HISTORY_HINT,
      file,
      line: inserted.line,
    };
  if (!at.clean) return null;
  // Every entry kept its bytes, so what changed is the space between them.
  const d = commonPrefix(oldText.slice(old.headerEnd), newText.slice(now.headerEnd));
  return {
    code: 'APPEND_NOT_AT_END',
    severity: 'error',
    message:
      'The text between existing entries changed (new entries go after the last one, nowhere else).',
    hint: HISTORY_HINT,
    file,
    line: lineAt(newText, now.headerEnd + d),
  };
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
