/**
 * Sideways scrolling of what cannot wrap (code lines, wide tables, URLs longer than a line): the
 * segments marked `sideways` move by the columns the reader scrolled, the ones before them (body
 * indent, code gutter) stay put, and a block of such lines moves as one.
 */
import { type Line, lineWidth, textWidth } from './text.js';

const firstMoving = (line: Line) => line.findIndex((s) => s.sideways !== undefined);

/** The line's part that moves sideways, and the columns before it that stay put. */
export function splitMoving(line: Line): { pinned: Line; moving: Line } | null {
  const first = firstMoving(line);
  return first === -1 ? null : { pinned: line.slice(0, first), moving: line.slice(first) };
}

/**
 * Gives each run of consecutive lines that move sideways (a code block, a table) the width of
 * its widest moving part: such a run moves as one block.
 */
export function joinBlocks(lines: Line[]): Line[] {
  const out = [...lines];
  for (let start = 0; start < out.length;) {
    let end = start;
    let widest = 0;
    for (; end < out.length; end++) {
      const parts = splitMoving(out[end] ?? []);
      if (parts === null) break;
      widest = Math.max(widest, lineWidth(parts.moving));
    }
    for (let i = start; i < end; i++) {
      out[i] = (out[i] ?? []).map((s) =>
        s.sideways === undefined ? s : { ...s, sideways: widest },
      );
    }
    start = end + 1;
  }
  return out;
}

/** Columns by which a line's block overflows `width` (0 when it fits or does not move). */
export function overflow(line: Line, width: number): number {
  const parts = splitMoving(line);
  if (parts === null) return 0;
  const block = Math.max(parts.moving[0]?.sideways ?? 0, lineWidth(parts.moving));
  return Math.max(0, lineWidth(parts.pinned) + block - width);
}

/**
 * The part of a line a reader scrolled `left` columns sideways sees, in `width` columns: the
 * segments before the first moving one stay put, the rest moves, at most until the widest line
 * of its block is in view. `‹` and `›` (dim) stand in the first or last column when there is
 * more to that side.
 */
export function sideways(line: Line, left: number, width: number): Line {
  const parts = splitMoving(line);
  if (parts === null) return line;
  const { pinned, moving } = parts;
  const shift = Math.min(left, overflow(line, width));
  const room = Math.max(1, width - lineWidth(pinned));
  const total = lineWidth(moving);
  const cutLeft = shift > 0 && total > 0;
  const cutRight = total > shift + room;
  if (!cutLeft && !cutRight) return line;
  const from = shift + (cutLeft ? 1 : 0);
  const to = shift + room - (cutRight ? 1 : 0);
  return [
    ...pinned,
    ...(cutLeft ? [{ text: '‹', dim: true }] : []),
    ...sliceColumns(moving, from, to),
    ...(cutRight ? [{ text: '›', dim: true }] : []),
  ];
}

/** Columns [from, to) of a line; a wide character cut in half becomes spaces. */
function sliceColumns(line: Line, from: number, to: number): Line {
  const out: Line = [];
  let col = 0;
  for (const seg of line) {
    let text = '';
    for (const ch of seg.text) {
      const w = textWidth(ch);
      if (col >= from && col + w <= to) text += ch;
      else if (col < to && col + w > from)
        text += ' '.repeat(Math.min(col + w, to) - Math.max(col, from));
      col += w;
      if (col >= to) break;
    }
    if (text !== '') out.push({ ...seg, text });
    if (col >= to) break;
  }
  return out;
}
