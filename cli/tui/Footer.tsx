/**
 * The two bottom rows: a status line (what just happened: sent, pending, failed, live errors) and
 * the key hints of the current screen, cut to the terminal's width.
 */
import { Box, Text } from 'ink';
import { useTone } from './theme.js';
import { truncate } from './text.js';

export type Screen =
  'list' | 'search' | 'thread' | 'compose' | 'help' | 'handoff' | 'status' | 'ack';

const HINTS: Record<Screen, string> = {
  list: '↑↓ move  ⏎ open  / search  f filter  o sort  M all read  ? help  q quit',
  search: 'type to filter  ⏎ search bodies  ↑↓ move  Esc clear',
  thread:
    '↑↓ scroll  space/b page  n/p entry  r reply  a ack  h hand off  s status  ? help  q back',
  compose: 'Tab next field  ←→ choose  Ctrl+S send  Esc cancel',
  help: 'q / Esc / ? close',
  handoff: 'Tab switch field  ⏎ hand off  Esc cancel',
  status: '↑↓ choose  ⏎ set  Esc cancel',
  ack: 'y ack  n / Esc cancel',
};

export type NoticeKind = 'info' | 'busy' | 'ok' | 'pending' | 'error';
export interface Notice {
  kind: NoticeKind;
  text: string;
}

export function Footer({
  screen,
  notice,
  width,
}: {
  screen: Screen;
  notice: Notice | null;
  width: number;
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
      <Text color={color} bold={notice !== null && notice.kind !== 'info'} wrap="truncate-end">
        {notice === null ? ' ' : truncate(notice.text, width)}
      </Text>
      <Text inverse wrap="truncate-end">
        {truncate(` ${HINTS[screen]}`, width).padEnd(width)}
      </Text>
    </Box>
  );
}
