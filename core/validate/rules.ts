import { agentNameProblem } from '../agents.js';
import { isWatercoolerError } from '../errors.js';
import { ENTRY_TYPES, ROLES, STATUSES, isEntryId, topicFileStem } from '../thread/entry.js';
import type { Entry, Thread } from '../thread/parse.js';
import { type Fence, stepFence } from '../thread/fence.js';
import { type Issue, type IssueCode, type IssueSeverity, lineAt } from './issue.js';

/**
 * The well-formedness rules of SPEC §6, applied to what a change added: every entry from
 * `firstNew` on, and the whole header of a new thread. Old entries are never judged again: the
 * Python tool wrote entries without Role or Entry-ID, and its users' history must keep passing.
 */
export interface RuleOptions {
  /** Path as reported in findings (repository-relative). */
  file: string;
  /** Index of the first entry to check (0: all of them). */
  firstNew: number;
  /** A thread the change created: its header and file name are checked too. */
  newThread: boolean;
}

const TIMESTAMP_PARTS =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;
const ROLE_SET = new Set<string>(ROLES);
const TYPE_SET = new Set(ENTRY_TYPES.map((t) => t.toLowerCase()));
const STATUS_SET = new Set<string>(STATUSES);

/** The format findings of one thread file. */
export function checkRules(thread: Thread, options: RuleOptions): Issue[] {
  const issues: Issue[] = [];
  const add = (
    code: IssueCode,
    severity: IssueSeverity,
    line: number,
    message: string,
    hint: string,
  ): void => {
    issues.push({ code, severity, message, hint, file: options.file, line });
  };
  const text = thread.text;
  const from = thread.entries[options.firstNew]?.start ?? (options.newThread ? 0 : text.length);
  const crlf = text.indexOf('\r', options.newThread ? 0 : from);
  if (crlf !== -1) {
    add(
      'CRLF',
      'error',
      lineAt(text, crlf),
      'The file has CR (Windows) line endings.',
      'Thread files use LF endings: add `*.md text eol=lf` to .gitattributes and re-save the file.',
    );
  }
  if (options.newThread) checkHeader(thread, options.file, add);
  checkStatus(thread, add);
  if (options.newThread)
    scanLines(
      text,
      thread.headerEnd,
      thread.entries[0]?.start ?? text.length,
      lineAt(text, thread.headerEnd),
      add,
    );

  const seen = new Map<string, Entry>();
  for (const entry of thread.entries) {
    const isNew = entry.index >= options.firstNew;
    if (entry.entryId !== null) {
      const first = seen.get(entry.entryId.toUpperCase());
      if (first === undefined) seen.set(entry.entryId.toUpperCase(), entry);
      else if (isNew) {
        add(
          'ENTRY_ID_DUPLICATE',
          'error',
          entry.line,
          `Entry ${entry.index + 1} repeats the Entry-ID ${entry.entryId} of entry ${first.index + 1} (line ${first.line}).`,
          'Give the new entry its own id (a fresh ULID), or remove the duplicate if it is the same entry written twice.',
        );
      }
    }
    if (isNew && !text.startsWith('---', entry.start)) {
      // The Python tool's readers split on `---`: without it the entry runs into the one above.
      add(
        'ENTRY_SEPARATOR_MISSING',
        options.newThread ? 'warning' : 'error',
        entry.line,
        `Entry ${entry.index + 1} has no \`---\` line right before its \`Entry:\` line, so older readers run it into the entry above.`,
        'Put a `---` line before it, after a blank line.',
      );
    }
    if (isNew) checkEntry(entry, text, add);
  }
  return issues;
}

type Add = (
  code: IssueCode,
  severity: IssueSeverity,
  line: number,
  message: string,
  hint: string,
) => void;

function checkHeader(thread: Thread, file: string, add: Add): void {
  const { header } = thread;
  const first = header.lines[0] ?? '';
  const example =
    'A thread starts "# <topic> — Thread", then Status:, Ball:, Topic: and Created: lines.';
  if (!/^# .+ — Thread$/.test(first)) {
    add(
      'HEADER_MALFORMED',
      'error',
      1,
      `The first line should be "# <topic> — Thread" (with an em dash), not "${first.slice(0, 80)}".`,
      example,
    );
  }
  for (const key of ['Status', 'Ball', 'Topic', 'Created']) {
    if (!header.lines.some((l) => l.toLowerCase().startsWith(`${key.toLowerCase()}:`))) {
      add(
        'HEADER_MALFORMED',
        'error',
        Math.max(header.lines.length, 1),
        `The header has no "${key}:" line.`,
        example,
      );
    }
  }
  if (header.created !== null && timestampProblem(header.created) !== null) {
    const at = header.lines.findIndex((l) => /^(created|updated):/i.test(l));
    add(
      'HEADER_MALFORMED',
      'error',
      at + 1,
      `Created: "${header.created}" is not an ISO-8601 timestamp.`,
      'Write it as YYYY-MM-DDTHH:MM:SSZ.',
    );
  }
  if (header.topic === null) return;
  const topicLine = header.lines.findIndex((l) => /^topic:/i.test(l)) + 1;
  const name = (file.split('/').pop() ?? file).replace(/\.md$/, '');
  let stem: string;
  try {
    stem = topicFileStem(header.topic);
  } catch (err) {
    if (!isWatercoolerError(err)) throw err;
    add(
      'TOPIC_MISMATCH',
      'error',
      topicLine,
      `Topic: "${header.topic}" cannot name a thread file: ${err.message}`,
      err.hint ?? '',
    );
    return;
  }
  if (stem !== name) {
    add(
      'TOPIC_MISMATCH',
      'error',
      topicLine,
      `The file is named "${name}.md" but its Topic "${header.topic}" belongs in "${stem}.md".`,
      `Rename the file to ${stem}.md, or fix the Topic: line.`,
    );
  }
  if (/^# .+ — Thread$/.test(first) && first !== `# ${header.topic} — Thread`) {
    add(
      'HEADER_MALFORMED',
      'warning',
      1,
      `The title names "${header.title}" but Topic: says "${header.topic}".`,
      `Make the first line "# ${header.topic} — Thread".`,
    );
  }
}

function checkStatus(thread: Thread, add: Add): void {
  const at = thread.header.lines.findIndex((l) => /^status:/i.test(l));
  if (at === -1) return;
  const status = thread.header.status.trim();
  if (!STATUS_SET.has(status.toUpperCase())) {
    add(
      'UNKNOWN_STATUS',
      'warning',
      at + 1,
      `Status "${status}" is not a known status.`,
      `Use one of ${STATUSES.join(', ')} (\`watercooler set-status\`).`,
    );
  }
}

function checkEntry(entry: Entry, text: string, add: Add): void {
  const where = `Entry ${entry.index + 1}`;
  const agentProblem = agentNameProblem(entry.agent);
  if (agentProblem !== null)
    add(
      'ENTRY_AGENT_INVALID',
      'error',
      entry.line,
      `${where}: ${agentProblem}`,
      'Write the agent as "Name" or "Name (user)".',
    );
  const tsProblem = timestampProblem(entry.timestamp);
  if (tsProblem !== null)
    add(
      'ENTRY_TIMESTAMP_INVALID',
      'error',
      entry.line,
      `${where}: ${tsProblem}`,
      'Write the time as YYYY-MM-DDTHH:MM:SSZ (UTC).',
    );
  checkRoleAndType(entry, text, add, where);
  if (entry.title === null || entry.title === '') {
    add(
      'ENTRY_TITLE_MISSING',
      'error',
      entry.line,
      `${where} has no title.`,
      'Add a "Title: …" line to the entry header.',
    );
  }
  if (entry.entryId === null) {
    add(
      'ENTRY_ID_MISSING',
      'warning',
      entry.line,
      `${where} has no <!-- Entry-ID: … --> line.`,
      'Entries written by watercooler carry a ULID Entry-ID after the body; older writers did not.',
    );
  } else if (!isEntryId(entry.entryId)) {
    add(
      'ENTRY_ID_INVALID',
      'warning',
      idLine(entry, text),
      `${where}: Entry-ID "${entry.entryId}" is not a ULID.`,
      'Entry-IDs are 26-character Crockford ULIDs.',
    );
  }
  const bodyFrom = text.indexOf('\n\n', text.indexOf('\n', entry.start + 1));
  if (bodyFrom !== -1 && bodyFrom < entry.end)
    scanLines(text, bodyFrom + 2, entry.end, lineAt(text, bodyFrom + 2), add, where);
}

/** Role and Type: known values, reported at their own line. */
function checkRoleAndType(entry: Entry, text: string, add: Add, where: string): void {
  const fieldLine = (key: string): number => {
    const lines = text.slice(entry.start, entry.end).split('\n');
    const i = lines.findIndex((l) => l.toLowerCase().startsWith(`${key}:`));
    return i === -1 ? entry.line : lineAt(text, entry.start) + i;
  };
  if (entry.role === null) {
    add(
      'ENTRY_ROLE_MISSING',
      'warning',
      entry.line,
      `${where} has no Role: line.`,
      `Add "Role: <role>" (one of ${ROLES.join(', ')}) after the Entry: line.`,
    );
  } else if (!ROLE_SET.has(entry.role.toLowerCase())) {
    add(
      'ENTRY_ROLE_INVALID',
      'error',
      fieldLine('role'),
      `${where}: Role "${entry.role}" is not one of ${ROLES.join(', ')}.`,
      'Use one of the roles the format names.',
    );
  }
  if (entry.type === null || !TYPE_SET.has(entry.type.toLowerCase())) {
    const what = entry.type === null ? 'has no Type: line' : `has Type "${entry.type}"`;
    add(
      'ENTRY_TYPE_INVALID',
      'error',
      entry.type === null ? entry.line : fieldLine('type'),
      `${where} ${what}; expected one of ${ENTRY_TYPES.join(', ')}.`,
      'Every entry has a Type: line with a known type.',
    );
  }
}

/** The line of an entry's Entry-ID comment (its Entry: line when none is found). */
function idLine(entry: Entry, text: string): number {
  const at = text.slice(entry.start, entry.end).search(/<!--\s*Entry-ID:/i);
  return at === -1 ? entry.line : lineAt(text, entry.start + at);
}

/** Body lines that older readers would take for an entry boundary, and fences left open. */
function scanLines(
  text: string,
  from: number,
  to: number,
  firstLine: number,
  add: Add,
  where = 'The text before the first entry',
): void {
  const lines = text.slice(from, to).split('\n');
  let fence: Fence | null = null;
  lines.forEach((line, i) => {
    const lineNo = firstLine + i;
    const step = stepFence(fence, line, lineNo);
    fence = step.open;
    if (step.isFence) return;
    if (fence !== null) return;
    if (line.trim() === '---' && /^\s*Entry:/.test(lines[i + 1] ?? '')) {
      add(
        'ENTRY_HEADER_MALFORMED',
        'error',
        lineNo + 1,
        `${where}: "${(lines[i + 1] ?? '').trim().slice(0, 80)}" looks like an entry header but does not parse (expected "Entry: <agent> <YYYY-MM-DDTHH:MM:SSZ>").`,
        'Fix the Entry: line: an agent name, one space, then an ISO-8601 UTC timestamp.',
      );
    } else if (line === '---') {
      add(
        'BODY_SEPARATOR',
        'warning',
        lineNo,
        `${where}: a body line is exactly "---", which older readers take for an entry separator.`,
        'Put it inside a ``` code fence, or use *** for a rule.',
      );
    } else if (line.startsWith('Entry: ') && !/^---\s*$/.test(lines[i - 1] ?? '')) {
      add(
        'BODY_ENTRY_LINE',
        'warning',
        lineNo,
        `${where}: a body line starts with "Entry: ", which older readers may take for an entry header.`,
        'Put it inside a ``` code fence, or reword the line.',
      );
    }
  });
  const open = fence as Fence | null;
  if (open !== null) {
    add(
      'UNCLOSED_FENCE',
      'error',
      open.line,
      `${where}: the code fence opened here is never closed, so every later entry would be read as part of it.`,
      `Close it with a line of ${open.char.repeat(open.len)}.`,
    );
  }
}

/** Why a timestamp is not a real ISO-8601 instant, or null. */
function timestampProblem(value: string): string | null {
  const m = TIMESTAMP_PARTS.exec(value);
  if (m === null) return `"${value}" is not an ISO-8601 timestamp.`;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const date = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0));
  const real =
    date.getUTCMonth() === (mo ?? 1) - 1 &&
    date.getUTCDate() === d &&
    (h ?? 0) < 24 &&
    (mi ?? 0) < 60 &&
    (s ?? 0) < 60;
  if (!real) return `"${value}" is not a real date and time.`;
  if (m[8] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59))
    return `"${value}" has an impossible UTC offset.`;
  return null;
}
