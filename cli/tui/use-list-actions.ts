/**
 * The list's bulk actions with feedback: M marks what the list shows as read and says how many,
 * u undoes it; R says it is refreshing and then when it was done, or why it failed; body search
 * shows its progress.
 */
import { useRef } from 'react';
import type { ThreadStore, ThreadSummary } from '../../core/index.js';
import { searchBodies } from './body-search.js';
import { plural } from './format.js';
import type { ListItem, ListView } from './list-view.js';
import type { ThreadsState } from './use-threads.js';
import type { SyncState } from './use-sync-state.js';
import type { Unread } from './use-unread.js';
import { type Writes, failure } from './use-writes.js';

export function useListActions(
  store: ThreadStore,
  live: ThreadsState,
  unread: Unread,
  listView: SyncState<ListView>,
  writes: Writes,
  now: () => Date,
) {
  const undo = useRef<Record<string, number> | null>(null);
  const markAllRead = (shown: readonly ListItem[]) => {
    const before = unread.markAllSeen(
      Object.fromEntries(shown.map((r) => [r.topic, r.entry_count])),
    );
    const n = Object.keys(before).length;
    undo.current = n === 0 ? null : before;
    writes.setNotice({
      kind: 'ok',
      text:
        n === 0
          ? 'Nothing to mark: every thread shown is read.'
          : `Marked ${plural(n, 'thread')} read · u undoes`,
    });
  };
  const undoMarkAll = () => {
    if (undo.current === null) return;
    const n = Object.keys(undo.current).length;
    unread.restore(undo.current);
    undo.current = null;
    writes.setNotice({ kind: 'ok', text: `Undone: ${plural(n, 'thread')} unread again.` });
  };
  const refresh = async () => {
    writes.setNotice({ kind: 'busy', text: 'Refreshing…' });
    const problem = await live.refresh();
    writes.setNotice(
      problem === null
        ? { kind: 'ok', text: `Refreshed at ${now().toISOString().slice(11, 19)}Z.` }
        : failure('Refresh', problem),
    );
  };
  const search = async (text: string, all: readonly ThreadSummary[]) => {
    listView.set((v) => ({ ...v, searching: { done: 0, total: all.length } }));
    let byTopic = new Map();
    try {
      byTopic = await searchBodies(store, all, text, (done) =>
        listView.set((v) => ({ ...v, searching: { done, total: all.length } })),
      );
    } finally {
      listView.set((v) => ({
        ...v,
        searching: null,
        hits: v.query.value === text ? { query: text, byTopic } : v.hits,
      }));
    }
  };
  return { markAllRead, undoMarkAll, refresh, search };
}
