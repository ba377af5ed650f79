/**
 * The reader for every generation of thread file (SPEC §1.4). It is a view over the bytes: the
 * header is split into lines (operations rewrite only `Status:`/`Ball:`), and each entry is
 * located by offsets so the writer never has to re-render what it did not change.
 */

import { type Fence, stepFence } from './fence.js';

export interface Entry {
  /** Position in file order, from 0. */
  index: number;
  agent: string;
  timestamp: string;
  role: string | null;
  type: string | null;
  title: string | null;
  /** The body without the separator and without the trailing Entry-ID comment. */
  body: string;
  entryId: string | null;
  /** 1-based line of the `Entry:` line. */
  line: number;
  /** Offsets of the block in the file: from its `---` (or `Entry:` line) to its last non-blank line. */
  start: number;
  end: number;
}

export interface ThreadHeader {
  /** The header's lines (everything before the first blank line), as written. */
  lines: string[];
  title: string;
  topic: string | null;
  status: string;
  ball: string;
  created: string | null;
}

export interface Thread {
  header: ThreadHeader;
  /** Offset of the first blank line ending the header (or the file's length). */
  headerEnd: number;
  /** Free text between the header and the first entry, trimmed. */
  preamble: string;
  entries: Entry[];
  text: string;
}

const TIMESTAMP = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})`;
const ENTRY_LINE = new RegExp(String.raw`^\s*Entry:\s*(.+?)\s+(${TIMESTAMP})\s*$`);
// `:` too: the 2026 tool names an imported entry without an id `<topic>:<index>`.
const ENTRY_ID = /<!--\s*Entry-ID:\s*([A-Za-z0-9_.:-]+)\s*-->/i;

const CHAR_E = 69;
const CHAR_BACKTICK = 96;
const CHAR_TILDE = 126;
const CHAR_SPACE = 32;
const CHAR_TAB = 9;

export interface EntryLine {
  lineStart: number;
  lineEnd: number;
  line: number;
  agent: string;
  timestamp: string;
}

/** Parses a thread file. Never throws: a file with no entries parses to a thread with none. */
export function parseThread(text: string): Thread {
  const headerEnd = headerEndOf(text);
  const header = parseHeader(text.slice(0, headerEnd));
  const marks = findEntryLines(text, headerEnd);
  const entries = marks.map((mark, index) => buildEntry(text, mark, index, marks[index + 1]));
  const preambleEnd = entries[0]?.start ?? text.length;
  const preamble = text.slice(headerEnd, preambleEnd).trim();
  return { header, headerEnd, preamble, entries, text };
}

/** The `Entry:` lines of a thread, without building entries: what `list` needs, fast. */
export function scanEntryLines(text: string): { header: ThreadHeader; marks: EntryLine[] } {
  const headerEnd = headerEndOf(text);
  return { header: parseHeader(text.slice(0, headerEnd)), marks: findEntryLines(text, headerEnd) };
}

/** The bytes of a thread: its header lines as they now stand, then the rest as it was read. */
export function serializeThread(thread: Thread): string {
  return thread.header.lines.join('\n') + thread.text.slice(thread.headerEnd);
}

const HEADER_KEY = /^(status|ball|topic|created|updated|title|priority):/i;

/**
 * Where the header ends: the offset of the blank line after it, of the newline before a first
 * `---`/`Entry:` line (a file written without a header), or the file's length. A `# title` line
 * followed by a blank line and then the header's fields counts as one header, as the Python
 * readers (a regex over the whole file) saw it.
 */
export function headerEndOf(text: string): number {
  let pos = 0;
  let lineNo = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const line = text.slice(pos, end);
    if (line.trim() === '---' || ENTRY_LINE.test(line)) return Math.max(0, pos - 1);
    if (line.trim() === '') {
      const next = nextNonBlank(text, end);
      const titleOnly = lineNo === 1 && text.startsWith('#');
      if (titleOnly && next !== null && HEADER_KEY.test(next.line)) {
        pos = next.start;
        lineNo++;
        continue;
      }
      return Math.max(0, pos - 1);
    }
    pos = end + 1;
    lineNo++;
  }
  return text.endsWith('\n') ? text.length - 1 : text.length;
}

function nextNonBlank(text: string, from: number): { start: number; line: string } | null {
  let pos = from;
  while (pos < text.length) {
    const start = pos + 1;
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    if (line.trim() !== '') return { start, line };
    pos = end;
  }
  return null;
}

/** Reads only what `list` needs from a header (title, status, ball): no entry scan. */
export function parseHeader(headerText: string): ThreadHeader {
  const lines = headerText.split('\n');
  let title: string | null = null;
  const fields = new Map<string, string>();
  for (const line of lines) {
    if (title === null && line.startsWith('#')) {
      title = line.replace(/^#\s*/, '').trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(key)) fields.set(key, line.slice(colon + 1).trim());
  }
  const topic = fields.get('topic') ?? null;
  return {
    lines,
    title: (title ?? topic ?? '').replace(/\s+—\s+Thread$/, ''),
    topic,
    status: fields.get('status') ?? 'OPEN',
    ball: fields.get('ball') ?? '',
    created: fields.get('created') ?? fields.get('updated') ?? null,
  };
}

/** The `Entry:` lines outside fenced code blocks, in file order. */
function findEntryLines(text: string, from: number): EntryLine[] {
  const found: EntryLine[] = [];
  let fence: Fence | null = null;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < from; i = text.indexOf('\n', i + 1)) line++;
  let pos = from;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    let first = pos;
    while (
      first < end &&
      (text.charCodeAt(first) === CHAR_SPACE || text.charCodeAt(first) === CHAR_TAB)
    )
      first++;
    const code = text.charCodeAt(first);
    if (code === CHAR_BACKTICK || code === CHAR_TILDE) {
      fence = stepFence(fence, text.slice(pos, end), line).open;
    } else if (code === CHAR_E && fence === null) {
      const match = ENTRY_LINE.exec(text.slice(pos, end));
      if (match?.[1] !== undefined && match[2] !== undefined) {
        found.push({ lineStart: pos, lineEnd: end, line, agent: match[1], timestamp: match[2] });
      }
    }
    if (end === text.length) break;
    pos = end + 1;
    line++;
  }
  return found;
}

function buildEntry(
  text: string,
  mark: EntryLine,
  index: number,
  next: EntryLine | undefined,
): Entry {
  const start = separatorBefore(text, mark.lineStart);
  const spanEnd = next === undefined ? text.length : separatorBefore(text, next.lineStart);
  const end = trimEndOffset(text, mark.lineEnd, spanEnd);
  const fields = new Map<string, string>();
  let pos = mark.lineEnd + 1;
  // The entry's own header runs to the first blank line.
  while (pos < end) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    const line = text.slice(pos, lineEnd);
    if (line.trim() === '') break;
    const colon = line.indexOf(':');
    if (colon > 0) {
      const key = line.slice(0, colon).trim().toLowerCase();
      if (!fields.has(key)) fields.set(key, line.slice(colon + 1).trim());
    }
    pos = lineEnd + 1;
  }
  const blankEnd = text.indexOf('\n', pos);
  let body = pos < end && blankEnd !== -1 && blankEnd < end ? text.slice(blankEnd + 1, end) : '';
  // The id is the comment that closes the block; an older writer may have put it elsewhere in
  // the span, but a comment quoted inside the body's code must not win over the closing one.
  let entryId: string | null;
  const lastBreak = body.lastIndexOf('\n');
  const closing = ENTRY_ID.exec(body.slice(lastBreak + 1));
  if (closing?.[1] !== undefined) {
    entryId = closing[1];
    body = body.slice(0, Math.max(lastBreak, 0));
  } else {
    entryId = ENTRY_ID.exec(text.slice(mark.lineEnd, end))?.[1] ?? null;
  }
  return {
    index,
    agent: mark.agent,
    timestamp: mark.timestamp,
    role: fields.get('role') ?? null,
    type: fields.get('type') ?? null,
    title: fields.get('title') ?? null,
    body: body.replace(/\s+$/, ''),
    entryId,
    line: mark.line,
    start,
    end,
  };
}

/**
 * Where the block of the `Entry:` line at `lineStart` begins: its `---` line when it has one,
 * also across blank lines (`---`, a blank line, `Entry:`), so no stray `---` ends the body before.
 */
function separatorBefore(text: string, lineStart: number): number {
  let end = lineStart - 1;
  while (end > 0) {
    const prevStart = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(prevStart, end).trim();
    if (line === '---') return prevStart;
    if (line !== '') return lineStart;
    end = prevStart - 1;
  }
  return lineStart;
}

/** Moves `end` back over trailing whitespace so a block ends at its last non-blank character. */
function trimEndOffset(text: string, min: number, end: number): number {
  let i = end;
  while (i > min) {
    const c = text.charCodeAt(i - 1);
    if (c !== 10 && c !== 32 && c !== 9 && c !== 13) break;
    i--;
  }
  return i;
}
