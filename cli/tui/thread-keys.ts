/**
 * The thread view's keys as one function of (state, key): reading (scroll, entries, ←→ sideways
 * for code and wide tables, search inside the thread) and the in-place actions (ack, hand off,
 * set status). Letters never match with Ctrl or Alt held: Ctrl+S, Ctrl+R and Ctrl+A (a tmux
 * prefix) are not s, r and a. Sideways is on the arrows only: `h` is hand off, and vi's `l`
 * without `h` would be half a pair.
 */
import type { Key } from 'ink';
import type { AgentRegistry, HandoffTarget } from '../../core/index.js';
import { STATUSES } from '../../core/index.js';
import { editKey, emptyEditor } from './editor.js';
import { handoffKey, openHandoff } from './HandoffForm.js';
import { type Match, placeOf } from './thread-find.js';
import type { ThreadLayout } from './thread-lines.js';
import type { ViewMode } from './ThreadView.js';

export interface ThreadKeyContext {
  mode: ViewMode;
  setMode: (m: ViewMode) => void;
  top: number;
  rows: number;
  maxTop: number;
  scrollTo: (t: number) => void;
  /** Columns scrolled sideways, and how far that can go. */
  left: number;
  maxLeft: number;
  width: number;
  setLeft: (l: number) => void;
  layout: ThreadLayout;
  /** Every occurrence of a search, in reading order. */
  matchesOf: (query: string) => readonly Match[];
  status: string;
  targets: readonly HandoffTarget[];
  registry: AgentRegistry | undefined;
  busy: boolean;
  on: {
    back: () => void;
    help: () => void;
    reply: () => void;
    ack: () => void;
    handoff: (to: string, note: string) => void;
    setStatus: (status: string) => void;
  };
}

export function threadKey(c: ThreadKeyContext, input: string, key: Key): void {
  const plain = key.ctrl || key.meta ? '' : input;
  const m = c.mode;
  if (m.kind === 'ack') {
    c.setMode({ kind: 'read', find: null });
    if (plain === 'y' || plain === 'Y' || key.return) c.on.ack();
    return;
  }
  if (m.kind === 'status') return statusKey(c, m.at, plain, key);
  if (m.kind === 'handoff') {
    const step = handoffKey(m, c.targets, c.registry, input, key);
    if (!('send' in step)) return c.setMode(step.mode ?? { kind: 'read', find: null });
    c.setMode({ kind: 'read', find: null });
    return c.on.handoff(step.send.to, step.send.note);
  }
  if (m.kind === 'find') {
    if (key.escape) return c.setMode({ kind: 'read', find: null });
    if (key.return) {
      const find = m.query.value.trim();
      if (find === '') return c.setMode({ kind: 'read', find: null });
      const all = c.matchesOf(find);
      const hit = nearest(all, c.top, true);
      c.setMode({ kind: 'read', find, hit: all.length > 0 ? hit : undefined });
      return reveal(c, all[hit]);
    }
    const next = editKey(m.query, input, key, false);
    if (next !== null) c.setMode({ ...m, query: next });
    return;
  }
  readKey(c, m, input, key);
}

/** With no current hit (the thread changed under it): the first below the top, or above it. */
function nearest(all: readonly Match[], top: number, down: boolean): number {
  const i = down ? all.findIndex((x) => x.row >= top) : all.findLastIndex((x) => x.row < top);
  return i !== -1 ? i : down ? 0 : all.length - 1;
}

/** Brings a search hit into view: scrolled to when off screen, and sideways when cut off. */
function reveal(c: ThreadKeyContext, match: Match | undefined) {
  if (match === undefined) return;
  if (match.row < c.top || match.row >= c.top + c.rows) c.scrollTo(match.row);
  const { side, pinned, limit } = placeOf(c.layout.lines[match.row] ?? [], match.start, c.width);
  if (side === null) return;
  // Where this row's block is now (a block moves at most until its widest line shows), and two
  // columns short of the edges, which may hold the "more" marks.
  const shift = Math.min(c.left, limit);
  if (side <= shift || side >= shift + c.width - pinned - 2) {
    c.setLeft(Math.min(limit, Math.max(0, side - 4)));
  }
}

function statusKey(c: ThreadKeyContext, at: number, plain: string, key: Key) {
  if (key.escape || plain === 'q') c.setMode({ kind: 'read', find: null });
  else if (key.upArrow || plain === 'k') c.setMode({ kind: 'status', at: Math.max(0, at - 1) });
  else if (key.downArrow || plain === 'j')
    c.setMode({ kind: 'status', at: Math.min(STATUSES.length - 1, at + 1) });
  else if (key.return) {
    c.setMode({ kind: 'read', find: null });
    c.on.setStatus(STATUSES[at] ?? 'OPEN');
  }
}

function readKey(
  c: ThreadKeyContext,
  m: Extract<ViewMode, { kind: 'read' }>,
  input: string,
  key: Key,
) {
  const { find } = m;
  const plain = key.ctrl || key.meta ? '' : input;
  const { top: t, rows, layout } = c;
  const startOf = (i: number) => layout.entryStarts[i] ?? 0;
  const entryAt = (row: number) => {
    let i = 0;
    while (i + 1 < layout.entryStarts.length && startOf(i + 1) <= row) i++;
    return i;
  };
  if (key.escape && find !== null) return c.setMode({ kind: 'read', find: null });
  if (key.escape || plain === 'q') return c.on.back();
  if (plain === '?') return c.on.help();
  if (plain === '/') return c.setMode({ kind: 'find', query: emptyEditor(find ?? '') });
  if (key.upArrow || plain === 'k') return c.scrollTo(t - 1);
  if (key.downArrow || plain === 'j') return c.scrollTo(t + 1);
  if (key.pageDown || plain === ' ' || (key.ctrl && input === 'f')) return c.scrollTo(t + rows - 1);
  if (key.pageUp || plain === 'b' || (key.ctrl && input === 'b')) return c.scrollTo(t - (rows - 1));
  // A quarter of the screen per press: big steps through a long line, enough context kept.
  const step = Math.max(4, Math.floor(c.width / 4));
  if (key.leftArrow) return c.setLeft(Math.max(0, c.left - step));
  if (key.rightArrow) return c.setLeft(Math.min(c.maxLeft, c.left + step));
  if (key.home || plain === 'g') return c.scrollTo(0);
  if (key.end || plain === 'G') return c.scrollTo(c.maxTop);
  if (find !== null && (plain === 'n' || plain === 'N')) {
    const all = c.matchesOf(find);
    if (all.length === 0) return;
    const hit =
      m.hit !== undefined
        ? (Math.min(m.hit, all.length - 1) + (plain === 'n' ? 1 : all.length - 1)) % all.length
        : nearest(all, t, plain === 'n');
    c.setMode({ kind: 'read', find, hit });
    return reveal(c, all[hit]);
  }
  if (plain === 'n') {
    const i = entryAt(t);
    return c.scrollTo(
      startOf(Math.min(layout.entryStarts.length - 1, startOf(i) <= t ? i + 1 : i)),
    );
  }
  if (plain === 'p') {
    const i = entryAt(t);
    return c.scrollTo(startOf(Math.max(0, startOf(i) >= t ? i - 1 : i)));
  }
  if (c.busy) return;
  if (plain === 'r') return c.on.reply();
  if (plain === 'a') return c.setMode({ kind: 'ack' });
  if (plain === 'h') return c.setMode(openHandoff());
  if (plain === 's') {
    const current = STATUSES.findIndex((x) => x === c.status.toUpperCase());
    return c.setMode({ kind: 'status', at: Math.max(0, current) });
  }
}
