/**
 * The thread list: one row per thread with the unread marker, topic, status, who holds the ball
 * (highlighted when it is you), entry count and last update. Filter (open / mine / all), sort,
 * and `/` search: typing narrows by topic, title and ball at once; Enter searches the bodies too.
 */
import { Box, Text } from 'ink';
import type { ListRow, SearchHit } from '../../core/index.js';
import { isClosedStatus } from '../../core/index.js';
import { type EditorState, editKey, editorRows, emptyEditor } from './editor.js';
import { relativeTime } from './format.js';
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
  searching: boolean;
}

export interface ListItem extends ListRow {
  unread: number;
}

export const FILTERS: readonly ListFilter[] = ['open', 'mine', 'all'];
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
  const byTopic = (a: ListItem, b: ListItem) => a.topic.localeCompare(b.topic);
  const byTime = (a: ListItem, b: ListItem) => time(b) - time(a) || byTopic(a, b);
  if (view.sort === 'topic') return rows.sort(byTopic);
  if (view.sort === 'turn')
    return rows.sort((a, b) => Number(b.is_your_turn) - Number(a.is_your_turn) || byTime(a, b));
  return rows.sort(byTime);
}

export function initialListView(): ListView {
  return {
    filter: 'open',
    sort: 'updated',
    selected: null,
    query: emptyEditor(),
    editingQuery: false,
    hits: null,
    searching: false,
  };
}

interface Props {
  rows: readonly ListItem[];
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
  onRefresh: () => void;
  onHelp: () => void;
  onQuit: () => void;
}

interface Columns {
  topic: number;
  title: number;
}

const FIXED = 2 + 2 + 10 + 23 + 5 + 6;

function columns(width: number): Columns {
  const free = Math.max(8, width - FIXED);
  if (width < 110) return { topic: free, title: 0 };
  const topic = Math.min(36, Math.floor(free / 2));
  return { topic, title: free - topic };
}

export function ThreadList(props: Props) {
  const { rows, width, height, now, loading } = props;
  const view = props.view.value;
  const tone = useTone();
  const shown = visibleRows(rows, view);
  const cols = columns(width);
  const showSearch = view.editingQuery || view.query.value !== '';
  const listHeight = Math.max(1, height - 1 - (showSearch ? 1 : 0));
  const indexIn = (list: ListItem[], v: ListView) =>
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
      const list = visibleRows(rows, v);
      const i = indexIn(list, v);
      const select = (to: number) => {
        const row = list[Math.max(0, Math.min(list.length - 1, to))];
        if (row !== undefined) set({ selected: row.topic });
      };
      if (key.upArrow || (!v.editingQuery && input === 'k')) return select(i - 1);
      if (key.downArrow || (!v.editingQuery && input === 'j')) return select(i + 1);
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
      if (key.home || input === 'g') return select(0);
      if (key.end || input === 'G') return select(list.length - 1);
      if (input === '/') return set({ editingQuery: true });
      if (key.escape && v.query.value !== '') return set({ query: emptyEditor(), hits: null });
      if (input === 'f')
        return set({ filter: FILTERS[(FILTERS.indexOf(v.filter) + 1) % FILTERS.length] ?? 'open' });
      if (input === 'o')
        return set({ sort: SORTS[(SORTS.indexOf(v.sort) + 1) % SORTS.length] ?? 'updated' });
      if (input === 'M') return props.onMarkAllRead(list);
      if (input === 'R') return props.onRefresh();
      if (input === '?') return props.onHelp();
      if (input === 'q') return props.onQuit();
    },
    { isActive: props.inputActive },
  );

  const head =
    '  ' +
    '  ' +
    cell('TOPIC', cols.topic) +
    (cols.title > 0 ? cell('TITLE', cols.title) : '') +
    cell('STATUS', 10) +
    cell('BALL', 23) +
    cell('#', 5) +
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
              {row.unread > 0 ? '● ' : '  '}
            </Text>
            <Text bold={row.unread > 0} dimColor={closed && !selected}>
              {cell(
                hits !== undefined ? `${row.topic} (${hits.length} hits)` : row.topic,
                cols.topic,
              )}
            </Text>
            <Text dimColor>{titleCell}</Text>
            <Text
              color={tone(
                closed ? 'muted' : row.status.toUpperCase() === 'BLOCKED' ? 'bad' : 'good',
              )}
            >
              {cell(row.status, 10)}
            </Text>
            <Text color={tone(row.is_your_turn ? 'mine' : undefined)} bold={row.is_your_turn}>
              {cell((row.is_your_turn ? '★ ' : '') + row.ball, 23)}
            </Text>
            <Text>{cell(String(row.entry_count), 5)}</Text>
            <Text dimColor>{cell(relativeTime(row.updated, now), 6)}</Text>
          </Text>
        );
      })}
      {page.length === 0 && (
        <Text dimColor wrap="truncate-end">
          {loading
            ? '  Loading threads…'
            : rows.length === 0
              ? '  No threads yet. An agent starts one with watercooler_say, or: watercooler say TOPIC --title … --body …'
              : `  No ${view.filter === 'all' ? '' : view.filter + ' '}threads${view.query.value !== '' ? ` match "${view.query.value}"` : ''}. Press f to change the filter.`}
        </Text>
      )}
    </Box>
  );
}

function SearchLine({ view, width, count }: { view: ListView; width: number; count: number }) {
  const label = '/ ';
  const status = view.searching
    ? ' searching bodies…'
    : view.hits !== null && view.hits.query === view.query.value
      ? ` ${count} match${count === 1 ? '' : 'es'} (titles + bodies)`
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
