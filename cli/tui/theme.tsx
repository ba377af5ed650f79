/**
 * Colours go through one place so `NO_COLOR` is honoured everywhere: ink's chalk does not read
 * NO_COLOR, so with colour off we pass no `color` prop at all and keep only bold/inverse/underline,
 * which NO_COLOR allows and which keep the selection and the ball visible.
 */
import { Text } from 'ink';
import { createContext, useContext } from 'react';
import type { Line, Segment, Tone } from './text.js';

const TONES: Record<Tone, string> = {
  accent: 'cyan',
  muted: 'gray',
  code: 'yellow',
  heading: 'magenta',
  good: 'green',
  warn: 'yellow',
  bad: 'red',
  mine: 'green',
};

export const ColorContext = createContext<boolean>(true);

/** The ink colour for a tone, or undefined when colour is off. */
export function useTone(): (tone: Tone | undefined) => string | undefined {
  const color = useContext(ColorContext);
  return (tone) => (color && tone !== undefined ? TONES[tone] : undefined);
}

/**
 * OSC 8 (`ESC ] 8 ; ; URL BEL text ESC ] 8 ; ; BEL`): the terminal opens the whole URL on a click
 * even when the text shows only part of it. Terminals without OSC 8 ignore it; under NO_COLOR we
 * write plain text, so output meant to be plain stays free of escapes.
 */
function hyperlink(text: string, url: string): string {
  // A URL with control characters would end the sequence early; such a link stays plain.
  // eslint-disable-next-line no-control-regex -- that is what it looks for
  if (/[\u0000-\u001f\u007f]/.test(url)) return text;
  return `\u001B]8;;${url}\u0007${text}\u001B]8;;\u0007`;
}

function Seg({ seg }: { seg: Segment }) {
  const tone = useTone();
  const color = useContext(ColorContext);
  return (
    <Text
      bold={seg.bold}
      italic={seg.italic}
      dimColor={seg.dim}
      inverse={seg.inverse}
      underline={seg.underline}
      color={tone(seg.tone)}
    >
      {color && seg.link !== undefined ? hyperlink(seg.text, seg.link) : seg.text}
    </Text>
  );
}

/** One row of styled text, cut at the edge (never wrapped by ink: rows are counted by us). */
export function Row({ line }: { line: Line }) {
  return (
    <Text wrap="truncate-end">
      {line.length === 0 ? ' ' : line.map((seg, i) => <Seg key={i} seg={seg} />)}
    </Text>
  );
}
