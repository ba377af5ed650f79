/**
 * The list's rows: one per thread, with its unread count and whose turn it is, and the ones the
 * list view shows (filtered, searched, sorted).
 */
import { useCallback, useMemo, useRef } from 'react';
import type { AgentRegistry, ThreadSummary } from '../../core/index.js';
import { toListRow } from '../../core/index.js';
import { type ListItem, type ListView, visibleRows } from './list-view.js';
import type { Unread } from './use-unread.js';

export interface ListRows {
  /** Every thread. */
  items: ListItem[];
  /** `items` as the view shows them, and the (cached) function that computes that. */
  shown: ListItem[];
  rowsFor: (all: readonly ListItem[], view: ListView) => ListItem[];
}

export function useListRows(
  summaries: readonly ThreadSummary[] | null,
  me: string,
  registry: AgentRegistry | undefined,
  unread: Unread,
  view: ListView,
): ListRows {
  const items: ListItem[] = useMemo(
    () =>
      (summaries ?? []).map((s) => ({
        ...toListRow(s, me, registry),
        unread: Math.max(0, s.entry_count - unread.seen(s.topic)),
      })),
    [summaries, me, registry, unread.seen],
  );
  const rowsFor = useVisibleRows();
  return { items, shown: rowsFor(items, view), rowsFor };
}

/**
 * `visibleRows` remembered for the last inputs: with thousands of threads, filtering and sorting
 * on every key press (and again in the key handler) was most of the time a key took.
 */
function useVisibleRows(): (all: readonly ListItem[], view: ListView) => ListItem[] {
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
