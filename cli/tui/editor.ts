/**
 * A small text editor as a pure function of (state, key): the composer's title and body, and the
 * one-line prompts, share it. Readline keys (Ctrl+A/E/U/K/W) work as in a shell.
 */
import type { Key } from 'ink';
import { type Line, textWidth } from './text.js';

export interface EditorState {
  value: string;
  /** Offset in `value` (UTF-16 units, always on a code point boundary). */
  cursor: number;
}

export const emptyEditor = (value = ''): EditorState => ({ value, cursor: value.length });

const lineStart = (v: string, at: number) => v.lastIndexOf('\n', at - 1) + 1;
const lineEnd = (v: string, at: number) => {
  const i = v.indexOf('\n', at);
  return i === -1 ? v.length : i;
};
const prevCp = (v: string, at: number) =>
  at >= 2 && /[\uDC00-\uDFFF]/.test(v[at - 1] ?? '') ? at - 2 : Math.max(0, at - 1);
const nextCp = (v: string, at: number) =>
  /[\uD800-\uDBFF]/.test(v[at] ?? '') ? at + 2 : Math.min(v.length, at + 1);

const isControl = (cp: number) => cp < 0x20 || cp === 0x7f;

/** Applies one key press; returns null when the key is not an editing key (the caller may use it). */
export function editKey(
  state: EditorState,
  input: string,
  key: Key,
  multiline: boolean,
): EditorState | null {
  const { value: v, cursor: c } = state;
  const set = (value: string, cursor: number): EditorState => ({ value, cursor });
  if (key.ctrl) {
    switch (input) {
      case 'a':
        return set(v, lineStart(v, c));
      case 'e':
        return set(v, lineEnd(v, c));
      case 'u':
        return set(v.slice(0, lineStart(v, c)) + v.slice(c), lineStart(v, c));
      case 'k':
        return set(v.slice(0, c) + v.slice(lineEnd(v, c)), c);
      case 'w': {
        const before = v.slice(0, c).replace(/\S+\s*$/, '');
        return set(before + v.slice(c), before.length);
      }
      default:
        return null;
    }
  }
  if (key.backspace || key.delete) {
    if (c === 0) return state;
    const at = prevCp(v, c);
    return set(v.slice(0, at) + v.slice(c), at);
  }
  if (key.leftArrow) return set(v, prevCp(v, c));
  if (key.rightArrow) return set(v, nextCp(v, c));
  if (key.home) return set(v, lineStart(v, c));
  if (key.end) return set(v, lineEnd(v, c));
  if (multiline && (key.upArrow || key.downArrow)) {
    const start = lineStart(v, c);
    const column = c - start;
    if (key.upArrow) {
      if (start === 0) return set(v, 0);
      const prevStart = lineStart(v, start - 1);
      return set(v, Math.min(prevStart + column, start - 1));
    }
    const end = lineEnd(v, c);
    if (end === v.length) return set(v, v.length);
    const nextEnd = lineEnd(v, end + 1);
    return set(v, Math.min(end + 1 + column, nextEnd));
  }
  if (key.return) {
    if (!multiline) return null;
    return set(v.slice(0, c) + '\n' + v.slice(c), c + 1);
  }
  if (
    key.upArrow ||
    key.downArrow ||
    key.tab ||
    key.escape ||
    key.pageUp ||
    key.pageDown ||
    key.meta
  )
    return null;
  if (input === '') return null;
  // Pasted text arrives as one chunk; terminals send CR for newlines.
  let text = input.replace(/\r\n?/g, '\n');
  if (!multiline) text = text.replace(/\n/g, ' ');
  text = Array.from(text)
    .filter((ch) => ch === '\n' || ch === '\t' || !isControl(ch.codePointAt(0) ?? 0))
    .join('');
  if (text === '') return null;
  return set(v.slice(0, c) + text + v.slice(c), c + text.length);
}

/**
 * The editor's rows at `width` columns (hard-wrapped), with the cursor drawn as an inverse cell,
 * and the row the cursor is on.
 */
export function editorRows(
  state: EditorState,
  width: number,
  showCursor: boolean,
): { rows: Line[]; cursorRow: number } {
  const max = Math.max(2, width);
  const rows: Line[] = [];
  let cursorRow = 0;
  let offset = 0;
  for (const logical of state.value.split('\n')) {
    let row = '';
    let used = 0;
    let cursorCol = -1;
    const flush = () => {
      rows.push(withCursor(row, cursorCol));
      row = '';
      used = 0;
      cursorCol = -1;
    };
    const chars = Array.from(logical);
    for (const ch of chars) {
      const w = textWidth(ch);
      if (used + w > max - 1) flush();
      if (showCursor && offset === state.cursor) {
        cursorCol = row.length;
        cursorRow = rows.length;
      }
      row += ch;
      used += w;
      offset += ch.length;
    }
    if (showCursor && offset === state.cursor) {
      cursorCol = row.length;
      cursorRow = rows.length;
    }
    flush();
    offset += 1; // the newline
  }
  return { rows, cursorRow };
}

function withCursor(row: string, col: number): Line {
  if (col < 0) return [{ text: row }];
  const cp = row.codePointAt(col);
  const ch = cp === undefined ? ' ' : String.fromCodePoint(cp);
  const after = col + (cp === undefined ? 0 : ch.length);
  return [
    { text: row.slice(0, col) },
    { text: ch, inverse: true },
    { text: row.slice(after) },
  ].filter((s) => s.text !== '');
}
