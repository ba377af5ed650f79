/**
 * The bottom rows: a status line (what just happened: sent, pending, failed, live errors), wrapped
 * so an error can be read whole (up to a third of the screen, never fewer than three rows), and
 * the key hints of the current screen.
 * When the hints do not fit, the least needed go first; `? help` and the way back always stay.
 */
import { Box, Text } from 'ink';
import { useTone } from './theme.js';
import { textWidth, truncate, wrapLine } from './text.js';

export type Screen =
  | 'list'
  | 'search'
  | 'thread'
  | 'found'
  | 'find'
  | 'compose'
  | 'help'
  | 'handoff'
  | 'status'
  | 'ack';

type Hint = readonly [keys: string, what: string];
const HELP: Hint = ['?', 'help'];

/** Hints in the order shown; the last ones are dropped first, the first two never. */
const HINTS: Record<Screen, readonly Hint[]> = {
  list: [
    HELP,
    ['q', 'quit'],
    ['⏎', 'open'],
    ['/', 'search'],
    ['f', 'filter'],
    ['N', 'new'],
    ['M', 'all read'],
    ['o', 'sort'],
    ['↑↓', 'move'],
  ],
  search: [
    ['⏎', 'search bodies'],
    ['Esc', 'clear'],
    ['↑↓', 'move'],
  ],
  thread: [
    HELP,
    ['q', 'back'],
    ['r', 'reply'],
    ['h', 'hand off'],
    ['a', 'ack'],
    ['s', 'status'],
    ['/', 'find'],
    ['n/p', 'entry'],
    ['space/b', 'page'],
  ],
  found: [HELP, ['Esc', 'clear find'], ['n/N', 'next/prev match'], ['r', 'reply'], ['q', 'back']],
  find: [
    ['⏎', 'find'],
    ['Esc', 'cancel'],
  ],
  compose: [
    ['Ctrl+S', 'send'],
    ['Esc', 'back (draft kept)'],
    ['Tab', 'next field'],
    ['Ctrl+G', '$EDITOR'],
    ['Ctrl+X', 'discard'],
    ['←→', 'choose'],
  ],
  help: [
    ['q/Esc/?', 'close'],
    ['↑↓ space b', 'scroll'],
  ],
  handoff: [
    ['⏎', 'hand off'],
    ['Esc', 'cancel'],
    ['↑↓', 'pick'],
    ['Tab', 'note'],
  ],
  status: [
    ['⏎', 'set'],
    ['Esc', 'cancel'],
    ['↑↓', 'choose'],
  ],
  ack: [
    ['y', 'ack'],
    ['n/Esc', 'cancel'],
  ],
};

function hintLine(screen: Screen, width: number): string {
  const hints = [...HINTS[screen]];
  const text = () => ` ${hints.map(([k, w]) => `${k} ${w}`).join('  ')}`;
  while (textWidth(text()) > width && hints.length > 2) hints.pop();
  return truncate(text(), width);
}

export type NoticeKind = 'info' | 'busy' | 'ok' | 'pending' | 'error';
export interface Notice {
  kind: NoticeKind;
  text: string;
}

/** Rows a notice may take on a terminal `height` rows high. */
const maxNoticeRows = (height: number) => Math.max(3, Math.floor(height / 3));

function noticeRows(notice: Notice | null, width: number, height: number): string[] {
  if (notice === null || notice.text === '') return [' '];
  const rows = wrapLine([{ text: notice.text }], width).map((l) => l.map((s) => s.text).join(''));
  const max = maxNoticeRows(height);
  if (rows.length <= max) return rows;
  return [...rows.slice(0, max - 1), truncate(rows.slice(max - 1).join(' '), width)];
}

export function Footer({
  screen,
  notice,
  width,
  height,
}: {
  screen: Screen;
  notice: Notice | null;
  width: number;
  /** The terminal's height: a long notice may take a third of it. */
  height: number;
}) {
  const tone = useTone();
  const color =
    notice === null
      ? undefined
      : tone(
          notice.kind === 'error'
            ? 'bad'
            : notice.kind === 'pending'
              ? 'warn'
              : notice.kind === 'ok'
                ? 'good'
                : 'muted',
        );
  return (
    <Box flexDirection="column">
      {noticeRows(notice, width, height).map((row, i) => (
        <Text
          key={i}
          color={color}
          bold={notice !== null && notice.kind !== 'info'}
          wrap="truncate-end"
        >
          {row}
        </Text>
      ))}
      <Text inverse wrap="truncate-end">
        {hintLine(screen, width).padEnd(width)}
      </Text>
    </Box>
  );
}

/** Rows the footer takes for this notice (the hints included). */
Footer.rowsFor = (notice: Notice | null, width: number, height: number): number =>
  noticeRows(notice, width, height).length + 1;
