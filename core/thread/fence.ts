/** An open fenced code block: its character, its length and the line that opened it. */
export interface Fence {
  char: string;
  len: number;
  line: number;
}

const FENCE_LINE = /^\s*(`{3,}|~{3,})(.*)$/;

/**
 * Steps CommonMark fence tracking over one line, for every reader and checker of thread text:
 * a fence closes only on the same character with at least the opener's length and nothing after
 * it; a backtick opener whose info string holds a backtick is inline code, not a fence.
 * Returns the fence open after this line, and whether the line itself was a fence line.
 */
export function stepFence(
  open: Fence | null,
  line: string,
  lineNo: number,
): { open: Fence | null; isFence: boolean } {
  const match = FENCE_LINE.exec(line);
  if (match?.[1] === undefined) return { open, isFence: false };
  const run = match[1];
  const rest = match[2] ?? '';
  const char = run[0] ?? '`';
  if (open === null) {
    if (char === '`' && rest.includes('`')) return { open, isFence: false };
    return { open: { char, len: run.length, line: lineNo }, isFence: true };
  }
  if (char === open.char && run.length >= open.len && rest.trim() === '')
    return { open: null, isFence: true };
  return { open, isFence: true };
}
