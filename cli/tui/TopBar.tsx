/**
 * The header row. On the list: the filter, how many threads it shows out of all, how many of
 * those are your turn and unread, and the sort. In a thread: topic, status and ball. Always who
 * you write as. When the row is short, the least useful parts give way first (the store's
 * location, the sort, the name of the tool), then long names are cut, never who you are.
 */
import { Text } from 'ink';
import type { StoreInfo } from '../../core/index.js';
import { plural } from './format.js';
import type { ListItem, ListView } from './list-view.js';
import { textWidth, truncate } from './text.js';

export interface Part {
  text: string;
  /** Dropped when the row is too long, highest first (0: never dropped). */
  drop: number;
  /** Cut when dropping was not enough, highest first, down to a few characters (0: never). */
  shrink?: number;
}

const MIN_SHRUNK = 8;

/** Parts joined by " · ", made to fit `width`: drop, then cut, then (if still too long) truncate. */
function fitParts(parts: readonly Part[], width: number): string {
  const kept = parts.map((p) => ({ ...p }));
  const join = () => ` ${kept.map((p) => p.text).join(' · ')}`;
  while (textWidth(join()) > width && kept.some((p) => p.drop > 0)) {
    const worst = kept.reduce((a, b) => (b.drop > a.drop ? b : a));
    kept.splice(kept.indexOf(worst), 1);
  }
  const shrinkable = kept
    .filter((p) => (p.shrink ?? 0) > 0)
    .sort((a, b) => (b.shrink ?? 0) - (a.shrink ?? 0));
  for (const p of shrinkable) {
    const over = textWidth(join()) - width;
    if (over <= 0) break;
    p.text = truncate(p.text, Math.max(MIN_SHRUNK, textWidth(p.text) - over));
  }
  return truncate(join(), width);
}

export function TopBar(props: {
  info: StoreInfo;
  me: string;
  all: number;
  shown: readonly ListItem[];
  view: ListView;
  width: number;
  /** The open thread's topic and header (null on the list). */
  thread: { topic: string; status: string; ball: string } | null;
}) {
  const { thread, shown, all } = props;
  const parts: Part[] = [{ text: 'Watercooler', drop: 5 }];
  if (thread === null) {
    const turn = shown.filter((r) => r.is_your_turn).length;
    const unread = shown.filter((r) => r.unread > 0).length;
    parts.push(
      {
        text:
          shown.length === all
            ? plural(all, 'thread')
            : `${shown.length.toLocaleString('en')} of ${plural(all, 'thread')}`,
        drop: 0,
      },
      { text: props.view.filter, drop: 2 },
      { text: `sort ${props.view.sort}`, drop: 6 },
      { text: `★ ${turn.toLocaleString('en')} your turn`, drop: 1 },
      { text: `● ${unread.toLocaleString('en')} unread`, drop: 4 },
    );
  } else {
    parts.push(
      { text: thread.topic, drop: 0, shrink: 1 },
      { text: thread.status || '—', drop: 3 },
      { text: `ball ${thread.ball || '—'}`, drop: 0, shrink: 2 },
    );
  }
  parts.push(
    { text: `as ${props.me}`, drop: 0 },
    { text: `${props.info.kind} ${props.info.location}`, drop: 7 },
  );
  return (
    <Text inverse bold wrap="truncate-end">
      {fitParts(parts, props.width).padEnd(props.width)}
    </Text>
  );
}
