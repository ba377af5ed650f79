/** `?`: every key, by screen. Fits 80×24; scrolls on a shorter terminal. */
import { Box } from 'ink';
import { useState } from 'react';
import { Row } from './theme.js';
import { useKeys } from './use-keys.js';
import type { Line } from './text.js';

const SECTIONS: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]> = [
  [
    'Thread list',
    [
      ['↑↓ j k · PgUp PgDn · g G', 'move the selection'],
      ['⏎', 'open the thread (at its first unread entry)'],
      ['/', 'search topics, titles, balls as you type; ⏎ bodies'],
      ['f', 'filter: open → mine (your turn) → all'],
      ['o', 'sort: last update → your turn first → topic'],
      ['N  ·  M  ·  u  ·  R', 'new thread · mark the shown read · undo · refresh'],
    ],
  ],
  [
    'Thread view',
    [
      ['↑↓ j k · space b · g G', 'scroll by line, by page, to top / bottom'],
      ['n p  ·  ←→', 'next / previous entry  ·  sideways (code, tables)'],
      ['/  ·  n N', 'find in the thread  ·  next / previous hit'],
      ['r  ·  a  ·  h  ·  s', 'reply  ·  ack  ·  hand off the ball  ·  set status'],
    ],
  ],
  [
    'Composer',
    [
      ['Tab  Shift+Tab', 'next / previous field; ←→ choose type and role'],
      ['Ctrl+S  ·  Esc', 'send (or Ctrl+D)  ·  leave; the draft is kept'],
      ['Ctrl+G  ·  Ctrl+X', 'write the body in $EDITOR  ·  discard the draft'],
    ],
  ],
  ['Everywhere', [['? · q / Esc · Ctrl+C', 'this help · back (quit from the list) · quit']]],
];

const HELP_LINES: Line[] = [
  [
    { text: 'Watercooler — keys', bold: true, tone: 'heading' },
    { text: '   ↑↓ j k scroll this help · q / Esc / ? close', dim: true },
  ],
  ...SECTIONS.flatMap(([title, keys]) => [
    [{ text: title, bold: true, tone: 'accent' }] as Line,
    ...keys.map(([k, what]): Line => [{ text: `  ${k.padEnd(26)}`, bold: true }, { text: what }]),
  ]),
  [{ text: '★ marks a ball that is yours; ● a thread with entries you have not read.', dim: true }],
];

export function Help({
  height,
  inputActive,
  onClose,
}: {
  height: number;
  inputActive: boolean;
  onClose: () => void;
}) {
  const [top, setTop] = useState(0);
  const maxTop = Math.max(0, HELP_LINES.length - height);
  const scrollBy = (by: number) => setTop((t) => Math.max(0, Math.min(maxTop, t + by)));
  useKeys(
    (input, key) => {
      const plain = key.ctrl || key.meta ? '' : input;
      if (key.escape || plain === 'q' || plain === '?') onClose();
      else if (key.downArrow || plain === 'j') scrollBy(1);
      else if (key.upArrow || plain === 'k') scrollBy(-1);
      else if (key.pageDown || plain === ' ') scrollBy(Math.max(1, height - 1));
      else if (key.pageUp || plain === 'b') scrollBy(-Math.max(1, height - 1));
      else if (key.home || plain === 'g') scrollBy(-HELP_LINES.length);
      else if (key.end || plain === 'G') scrollBy(HELP_LINES.length);
    },
    { isActive: inputActive },
  );
  return (
    <Box flexDirection="column" height={height}>
      {HELP_LINES.slice(top, top + height).map((line, i) => (
        <Row key={top + i} line={line} />
      ))}
    </Box>
  );
}
