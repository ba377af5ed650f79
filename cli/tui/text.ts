/**
 * Styled terminal lines, their display width and wrapping. The thread view windows its content by
 * line, so wrapping is done here (not by ink) to know how many rows each entry takes.
 */

export type Tone = 'accent' | 'muted' | 'code' | 'heading' | 'good' | 'warn' | 'bad' | 'mine';

export interface Segment {
  text: string;
  bold?: boolean;
  italic?: boolean;
  dim?: boolean;
  inverse?: boolean;
  underline?: boolean;
  tone?: Tone;
  /** A URL: drawn as an OSC 8 hyperlink where colour is on; never split when wrapping. */
  link?: string;
  /**
   * Set on what moves sideways with ←→ (code, tables, a URL wider than the screen): content that
   * cannot be wrapped without losing its shape. Segments before the first such one stay put. The
   * number is the widest moving part of its block (`joinBlocks`; 0: the line's own), so a block
   * moves as one and stops when its widest line is in view, and a block that fits never moves.
   */
  sideways?: number;
}

export type Line = Segment[];

// East Asian wide and fullwidth ranges, plus the common emoji planes: two columns each.
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x300) return 1; // Latin: the common case, before the range scan below
  if (cp <= 0x36f) return 0; // combining marks
  if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0; // ZWJ, variation selectors
  for (const [lo, hi] of WIDE) if (cp >= lo && cp <= hi) return 2;
  return 1;
}

/** Columns a string takes in a terminal (no ANSI codes expected). */
export function textWidth(text: string): number {
  // Printable ASCII is one column a character: most text, measured without a per-char walk.
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0) ?? 0);
  return w;
}

/** Cuts a string to at most `width` columns, with an ellipsis when it had to cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0) ?? 0);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

/** Pads (or truncates) to exactly `width` columns. */
function fit(text: string, width: number): string {
  const t = truncate(text, width);
  return t + ' '.repeat(Math.max(0, width - textWidth(t)));
}

export function lineWidth(line: Line): number {
  return line.reduce((w, s) => w + textWidth(s.text), 0);
}

/** Plain text of a line (tests and search). */
export function lineText(line: Line): string {
  return line.map((s) => s.text).join('');
}

/**
 * Wraps a styled line at word boundaries to `width` columns; continuation lines start with
 * `indent` (a hanging indent for list items). Words longer than a line are split.
 */
export function wrapLine(line: Line, width: number, indent = ''): Line[] {
  const max = Math.max(1, width);
  if (lineWidth(line) <= max) return [line];
  // Split into tokens (runs of spaces or of non-spaces) that keep their segment's style.
  const tokens: Segment[] = [];
  for (const seg of line) {
    for (const part of seg.text.match(/\s+|\S+/g) ?? []) tokens.push({ ...seg, text: part });
  }
  const out: Line[] = [];
  let current: Line = [];
  let used = 0;
  const indentWidth = textWidth(indent);
  const newLine = () => {
    out.push(current);
    current = indent === '' ? [] : [{ text: indent }];
    used = indentWidth;
  };
  for (const token of tokens) {
    const w = textWidth(token.text);
    const isSpace = token.text.trim() === '';
    if (used + w <= max) {
      current.push(token);
      used += w;
      continue;
    }
    if (isSpace) {
      newLine();
      continue;
    }
    if (w <= max - indentWidth) {
      newLine();
      current.push(token);
      used += w;
      continue;
    }
    if (token.link !== undefined) {
      // A URL is never split (a terminal could not open its halves): it gets a line of its own
      // and moves sideways when even that is too narrow.
      if (used > indentWidth) newLine();
      current.push({ ...token, sideways: 0 });
      used += w;
      continue;
    }
    // A word longer than a line: split it by characters.
    for (const ch of token.text) {
      const cw = textWidth(ch);
      if (used + cw > max) newLine();
      current.push({ ...token, text: ch });
      used += cw;
    }
  }
  if (current.length > 0) out.push(current);
  return out.map(mergeSegments);
}

/** Joins neighbouring segments of the same style (fewer ink nodes per line). */
function mergeSegments(line: Line): Line {
  const out: Line = [];
  for (const seg of line) {
    const prev = out[out.length - 1];
    if (prev !== undefined && sameStyle(prev, seg)) prev.text += seg.text;
    else out.push({ ...seg });
  }
  return out;
}

function sameStyle(a: Segment, b: Segment): boolean {
  return (
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.dim === b.dim &&
    a.inverse === b.inverse &&
    a.underline === b.underline &&
    a.tone === b.tone &&
    a.link === b.link &&
    a.sideways === b.sideways
  );
}

/** A table cell: the text cut to leave one blank column before the next cell. */
export function cell(text: string, width: number): string {
  return fit(text, Math.max(0, width - 1)) + (width > 0 ? ' ' : '');
}

/** Where `query` occurs in `text` (case-insensitive), as string offsets. */
export function occurrences(text: string, query: string): number[] {
  if (query === '') return [];
  // A regex with the `i` flag keeps offsets of the original text (toLowerCase may not).
  const re = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  return [...text.matchAll(re)].map((m) => m.index);
}

/**
 * The line with every occurrence of `query` drawn inverse (search hits); the one starting at
 * offset `current` also bold and underlined, so it stands out without colour too.
 */
export function highlight(line: Line, query: string, current: number | null = null): Line {
  const starts = occurrences(lineText(line), query);
  if (starts.length === 0) return line;
  const out: Line = [];
  let at = 0;
  let hit = 0;
  for (const seg of line) {
    const end = at + seg.text.length;
    let from = at;
    while (from < end) {
      // Skip hits that ended before this point.
      while (hit < starts.length && (starts[hit] ?? 0) + query.length <= from) hit++;
      const start = starts[hit];
      const inHit = start !== undefined && start <= from;
      const to = inHit ? Math.min(end, start + query.length) : Math.min(end, start ?? end);
      const text = seg.text.slice(from - at, to - at);
      if (!inHit) out.push({ ...seg, text });
      else if (start === current)
        out.push({ ...seg, text, inverse: true, bold: true, underline: true });
      else out.push({ ...seg, text, inverse: true });
      from = to;
    }
    at = end;
  }
  return out;
}
