/**
 * One thread: entries with agent, role, type and time, bodies as terminal markdown. Scrolls by
 * line and page, opens at the first unread entry, follows new entries when at the bottom, and
 * offers ack / hand off / set status in place (reply opens the composer).
 */
import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AgentRegistry, ThreadSnapshot } from '../../core/index.js';
import { STATUSES } from '../../core/index.js';
import { type EditorState, editKey, editorRows, emptyEditor } from './editor.js';
import { layoutThread } from './thread-lines.js';
import { Row, useTone } from './theme.js';
import { useKeys } from './use-keys.js';
import type { Line } from './text.js';
import { type SyncState, useSyncState } from './use-sync-state.js';

export type ViewMode =
  | { kind: 'read' }
  | { kind: 'ack' }
  | { kind: 'status'; at: number }
  | { kind: 'handoff'; to: EditorState; note: EditorState; field: 'to' | 'note' };

interface Props {
  snapshot: ThreadSnapshot;
  me: string;
  registry: AgentRegistry | undefined;
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
  mode: SyncState<ViewMode>;
  onBack: () => void;
  onHelp: () => void;
  onReply: () => void;
  onAck: () => void;
  onHandoff: (to: string, note: string) => void;
  onSetStatus: (status: string) => void;
}

export function ThreadView(props: Props) {
  const { snapshot, me, registry, width, height } = props;
  const mode = props.mode.value;
  const tone = useTone();
  const layout = useMemo(
    () => layoutThread(snapshot, width, me, registry, props.firstUnread),
    [snapshot, width, me, registry, props.firstUnread],
  );
  const modeRows =
    mode.kind === 'status'
      ? Math.min(STATUSES.length + 1, height - 2)
      : mode.kind === 'read'
        ? 0
        : mode.kind === 'ack'
          ? 1
          : 2;
  const rows = Math.max(1, height - modeRows);
  const maxTop = Math.max(0, layout.lines.length - rows);
  const startOf = (i: number) => layout.entryStarts[i] ?? 0;
  const scroll = useSyncState(() =>
    Math.min(
      maxTop,
      props.focusEntry !== null
        ? startOf(props.focusEntry)
        : startOf(layout.entryStarts.length - 1),
    ),
  );
  const top = scroll.value;
  const setTop = scroll.set;
  const [newBelow, setNewBelow] = useState(0);
  const seenEntries = useRef(layout.entryStarts.length);
  const wasAtBottom = useRef(true);
  const followNext = useRef(false);
  const lastFollow = useRef(props.follow);
  if (lastFollow.current !== props.follow) {
    lastFollow.current = props.follow;
    followNext.current = true;
  }
  const atBottom = top >= maxTop;

  // Live: new entries scroll into view when the reader was at the bottom; else a counter says so.
  useEffect(() => {
    const before = seenEntries.current;
    const now = layout.entryStarts.length;
    seenEntries.current = now;
    if (now <= before) return;
    if (followNext.current) {
      followNext.current = false;
      setTop(maxTop);
    } else if (wasAtBottom.current) setTop(Math.min(maxTop, layout.entryStarts[before] ?? maxTop));
    else setNewBelow((n) => n + now - before);
  }, [layout, maxTop]);
  // Declared after the effect above so that it still sees the previous frame's position.
  useEffect(() => {
    wasAtBottom.current = top >= maxTop;
    if (top > maxTop) setTop(maxTop);
    if (top >= maxTop) setNewBelow(0);
  }, [top, maxTop]);

  const scrollTo = (t: number) => setTop(Math.max(0, Math.min(maxTop, t)));
  const entryAt = (row: number) => {
    let i = 0;
    while (i + 1 < layout.entryStarts.length && startOf(i + 1) <= row) i++;
    return i;
  };

  useKeys(
    (input, key) => {
      // Latest values, not this render's: keys can arrive faster than frames.
      const m = props.mode.get();
      const setMode = props.mode.set;
      const t = scroll.get();
      if (m.kind === 'ack') {
        setMode({ kind: 'read' });
        if (input === 'y' || input === 'Y' || key.return) props.onAck();
        return;
      }
      if (m.kind === 'status') {
        if (key.escape || input === 'q') setMode({ kind: 'read' });
        else if (key.upArrow || input === 'k')
          setMode({ kind: 'status', at: Math.max(0, m.at - 1) });
        else if (key.downArrow || input === 'j')
          setMode({ kind: 'status', at: Math.min(STATUSES.length - 1, m.at + 1) });
        else if (key.return) {
          setMode({ kind: 'read' });
          props.onSetStatus(STATUSES[m.at] ?? 'OPEN');
        }
        return;
      }
      if (m.kind === 'handoff') {
        if (key.escape) return setMode({ kind: 'read' });
        if (key.tab || key.upArrow || key.downArrow)
          return setMode({ ...m, field: m.field === 'to' ? 'note' : 'to' });
        if (key.return) {
          setMode({ kind: 'read' });
          return props.onHandoff(m.to.value.trim(), m.note.value.trim());
        }
        const next = editKey(m[m.field], input, key, false);
        if (next !== null) setMode({ ...m, [m.field]: next });
        return;
      }
      if (key.escape || input === 'q') return props.onBack();
      if (input === '?') return props.onHelp();
      if (key.upArrow || input === 'k') return scrollTo(t - 1);
      if (key.downArrow || input === 'j') return scrollTo(t + 1);
      if (key.pageDown || input === ' ' || (key.ctrl && input === 'f'))
        return scrollTo(t + rows - 1);
      if (key.pageUp || input === 'b' || (key.ctrl && input === 'b'))
        return scrollTo(t - (rows - 1));
      if (key.home || input === 'g') return scrollTo(0);
      if (key.end || input === 'G') return scrollTo(maxTop);
      if (input === 'n') {
        const i = entryAt(t);
        return scrollTo(
          startOf(Math.min(layout.entryStarts.length - 1, startOf(i) <= t ? i + 1 : i)),
        );
      }
      if (input === 'p') {
        const i = entryAt(t);
        return scrollTo(startOf(Math.max(0, startOf(i) >= t ? i - 1 : i)));
      }
      if (props.busy) return;
      if (input === 'r') return props.onReply();
      if (input === 'a') return setMode({ kind: 'ack' });
      if (input === 'h')
        return setMode({ kind: 'handoff', to: emptyEditor(), note: emptyEditor(), field: 'to' });
      if (input === 's') {
        const current = STATUSES.findIndex(
          (x) => x === snapshot.thread.header.status.toUpperCase(),
        );
        return setMode({ kind: 'status', at: Math.max(0, current) });
      }
    },
    { isActive: props.inputActive },
  );

  const visible = layout.lines.slice(top, top + rows);
  const percent =
    layout.lines.length <= rows
      ? 'all'
      : `${Math.round(((top + rows) / layout.lines.length) * 100)}%`;
  return (
    <Box flexDirection="column" height={height}>
      {visible.map((line, i) => (
        <Row
          key={top + i}
          line={i === rows - 1 && !atBottom ? withScrollHint(line, width, newBelow, percent) : line}
        />
      ))}
      {Array.from({ length: Math.max(0, rows - visible.length) }, (_, i) => (
        <Text key={`pad${i}`}> </Text>
      ))}
      {mode.kind === 'ack' && (
        <Text bold color={tone('warn')} wrap="truncate-end">
          Ack “{snapshot.topic}” as {me}? y / n
        </Text>
      )}
      {mode.kind === 'status' && (
        <StatusPicker at={mode.at} current={snapshot.thread.header.status} height={modeRows} />
      )}
      {mode.kind === 'handoff' && <HandoffForm mode={mode} width={width} />}
    </Box>
  );
}

function withScrollHint(line: Line, width: number, newBelow: number, percent: string): Line {
  const hint = newBelow > 0 ? ` ↓ ${newBelow} new (G) ` : ` ↓ ${percent} `;
  const room = Math.max(0, width - hint.length);
  let used = 0;
  const cut: Line = [];
  for (const seg of line) {
    if (used >= room) break;
    const text = seg.text.slice(0, room - used);
    cut.push({ ...seg, text });
    used += text.length;
  }
  return [
    ...cut,
    { text: ' '.repeat(Math.max(0, room - used)) },
    { text: hint, inverse: true, tone: newBelow > 0 ? 'accent' : undefined },
  ];
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

function HandoffForm({
  mode,
  width,
}: {
  mode: Extract<ViewMode, { kind: 'handoff' }>;
  width: number;
}) {
  const field = (label: string, state: EditorState, active: boolean, placeholder: string) => {
    const room = Math.max(4, width - label.length);
    const { rows } = editorRows(state, room, active);
    const line: Line =
      state.value === '' && !active
        ? [{ text: placeholder, dim: true }]
        : state.value === ''
          ? [
              { text: ' ', inverse: true },
              { text: placeholder, dim: true },
            ]
          : (rows[rows.length - 1] ?? []);
    return <Row line={[{ text: label, bold: active, tone: 'accent' }, ...line]} />;
  };
  return (
    <Box flexDirection="column">
      {field(
        'Hand off to: ',
        mode.to,
        mode.field === 'to',
        ' (empty: the counterpart) · Tab next · ⏎ send · Esc cancel',
      )}
      {field('Note:        ', mode.note, mode.field === 'note', ' (optional)')}
    </Box>
  );
}
