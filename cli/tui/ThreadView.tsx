/**
 * One thread: entries with agent, role, type and time, bodies as terminal markdown. Scrolls by
 * line and page, and sideways (←→) where code or a wide table goes past the edge; opens at the
 * first unread entry, follows new entries when at the bottom, finds text (`/`, then n / N, the
 * current hit marked and counted "2 of 5"), and offers ack / hand off / set status in place
 * (reply opens the composer). The last row says where you are and what waits below or to the
 * right; it never covers text.
 */
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { AgentRegistry, HandoffTarget, ThreadSnapshot } from '../../core/index.js';
import { STATUSES } from '../../core/index.js';
import type { EditorState } from './editor.js';
import { type HandoffMode, HandoffForm, handoffRows } from './HandoffForm.js';
import { findMatches, matchLabel } from './thread-find.js';
import { type ThreadKeyContext, threadKey } from './thread-keys.js';
import { layoutThread } from './thread-lines.js';
import { Row, useTone } from './theme.js';
import { overflow, sideways } from './sideways.js';
import { highlight, textWidth } from './text.js';
import { useFollow } from './use-follow.js';
import { useKeys } from './use-keys.js';
import { type SyncState, useSyncState } from './use-sync-state.js';

export type ViewMode =
  /** `hit`: the current search hit, an index into the thread's matches. */
  | { kind: 'read'; find: string | null; hit?: number | undefined }
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
  const maxLeft = useMemo(
    () => layout.lines.reduce((m, l) => Math.max(m, overflow(l, width)), 0),
    [layout, width],
  );
  const left = useSyncState(0);
  const modeRows = modeRowsOf(mode, props);
  // The position row is there whenever the thread is longer or wider than the screen.
  const room = Math.max(1, height - modeRows);
  const rows = layout.lines.length > room || maxLeft > 0 ? Math.max(1, room - 1) : room;
  const scroll = useFollow(layout, rows, props.focusEntry, props.follow);
  const top = scroll.top.value;
  const find = mode.kind === 'read' ? mode.find : mode.kind === 'find' ? mode.query.value : null;
  const matches = useMemo(() => (find ? findMatches(layout.lines, find) : []), [layout, find]);
  const matchesOf = (query: string) =>
    query === find ? matches : findMatches(layout.lines, query);
  const hit =
    mode.kind === 'read' && (mode.hit ?? Infinity) < matches.length ? mode.hit : undefined;
  const current = hit === undefined ? undefined : matches[hit];
  const shift = Math.min(left.value, maxLeft);

  useKeys(
    (input, key) =>
      // Latest values, not this render's: keys can arrive faster than frames.
      threadKey(
        keyContext(props, scroll, {
          rows,
          left: Math.min(left.get(), maxLeft),
          maxLeft,
          setLeft: left.set,
          layout,
          matchesOf,
        }),
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
  const draw = (line: (typeof visible)[number], row: number) =>
    sideways(
      find ? highlight(line, find, current?.row === row ? current.start : null) : line,
      shift,
      width,
    );
  return (
    <Box flexDirection="column" height={height}>
      {visible.map((line, i) => (
        <Row key={top + i} line={draw(line, top + i)} />
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
          find={find ? { text: find, label: matchLabel(matches.length, hit) } : null}
          side={shift > 0 || visible.some((l) => overflow(l, width) > 0) ? shift : null}
        />
      )}
      <ModeRows mode={mode} props={props} height={modeRows} />
    </Box>
  );
}

/** What a key in the thread view may read and do, from the latest state. */
function keyContext(
  props: Props,
  scroll: ReturnType<typeof useFollow>,
  view: Pick<ThreadKeyContext, 'rows' | 'left' | 'maxLeft' | 'setLeft' | 'layout' | 'matchesOf'>,
): ThreadKeyContext {
  return {
    ...view,
    mode: props.mode.get(),
    setMode: props.mode.set,
    top: scroll.top.get(),
    maxTop: scroll.maxTop,
    scrollTo: scroll.scrollTo,
    width: props.width,
    status: props.snapshot.thread.header.status,
    targets: props.targets,
    registry: props.registry,
    busy: props.busy,
    on: {
      back: props.onBack,
      help: props.onHelp,
      reply: props.onReply,
      ack: props.onAck,
      handoff: props.onHandoff,
      setStatus: props.onSetStatus,
    },
  };
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

/**
 * Where the reader is: "lines 1–20 of 96 · 21%", new entries below, the search ("2 of 5"), and
 * whether wide lines in view go on to the right ("→ more") or are scrolled ("←→ col 21").
 */
function PositionRow(p: {
  width: number;
  top: number;
  rows: number;
  total: number;
  newBelow: number;
  find: { text: string; label: string } | null;
  /** Columns scrolled sideways, when wide lines are in view (else null). */
  side: number | null;
}) {
  const tone = useTone();
  const end = Math.min(p.total, p.top + p.rows);
  const where = end >= p.total ? 'end' : `${Math.round((end / p.total) * 100)}%`;
  const found = p.find === null ? '' : `“${p.find.text}”: ${p.find.label} · `;
  const side = p.side === null ? '' : p.side === 0 ? '→ more · ' : `←→ col ${p.side + 1} · `;
  const lines = `lines ${p.top + 1}–${end} of ${p.total} · `;
  const badge = p.newBelow > 0 ? textWidth(newBelowText(p.newBelow)) : 0;
  // On a narrow screen the least needed goes first: the line numbers, then the sideways note.
  const fits = (t: string) => textWidth(t) + 2 + badge <= p.width;
  const text = [found + side + lines + where, found + side + where].find(fits) ?? found + where;
  return (
    <Box justifyContent="flex-end" width={p.width}>
      {p.newBelow > 0 && (
        <Text inverse bold color={tone('accent')}>
          {newBelowText(p.newBelow)}
        </Text>
      )}
      <Text dimColor wrap="truncate-start">
        {` ${text} `}
      </Text>
    </Box>
  );
}

const newBelowText = (n: number) => ` ↓ ${n} new (G) `;

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
