/**
 * The thread list's keys and mouse: move, open, search (typing goes to the search line while it
 * has the keyboard), filter, sort, and the list's actions.
 */
import { editKey, emptyEditor } from './editor.js';
import { FILTERS, type ListItem, type ListView, SORTS, selectedIndex } from './list-view.js';
import type { ThreadListProps } from './ThreadList.js';
import { useKeys } from './use-keys.js';

/** What the list draws this frame, which the keys depend on (page size, rows for a click). */
interface Drawn {
  listHeight: number;
  /** The rows on screen, top to bottom. */
  page: readonly ListItem[];
  /** True when the search line takes the row above the header. */
  showSearch: boolean;
}

export function useListKeys(props: ThreadListProps, { listHeight, page, showSearch }: Drawn) {
  useKeys(
    (input, key) => {
      // The latest state, not this render's: keys can arrive faster than frames.
      const v = props.view.get();
      const set = (patch: Partial<ListView>) => props.view.set({ ...v, ...patch });
      const list = props.rowsFor(props.rows, v);
      // Ctrl+letter and Alt+letter are not the letter: Ctrl+A is a tmux prefix, not a command.
      const plain = key.ctrl || key.meta ? '' : input;
      const i = selectedIndex(list, v);
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
        const list = props.rowsFor(props.rows, v);
        const i = selectedIndex(list, v);
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
}
