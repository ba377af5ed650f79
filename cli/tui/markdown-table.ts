/**
 * GitHub-flavoured markdown tables as aligned terminal tables: columns fit to the width (each gets
 * a fair share, narrow ones keep their natural width), cells wrap inside their column so a row
 * never breaks mid-row, and `:--`/`:-:`/`--:` align. When even a few columns per cell do not fit,
 * the table keeps readable columns and is wider than the screen: it then moves sideways (←→).
 */
import { type Line, type Segment, lineWidth, textWidth, wrapLine } from './text.js';

type Align = 'left' | 'center' | 'right';

const DELIMITER_CELL = /^\s*(:?)-+(:?)\s*$/;
const GAP = ' │ ';
/** Below this a column is not worth wrapping into: the table goes sideways instead. */
const MIN_COLUMN = 6;
/** Words up to this long are kept whole in a cell when the table has room for it. */
const LONG_WORD = 16;

function longestWord(cells: Segment[][]): number {
  let most = 0;
  for (const cell of cells)
    for (const s of cell)
      for (const word of s.text.split(/\s+/)) most = Math.max(most, textWidth(word));
  return most;
}

/** Cells of one table row: outer pipes optional, `\|` and pipes inside `code` do not split. */
export function tableCells(raw: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let code = 0;
  const text = raw.trim();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '\\' && text[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (ch === '`') {
      code = code === 0 ? 1 : 0;
      cell += ch;
    } else if (ch === '|' && code === 0) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  if (text.startsWith('|')) cells.shift();
  if (text.endsWith('|') && !text.endsWith('\\|')) cells.pop();
  return cells.map((c) => c.trim());
}

/** Column alignments when `raw` is a delimiter row (`| --- | :-: |`), else null. */
export function delimiterRow(raw: string): Align[] | null {
  if (!raw.includes('-') || (!raw.includes('|') && !raw.includes(':'))) return null;
  const aligns: Align[] = [];
  for (const cell of tableCells(raw)) {
    const m = DELIMITER_CELL.exec(cell);
    if (m === null) return null;
    aligns.push(m[1] && m[2] ? 'center' : m[2] ? 'right' : 'left');
  }
  return aligns.length > 0 ? aligns : null;
}

/** Widths per column: natural when the table fits, else a fair share each (water-filling). */
function columnWidths(natural: number[], least: number[], room: number): number[] {
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= room) return natural;
  const widths = [...natural];
  let left = room;
  const order = natural.map((_, i) => i).sort((a, b) => (natural[a] ?? 0) - (natural[b] ?? 0));
  order.forEach((col, k) => {
    const share = Math.floor(left / (order.length - k));
    const w = Math.max(least[col] ?? 1, Math.min(natural[col] ?? 1, share));
    widths[col] = w;
    left = Math.max(0, left - w);
  });
  return widths;
}

function pad(line: Line, width: number, align: Align): Line {
  const space = Math.max(0, width - lineWidth(line));
  const before = align === 'right' ? space : align === 'center' ? Math.floor(space / 2) : 0;
  return [{ text: ' '.repeat(before) }, ...line, { text: ' '.repeat(space - before) }];
}

/**
 * Renders header + rows (cells as inline segments) in `width` columns. Every segment moves
 * sideways, so a table wider than the screen scrolls as one block.
 */
export function renderTable(
  header: Segment[][],
  rows: Segment[][][],
  aligns: Align[],
  width: number,
): Line[] {
  const columns = header.length;
  const all = [header, ...rows.map((r) => Array.from({ length: columns }, (_, i) => r[i] ?? []))];
  const natural = Array.from({ length: columns }, (_, c) =>
    Math.max(1, ...all.map((r) => lineWidth(r[c] ?? []))),
  );
  const room = width - GAP.length * (columns - 1);
  // A column never gets narrower than its longest URL (never split); if the table can keep its
  // words whole (up to a long word's worth) it does, else a few columns of text each.
  const floor = (most: (c: number) => number) =>
    Array.from({ length: columns }, (_, c) =>
      Math.max(
        Math.min(natural[c] ?? 1, most(c)),
        ...all.flatMap((r) => (r[c] ?? []).filter((s) => s.link).map((s) => textWidth(s.text))),
      ),
    );
  const wholeWords = floor((c) => Math.min(LONG_WORD, longestWord(all.map((r) => r[c] ?? []))));
  const least =
    wholeWords.reduce((a, b) => a + b, 0) <= room ? wholeWords : floor(() => MIN_COLUMN);
  const widths = columnWidths(natural, least, room);
  const out: Line[] = [];
  const emit = (cells: Segment[][], bold: boolean) => {
    const wrapped = cells.map((cell, c) =>
      wrapLine(
        cell.map((s) => (bold ? { ...s, bold: true } : s)),
        widths[c] ?? 1,
      ),
    );
    const height = Math.max(1, ...wrapped.map((w) => w.length));
    for (let row = 0; row < height; row++) {
      const line: Line = [];
      wrapped.forEach((w, c) => {
        if (c > 0) line.push({ text: GAP, dim: true });
        line.push(...pad(w[row] ?? [], widths[c] ?? 1, aligns[c] ?? 'left'));
      });
      out.push(line.filter((s) => s.text !== '').map((s) => ({ ...s, sideways: 0 })));
    }
  };
  const [head, ...body] = all;
  emit(head ?? [], true);
  out.push([{ text: widths.map((w) => '─'.repeat(w)).join('─┼─'), dim: true, sideways: 0 }]);
  for (const row of body) emit(row, false);
  return out;
}
