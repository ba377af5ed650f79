/**
 * One thread: entries with agent, role, type and time, bodies as terminal markdown. Scrolls by
 * line and page, opens at the first unread entry, follows new entries when at the bottom, finds
 * text (`/`, then n / N), and offers ack / hand off / set status in place (reply opens the
 * composer). The last row says where you are and what waits below; it never covers text.
 */
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { AgentRegistry, HandoffTarget, ThreadSnapshot } from '../../core/index.js';
import { STATUSES } from '../../core/index.js';
import type { EditorState } from './editor.js';
import { type HandoffMode, HandoffForm, handoffRows } from './HandoffForm.js';
import { threadKey } from './thread-keys.js';
import { layoutThread } from './thread-lines.js';
import { Row, useTone } from './theme.js';
import { highlight, lineText } from './text.js';
import { useFollow } from './use-follow.js';
import { useKeys } from './use-keys.js';
import type { SyncState } from './use-sync-state.js';

export type ViewMode =
  | { kind: 'read'; find: string | null }
  | { kind: 'find'; query: EditorState }
  | { kind: 'ack' }
  | { kind: 'status'; at: number }
  | HandoffMode;

export const READING: ViewMode = { kind: 'read', find: null };

interface Props {
  snapshot: ThreadSnapshot;
  me: string;
  registry: AgentRegistry | undefined;
  /** Who may receive the ball here (the hand-off picker). */
  targets: readonly HandoffTarget[];
  width: number;
  height: number;
  /** Entry to open at (first unread, or a search hit); null opens at the last entry. */
  focusEntry: number | null;
  /** Entry index where the "new" marker goes. */
  firstUnread: number | null;
  /** Changes after each write of ours: the next new entries are scrolled into view. */
  follow: number;
  /** True while a write is in flight (actions wait). */
  busy: boolean;
  inputActive: boolean;
  /** Off under NO_COLOR: inline code then keeps its backticks. */
  color: boolean;
  mode: SyncState<ViewMode>;
  onBack: () => void;
  onHelp: () => void;
  onReply: () => void;
  onAck: () => void;
  onHandoff: (to: string, note: string) => void;
  onSetStatus: (status: string) => void;
}

function modeRowsOf(mode: ViewMode, props: Props): number {
  if (mode.kind === 'status') return Math.min(STATUSES.length + 1, props.height - 2);
  if (mode.kind === 'handoff') return handoffRows(mode, props.targets, props.width);
  return mode.kind === 'read' ? 0 : 1;
}

export function ThreadView(props: Props) {
  const { snapshot, me, registry, width, height } = props;
  const mode = props.mode.value;
  const layout = useMemo(
    () => layoutThread(snapshot, width, me, registry, props.firstUnread, props.color),
    [snapshot, width, me, registry, props.firstUnread, props.color],
  );
  const texts = useMemo(() => layout.lines.map((l) => lineText(l).toLowerCase()), [layout]);
  const matchesOf = (query: string) => {
    const q = query.toLowerCase();
    return q === '' ? [] : texts.flatMap((t, i) => (t.includes(q) ? [i] : []));
  };
  const modeRows = modeRowsOf(mode, props);
  // The position row is there whenever the thread is longer than the screen.
  const room = Math.max(1, height - modeRows);
  const rows = layout.lines.length > room ? Math.max(1, room - 1) : room;
  const scroll = useFollow(layout, rows, props.focusEntry, props.follow);
  const top = scroll.top.value;
  const find = mode.kind === 'read' ? mode.find : mode.kind === 'find' ? mode.query.value : null;

  useKeys(
    (input, key) =>
      // Latest values, not this render's: keys can arrive faster than frames.
      threadKey(
        {
          mode: props.mode.get(),
          setMode: props.mode.set,
          top: scroll.top.get(),
          rows,
          maxTop: scroll.maxTop,
          scrollTo: scroll.scrollTo,
          layout,
          matchesOf,
          status: snapshot.thread.header.status,
          targets: props.targets,
          registry,
          busy: props.busy,
          on: {
            back: props.onBack,
            help: props.onHelp,
            reply: props.onReply,
            ack: props.onAck,
            handoff: props.onHandoff,
            setStatus: props.onSetStatus,
          },
        },
        input,
        key,
      ),
    {
      isActive: props.inputActive,
      onMouse: (e) => {
        if (e.kind === 'wheel') scroll.scrollTo(scroll.top.get() + e.by * 3);
      },
    },
  );

  const visible = layout.lines.slice(top, top + rows);
  return (
    <Box flexDirection="column" height={height}>
      {visible.map((line, i) => (
        <Row key={top + i} line={find ? highlight(line, find) : line} />
      ))}
      {Array.from({ length: Math.max(0, rows - visible.length) }, (_, i) => (
        <Text key={`pad${i}`}> </Text>
      ))}
      {rows < room && (
        <PositionRow
          width={width}
          top={top}
          rows={rows}
          total={layout.lines.length}
          newBelow={scroll.newBelow}
          find={find === null || find === '' ? null : { text: find, count: matchesOf(find).length }}
        />
      )}
      <ModeRows mode={mode} props={props} height={modeRows} />
    </Box>
  );
}

function ModeRows({ mode, props, height }: { mode: ViewMode; props: Props; height: number }) {
  const tone = useTone();
  if (mode.kind === 'ack')
    return (
      <Text bold color={tone('warn')} wrap="truncate-end">
        Ack “{props.snapshot.topic}” as {props.me}? y / n
      </Text>
    );
  if (mode.kind === 'status')
    return (
      <StatusPicker at={mode.at} current={props.snapshot.thread.header.status} height={height} />
    );
  if (mode.kind === 'handoff')
    return <HandoffForm mode={mode} targets={props.targets} width={props.width} />;
  if (mode.kind === 'find')
    return (
      <Text wrap="truncate-end">
        <Text bold color={tone('accent')}>
          Find in thread:
        </Text>
        {mode.query.value}
        <Text inverse> </Text>
        <Text dimColor> ⏎ find · Esc cancel</Text>
      </Text>
    );
  return null;
}

/** Where the reader is: "lines 1–20 of 96 · 21%", new entries below, the search's matches. */
function PositionRow(p: {
  width: number;
  top: number;
  rows: number;
  total: number;
  newBelow: number;
  find: { text: string; count: number } | null;
}) {
  const tone = useTone();
  const end = Math.min(p.total, p.top + p.rows);
  const where = end >= p.total ? 'end' : `${Math.round((end / p.total) * 100)}%`;
  const found =
    p.find === null
      ? ''
      : `“${p.find.text}”: ${p.find.count === 0 ? 'no match' : `${p.find.count} ${p.find.count === 1 ? 'match' : 'matches'} · n / N`} · `;
  const text = `${found}lines ${p.top + 1}–${end} of ${p.total} · ${where}`;
  return (
    <Box justifyContent="flex-end" width={p.width}>
      {p.newBelow > 0 && (
        <Text inverse bold color={tone('accent')}>
          {` ↓ ${p.newBelow} new (G) `}
        </Text>
      )}
      <Text dimColor wrap="truncate-start">
        {` ${text} `}
      </Text>
    </Box>
  );
}

function StatusPicker({ at, current, height }: { at: number; current: string; height: number }) {
  const tone = useTone();
  const room = Math.max(1, height - 1);
  const first = Math.min(Math.max(0, at - room + 1), Math.max(0, STATUSES.length - room));
  return (
    <Box flexDirection="column">
      <Text bold color={tone('accent')}>
        Set status (↑↓, ⏎ set, Esc cancel) — now {current || '—'}
      </Text>
      {STATUSES.slice(first, first + room).map((s, i) => (
        <Text key={s} inverse={first + i === at}>
          {first + i === at ? '› ' : '  '}
          {s}
        </Text>
      ))}
    </Box>
  );
}
