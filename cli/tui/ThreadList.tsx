/**
 * The thread list: one row per thread with the unread marker, topic, status, who holds the ball
 * (highlighted when it is you), entry count and last update. Filter (open / mine / all), sort,
 * and `/` search: typing narrows by topic, title and ball at once; Enter searches the bodies too.
 */
import { Box, Text } from 'ink';
import { isClosedStatus } from '../../core/index.js';
import { editorRows } from './editor.js';
import { plural, relativeTime } from './format.js';
import { FILTER_NAMES, type ListItem, type ListView, selectedIndex } from './list-view.js';
import { Row, useTone } from './theme.js';
import { useListKeys } from './use-list-keys.js';
import type { SyncState } from './use-sync-state.js';
import { type Line, cell, truncate } from './text.js';

export interface ThreadListProps {
  rows: readonly ListItem[];
  /** `rows` as the view shows them, and the (cached) function that computes that. */
  shown: readonly ListItem[];
  rowsFor: (all: readonly ListItem[], view: ListView) => ListItem[];
  /** Terminal rows above the list (for mouse clicks). */
  screenTop: number;
  view: SyncState<ListView>;
  width: number;
  height: number;
  now: Date;
  loading: boolean;
  inputActive: boolean;
  onOpen: (row: ListItem) => void;
  /** Body search for the query (results come back through `view.hits`). */
  onSearch: (text: string) => void;
  onMarkAllRead: (rows: readonly ListItem[]) => void;
  onUndo: () => void;
  onNewThread: () => void;
  /** Topics with a saved draft (marked ✎). */
  hasDraft: (topic: string) => boolean;
  onRefresh: () => void;
  /** Said instead of "No threads yet" when the store has none (a folder that does not exist). */
  emptyReason: string | null;
  onHelp: () => void;
  onQuit: () => void;
}

interface Columns {
  topic: number;
  title: number;
  status: number;
  ball: number;
  count: number;
  updated: number;
}

/**
 * Column widths for a terminal width: the topic keeps the most room (at 40 columns it still
 * gets 13), the ball and status shrink first, the title column appears at 110, and the update
 * column gets the date beside the age at 140.
 */
function columns(width: number): Columns {
  const count = width < 60 ? 4 : 5;
  const updated = width >= 140 ? 16 : 5;
  const free = Math.max(12, width - 4 - count - updated);
  const ball = Math.max(8, Math.min(23, Math.floor(free * 0.3)));
  const status = Math.max(6, Math.min(10, Math.floor(free * 0.2)));
  const rest = Math.max(6, free - ball - status);
  if (width < 110) return { topic: rest, title: 0, status, ball, count, updated };
  const topic = Math.min(36, Math.floor(rest / 2));
  return { topic, title: rest - topic, status, ball, count, updated };
}

export function ThreadList(props: ThreadListProps) {
  const { width, height, now, shown } = props;
  const view = props.view.value;
  const cols = columns(width);
  const showSearch = view.editingQuery || view.query.value !== '';
  const listHeight = Math.max(1, height - 1 - (showSearch ? 1 : 0));
  const at = selectedIndex(shown, view);
  const first = Math.min(
    Math.max(0, at - Math.floor(listHeight / 2)),
    Math.max(0, shown.length - listHeight),
  );
  const page = shown.slice(first, first + listHeight);

  useListKeys(props, { listHeight, page, showSearch });

  return (
    <Box flexDirection="column" height={height}>
      {showSearch && <SearchLine view={view} width={width} count={shown.length} />}
      <Text bold wrap="truncate-end">
        {listHead(cols)}
      </Text>
      {page.map((row) => (
        <ThreadRow
          key={row.topic}
          row={row}
          cols={cols}
          selected={row.topic === shown[at]?.topic}
          hits={view.hits?.byTopic.get(row.topic)?.length}
          hasDraft={props.hasDraft(row.topic)}
          now={now}
        />
      ))}
      {page.length === 0 && (
        <Text dimColor wrap="wrap">
          {emptyText(props, view)}
        </Text>
      )}
    </Box>
  );
}

/** The header row: each column's name, or a short one where the column is narrow. */
function listHead(cols: Columns): string {
  // A narrow column takes a short name, not a cut one ("STAT", not "STAT…").
  const label = (name: string, w: number, short = name) =>
    cell(name.length < w ? name : short.slice(0, Math.max(0, w - 1)), w);
  return (
    '  ' +
    '  ' +
    label('TOPIC', cols.topic) +
    (cols.title > 0 ? label('TITLE', cols.title) : '') +
    label('STATUS', cols.status, 'STAT') +
    label('BALL', cols.ball) +
    label('#', cols.count) +
    'UPD'
  );
}

interface ThreadRowProps {
  row: ListItem;
  cols: Columns;
  selected: boolean;
  /** How many entries the body search found in it (undefined: no search ran or none). */
  hits: number | undefined;
  hasDraft: boolean;
  now: Date;
}

/** One thread's row. */
function ThreadRow({ row, cols, selected, hits, hasDraft, now }: ThreadRowProps) {
  const tone = useTone();
  const closed = isClosedStatus(row.status);
  const titleCell =
    cols.title > 0 ? cell(row.title === row.topic ? '' : row.title, cols.title) : '';
  return (
    <Text wrap="truncate-end" inverse={selected}>
      <Text>{selected ? '› ' : '  '}</Text>
      <Text color={tone('accent')} bold>
        {row.unread > 0 ? '● ' : hasDraft ? '✎ ' : '  '}
      </Text>
      <Text bold={row.unread > 0} dimColor={closed && !selected}>
        {cell(hits !== undefined ? `${row.topic} (${plural(hits, 'hit')})` : row.topic, cols.topic)}
      </Text>
      <Text dimColor>{titleCell}</Text>
      <Text
        color={tone(closed ? 'muted' : row.status.toUpperCase() === 'BLOCKED' ? 'bad' : 'good')}
      >
        {cell(row.status, cols.status)}
      </Text>
      <Text color={tone(row.is_your_turn ? 'mine' : undefined)} bold={row.is_your_turn}>
        {cell((row.is_your_turn ? '★ ' : '') + row.ball, cols.ball)}
      </Text>
      <Text>{cell(String(row.entry_count), cols.count)}</Text>
      <Text dimColor>{relativeTime(row.updated, now, cols.updated > 5)}</Text>
    </Text>
  );
}

/** What an empty page says: loading, searching, no threads at all, or none that match. */
function emptyText(props: ThreadListProps, view: ListView): string {
  const { query } = view;
  if (props.loading) return '  Loading threads…';
  if (view.searching !== null) return '  Searching the bodies…';
  if (props.rows.length === 0)
    return `  ${props.emptyReason ?? 'No threads yet. N starts one; agents start them with watercooler_say.'}`;
  return `  No ${FILTER_NAMES[view.filter]}${query.value !== '' ? ` match “${query.value}”` : ''}. f changes the filter${query.value !== '' ? ', Esc clears the search' : ''}.`;
}

function SearchLine({ view, width, count }: { view: ListView; width: number; count: number }) {
  const label = '/ ';
  const status = view.searching
    ? ` searching bodies… ${view.searching.done} / ${view.searching.total}`
    : view.hits !== null && view.hits.query === view.query.value
      ? ` ${plural(count, 'match', 'matches')} (titles + bodies)`
      : view.editingQuery
        ? ' ⏎ search bodies · Esc clear'
        : '';
  const room = Math.max(4, width - label.length - status.length - 1);
  const { rows } = editorRows(view.query, room, view.editingQuery);
  const line: Line = [
    { text: label, bold: true, tone: 'accent' },
    ...(rows[rows.length - 1] ?? []),
  ];
  return (
    <Box>
      <Row line={line} />
      <Text dimColor>{truncate(status, width)}</Text>
    </Box>
  );
}
