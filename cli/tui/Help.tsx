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
      ['/', 'search: typing filters topics, titles and balls; ⏎ also searches bodies'],
      ['f', 'filter: open → mine (your turn) → all'],
      ['o', 'sort: last update → your turn first → topic'],
      ['M  ·  R', 'mark every thread read  ·  refresh now'],
    ],
  ],
  [
    'Thread view',
    [
      ['↑↓ j k · space b · g G', 'scroll by line, by page, to top / bottom'],
      ['n p  ·  ←→', 'next / previous entry  ·  sideways (code, tables)'],
      ['/  ·  n N', 'find in the thread  ·  next / previous hit'],
      ['r  ·  a  ·  h  ·  s', 'reply  ·  ack  ·  hand off the ball  ·  set the status'],
    ],
  ],
  [
    'Composer',
    [
      ['Tab  Shift+Tab', 'next / previous field; ←→ choose type and role'],
      ['Ctrl+S  (or Ctrl+D)', 'send; Esc cancels (twice if you wrote something)'],
    ],
  ],
  [
    'Everywhere',
    [
      ['? · q / Esc', 'this help · back (quit from the list)'],
      ['Ctrl+C', 'quit'],
    ],
  ],
];

export const HELP_LINES: Line[] = [
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
  useKeys(
    (input, key) => {
      if (key.escape || (!key.ctrl && (input === 'q' || input === '?'))) onClose();
      else if (key.downArrow || (!key.ctrl && input === 'j'))
        setTop((t) => Math.min(maxTop, t + 1));
      else if (key.upArrow || (!key.ctrl && input === 'k')) setTop((t) => Math.max(0, t - 1));
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
