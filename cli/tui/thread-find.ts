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
  /** Column of the hit within the row's sideways part; null when the row does not move. */
  side: number | null;
  /** Columns of the row that stay put (indent, code gutter). */
  pinned: number;
  /** The most this row moves sideways in the view's width (its block's overflow). */
  limit: number;
}

export function findMatches(lines: readonly Line[], query: string, width: number): Match[] {
  const out: Match[] = [];
  if (query === '') return out;
  lines.forEach((line, row) => {
    const text = lineText(line);
    const starts = occurrences(text, query);
    if (starts.length === 0) return;
    const parts = splitMoving(line);
    const pinned = parts === null ? 0 : lineWidth(parts.pinned);
    const limit = overflow(line, width);
    for (const start of starts) {
      out.push({
        row,
        start,
        side: parts === null ? null : textWidth(text.slice(0, start)) - pinned,
        pinned,
        limit,
      });
    }
  });
  return out;
}

/** "2 of 5 · n / N", "1 match", "no match": what the position row says about a search. */
export function matchLabel(count: number, hit: number | undefined): string {
  if (count === 0) return 'no match';
  if (hit === undefined) return `${count} ${count === 1 ? 'match' : 'matches'} · n / N`;
  return `${hit + 1} of ${count} · n / N`;
}
