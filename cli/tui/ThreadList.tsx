/**
 * The thread list: one row per thread with the unread marker, topic, status, who holds the ball
 * (highlighted when it is you), entry count and last update. Filter (open / mine / all), sort,
 * and `/` search: typing narrows by topic, title and ball at once; Enter searches the bodies too.
 */
import { Box, Text } from 'ink';
import { useCallback, useRef } from 'react';
import type { ListRow, SearchHit } from '../../core/index.js';
import { isClosedStatus } from '../../core/index.js';
import { type EditorState, editKey, editorRows, emptyEditor } from './editor.js';
import { plural, relativeTime } from './format.js';
import { Row, useTone } from './theme.js';
import { useKeys } from './use-keys.js';
import type { SyncState } from './use-sync-state.js';
import { type Line, cell, truncate } from './text.js';

export type ListFilter = 'open' | 'mine' | 'all';
export type ListSort = 'updated' | 'turn' | 'topic';

export interface ListView {
  filter: ListFilter;
  sort: ListSort;
  /** The selected thread, by topic, so live updates that reorder rows keep the selection. */
  selected: string | null;
  query: EditorState;
  /** True while the search line has the keyboard. */
  editingQuery: boolean;
  /** Body search results for `query.value` (null: none ran); `searching` while one runs. */
  hits: { query: string; byTopic: Map<string, SearchHit[]> } | null;
  searching: { done: number; total: number } | null;
}

export interface ListItem extends ListRow {
  unread: number;
}

export const FILTERS: readonly ListFilter[] = ['open', 'mine', 'all'];
const FILTER_NAMES: Record<ListFilter, string> = {
  open: 'open threads',
  mine: 'threads where it is your turn',
  all: 'threads',
};
export const SORTS: readonly ListSort[] = ['updated', 'turn', 'topic'];

function time(row: ListItem): number {
  const t = row.updated === null ? NaN : Date.parse(row.updated);
  return Number.isNaN(t) ? 0 : t;
}

/** The rows the list shows, in order: filter, search, sort. */
export function visibleRows(all: readonly ListItem[], view: ListView): ListItem[] {
  const query = view.query.value.trim().toLowerCase();
  const rows = all.filter((r) => {
    if (view.filter !== 'all' && isClosedStatus(r.status)) return false;
    if (view.filter === 'mine' && !r.is_your_turn) return false;
    if (query === '') return true;
    if (
      view.hits !== null &&
      view.hits.query.toLowerCase() === query &&
      view.hits.byTopic.has(r.topic)
    )
      return true;
    return [r.topic, r.title, r.ball].some((f) => f.toLowerCase().includes(query));
  });
  // Parsed once per row, not once per comparison: a sort of 3,000 rows compares ~35,000 times.
  const times = new Map(rows.map((r) => [r, time(r)]));
  const at = (r: ListItem) => times.get(r) ?? 0;
  const byTopic = (a: ListItem, b: ListItem) => a.topic.localeCompare(b.topic);
  const byTime = (a: ListItem, b: ListItem) => at(b) - at(a) || byTopic(a, b);
  if (view.sort === 'topic') return rows.sort(byTopic);
  if (view.sort === 'turn')
    return rows.sort((a, b) => Number(b.is_your_turn) - Number(a.is_your_turn) || byTime(a, b));
  return rows.sort(byTime);
}

/**
 * `visibleRows` remembered for the last inputs: with thousands of threads, filtering and sorting
 * on every key press (and again in the key handler) was most of the time a key took.
 */
export function useVisibleRows(): (all: readonly ListItem[], view: ListView) => ListItem[] {
  const last = useRef<{ all: readonly ListItem[]; key: unknown[]; rows: ListItem[] } | null>(null);
  return useCallback((all, view) => {
    const key = [view.filter, view.sort, view.query.value, view.hits];
    const hit = last.current;
    if (hit !== null && hit.all === all && hit.key.every((k, i) => k === key[i])) return hit.rows;
    const rows = visibleRows(all, view);
    last.current = { all, key, rows };
    return rows;
  }, []);
}

export function initialListView(): ListView {
  return {
    filter: 'open',
    sort: 'updated',
    selected: null,
    query: emptyEditor(),
    editingQuery: false,
    hits: null,
    searching: null,
  };
}

interface Props {
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
export function columns(width: number): Columns {
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

export function ThreadList(props: Props) {
  const { rows, width, height, now, loading } = props;
  const view = props.view.value;
  const tone = useTone();
  const { shown, rowsFor } = props;
  const cols = columns(width);
  const showSearch = view.editingQuery || view.query.value !== '';
  const listHeight = Math.max(1, height - 1 - (showSearch ? 1 : 0));
  const indexIn = (list: readonly ListItem[], v: ListView) =>
    Math.max(
      0,
      list.findIndex((r) => r.topic === v.selected),
    );
  const at = indexIn(shown, view);
  const first = Math.min(
    Math.max(0, at - Math.floor(listHeight / 2)),
    Math.max(0, shown.length - listHeight),
  );
  const page = shown.slice(first, first + listHeight);

  useKeys(
    (input, key) => {
      // The latest state, not this render's: keys can arrive faster than frames.
      const v = props.view.get();
      const set = (patch: Partial<ListView>) => props.view.set({ ...v, ...patch });
      const list = rowsFor(rows, v);
      // Ctrl+letter and Alt+letter are not the letter: Ctrl+A is a tmux prefix, not a command.
      const plain = key.ctrl || key.meta ? '' : input;
      const i = indexIn(list, v);
      const select = (to: number) => {
        const row = list[Math.max(0, Math.min(list.length - 1, to))];
        if (row !== undefined) set({ selected: row.topic });
      };
      if (key.upArrow || (!v.editingQuery && plain === 'k')) return select(i - 1);
      if (key.downArrow || (!v.editingQuery && plain === 'j')) return select(i + 1);
      if (key.pageUp) return select(i - (listHeight - 1));
      if (key.pageDown) return select(i + (listHeight - 1));
      if (v.editingQuery) {
        if (key.escape) return set({ query: emptyEditor(), editingQuery: false, hits: null });
        if (key.return) {
          set({ editingQuery: false });
          if (v.query.value.trim() !== '') props.onSearch(v.query.value);
          return;
        }
        const next = editKey(v.query, input, key, false);
        if (next !== null) set({ query: next, hits: null });
        return;
      }
      const row = list[i];
      if (key.return && row !== undefined) return props.onOpen(row);
      if (key.home || plain === 'g') return select(0);
      if (key.end || plain === 'G') return select(list.length - 1);
      if (plain === '/') return set({ editingQuery: true });
      if (key.escape && v.query.value !== '') return set({ query: emptyEditor(), hits: null });
      if (plain === 'f')
        return set({ filter: FILTERS[(FILTERS.indexOf(v.filter) + 1) % FILTERS.length] ?? 'open' });
      if (plain === 'o')
        return set({ sort: SORTS[(SORTS.indexOf(v.sort) + 1) % SORTS.length] ?? 'updated' });
      if (plain === 'M') return props.onMarkAllRead(list);
      if (plain === 'u') return props.onUndo();
      if (plain === 'N') return props.onNewThread();
      if (plain === 'R') return props.onRefresh();
      if (plain === '?') return props.onHelp();
      if (plain === 'q') return props.onQuit();
    },
    {
      isActive: props.inputActive,
      // The wheel moves the selection; a click selects a row, a click on the selected row opens it.
      onMouse: (e) => {
        const v = props.view.get();
        const list = rowsFor(rows, v);
        const i = indexIn(list, v);
        if (e.kind === 'wheel') {
          const row = list[Math.max(0, Math.min(list.length - 1, i + e.by))];
          if (row !== undefined) props.view.set({ ...v, selected: row.topic });
          return;
        }
        const row = page[e.y - 1 - props.screenTop - (showSearch ? 1 : 0) - 1];
        if (row === undefined) return;
        if (row.topic === list[i]?.topic) props.onOpen(row);
        else props.view.set({ ...v, selected: row.topic });
      },
    },
  );

  // A narrow column takes a short name, not a cut one ("STAT", not "STAT…").
  const label = (name: string, w: number, short = name) =>
    cell(name.length < w ? name : short.slice(0, Math.max(0, w - 1)), w);
  const head =
    '  ' +
    '  ' +
    label('TOPIC', cols.topic) +
    (cols.title > 0 ? label('TITLE', cols.title) : '') +
    label('STATUS', cols.status, 'STAT') +
    label('BALL', cols.ball) +
    label('#', cols.count) +
    'UPD';

  return (
    <Box flexDirection="column" height={height}>
      {showSearch && <SearchLine view={view} width={width} count={shown.length} />}
      <Text bold wrap="truncate-end">
        {head}
      </Text>
      {page.map((row) => {
        const selected = row.topic === shown[at]?.topic;
        const closed = isClosedStatus(row.status);
        const hits = view.hits?.byTopic.get(row.topic);
        const titleCell =
          cols.title > 0 ? cell(row.title === row.topic ? '' : row.title, cols.title) : '';
        return (
          <Text key={row.topic} wrap="truncate-end" inverse={selected}>
            <Text>{selected ? '› ' : '  '}</Text>
            <Text color={tone('accent')} bold>
              {row.unread > 0 ? '● ' : props.hasDraft(row.topic) ? '✎ ' : '  '}
            </Text>
            <Text bold={row.unread > 0} dimColor={closed && !selected}>
              {cell(
                hits !== undefined ? `${row.topic} (${plural(hits.length, 'hit')})` : row.topic,
                cols.topic,
              )}
            </Text>
            <Text dimColor>{titleCell}</Text>
            <Text
              color={tone(
                closed ? 'muted' : row.status.toUpperCase() === 'BLOCKED' ? 'bad' : 'good',
              )}
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
      })}
      {page.length === 0 && (
        <Text dimColor wrap="wrap">
          {loading
            ? '  Loading threads…'
            : view.searching !== null
              ? '  Searching the bodies…'
              : rows.length === 0
                ? `  ${props.emptyReason ?? 'No threads yet. N starts one; agents start them with watercooler_say.'}`
                : `  No ${FILTER_NAMES[view.filter]}${view.query.value !== '' ? ` match “${view.query.value}”` : ''}. f changes the filter${view.query.value !== '' ? ', Esc clears the search' : ''}.`}
        </Text>
      )}
    </Box>
  );
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
