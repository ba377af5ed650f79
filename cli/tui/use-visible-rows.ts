import { useCallback, useRef } from 'react';
import { type ListItem, type ListView, visibleRows } from './list-view.js';

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
