/**
 * The header row. On the list: the filter and sort, how many threads the filter shows out of
 * all, how many of those are your turn and unread. In a thread: topic, status and ball. Always
 * who you write as. When the row is short, the least useful parts give way first (the store's
 * location, then the sort), never the name.
 */
import { Text } from 'ink';
import type { StoreInfo } from '../../core/index.js';
import { plural } from './format.js';
import type { ListItem, ListView } from './ThreadList.js';
import { textWidth, truncate } from './text.js';

/** Parts joined by " · "; the highest `drop` goes first until the row fits. */
export function fitParts(parts: ReadonlyArray<{ text: string; drop: number }>, width: number) {
  const kept = [...parts];
  const join = () => ` ${kept.map((p) => p.text).join(' · ')}`;
  while (textWidth(join()) > width && kept.some((p) => p.drop > 0)) {
    const worst = kept.reduce((a, b) => (b.drop > a.drop ? b : a));
    kept.splice(kept.indexOf(worst), 1);
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
  const parts: Array<{ text: string; drop: number }> = [{ text: 'Watercooler', drop: 3 }];
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
      { text: `sort ${props.view.sort}`, drop: 5 },
      { text: `★ ${turn} your turn`, drop: 1 },
      { text: `● ${unread} unread`, drop: 4 },
    );
  } else {
    parts.push(
      { text: thread.topic, drop: 0 },
      { text: thread.status || '—', drop: 1 },
      { text: `ball ${thread.ball || '—'}`, drop: 0 },
    );
  }
  parts.push(
    { text: `as ${props.me}`, drop: 0 },
    { text: `${props.info.kind} ${props.info.location}`, drop: 6 },
  );
  return (
    <Text inverse bold wrap="truncate-end">
      {fitParts(parts, props.width).padEnd(props.width)}
    </Text>
  );
}
