/**
 * Search inside a thread: every occurrence of the query in the laid-out rows, in reading order,
 * with where it sits sideways (so a hit in a long code line can be scrolled into view).
 */
import { overflow, splitMoving } from './sideways.js';
import { type Line, lineText, lineWidth, occurrences, textWidth } from './text.js';

export interface Match {
  row: number;
  /** Offset of the hit in the row's text. */
  start: number;
}

/** Where a hit sits sideways: worked out only for the hit being shown, not for every hit. */
export interface Place {
  /** Column of the hit within the row's sideways part; null when the row does not move. */
  side: number | null;
  /** Columns of the row that stay put (indent, code gutter). */
  pinned: number;
  /** The most this row moves sideways in the view's width (its block's overflow). */
  limit: number;
}

export function placeOf(line: Line, start: number, width: number): Place {
  const parts = splitMoving(line);
  if (parts === null) return { side: null, pinned: 0, limit: 0 };
  const pinned = lineWidth(parts.pinned);
  const side = textWidth(lineText(line).slice(0, start)) - pinned;
  return { side, pinned, limit: overflow(line, width) };
}

/** A thread's rows as one text (rows joined by newlines) and where each row starts in it. */
interface Joined {
  text: string;
  starts: number[];
}

// Layouts are memoised by the view, so their rows are joined once, not on every key typed.
const joinedRows = new WeakMap<readonly Line[], Joined>();

function joinRows(lines: readonly Line[]): Joined {
  const known = joinedRows.get(lines);
  if (known !== undefined) return known;
  const texts = lines.map(lineText);
  const starts: number[] = [];
  let at = 0;
  for (const t of texts) {
    starts.push(at);
    at += t.length + 1;
  }
  const joined = { text: texts.join('\n'), starts };
  joinedRows.set(lines, joined);
  return joined;
}

/**
 * Every occurrence of `query` in the rows, in reading order. One pass of one regex over the
 * joined text (a query has no newline, so no hit spans two rows): fast on thousands of entries.
 */
export function findMatches(lines: readonly Line[], query: string): Match[] {
  const out: Match[] = [];
  if (query === '') return out;
  const { text, starts } = joinRows(lines);
  let row = 0;
  for (const offset of occurrences(text, query)) {
    while (row + 1 < starts.length && (starts[row + 1] ?? 0) <= offset) row++;
    out.push({ row, start: offset - (starts[row] ?? 0) });
  }
  return out;
}

/**
 * What the position row says about a search: "2 of 5 · n / N" once a hit is current, "5 matches"
 * while the query is being typed (n and N are letters then), "no match".
 */
export function matchLabel(count: number, hit: number | undefined): string {
  if (count === 0) return 'no match';
  if (hit === undefined) return `${count} ${count === 1 ? 'match' : 'matches'}`;
  return `${hit + 1} of ${count} · n / N`;
}
