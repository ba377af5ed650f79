/**
 * The thread view's scroll position and live following: new entries scroll into view when the
 * reader was at the bottom (or just wrote them); otherwise a counter says how many wait below.
 */
import { useEffect, useRef, useState } from 'react';
import type { ThreadLayout } from './thread-lines.js';
import { type SyncState, useSyncState } from './use-sync-state.js';

export interface Scroll {
  top: SyncState<number>;
  maxTop: number;
  newBelow: number;
  scrollTo: (t: number) => void;
}

export function useFollow(
  layout: ThreadLayout,
  rows: number,
  focusEntry: number | null,
  follow: number,
): Scroll {
  const maxTop = Math.max(0, layout.lines.length - rows);
  const startOf = (i: number) => layout.entryStarts[i] ?? 0;
  const top = useSyncState(() =>
    Math.min(maxTop, startOf(focusEntry ?? layout.entryStarts.length - 1)),
  );
  const setTop = top.set;
  const [newBelow, setNewBelow] = useState(0);
  const seenEntries = useRef(layout.entryStarts.length);
  const wasAtBottom = useRef(true);
  const followNext = useRef(false);
  const lastFollow = useRef(follow);
  if (lastFollow.current !== follow) {
    lastFollow.current = follow;
    followNext.current = true;
  }
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
  }, [layout, maxTop, setTop]);
  // Declared after the effect above so that it still sees the previous frame's position.
  useEffect(() => {
    wasAtBottom.current = top.value >= maxTop;
    if (top.value > maxTop) setTop(maxTop);
    if (top.value >= maxTop) setNewBelow(0);
  }, [top.value, maxTop, setTop]);
  return {
    top,
    maxTop,
    newBelow,
    scrollTo: (t) => setTop(Math.max(0, Math.min(maxTop, t))),
  };
}
