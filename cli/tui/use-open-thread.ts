/**
 * The thread on screen (also under the composer), re-read when its list row changes, and
 * marked read as it is shown: on open and as entries arrive.
 */
import { useEffect } from 'react';
import type { ThreadStore, ThreadSummary } from '../../core/index.js';
import { type Route, topicOf } from './route.js';
import { type ThreadState, summaryKey, useThread } from './use-threads.js';
import type { Unread } from './use-unread.js';

export function useOpenThread(
  store: ThreadStore,
  route: Route,
  summaries: readonly ThreadSummary[] | null,
  unread: Unread,
): { openTopic: string | null; thread: ThreadState } {
  const openTopic = topicOf(route);
  const openSummary = summaries?.find((s) => s.topic === openTopic);
  const thread = useThread(store, openTopic, summaryKey(openSummary));
  const entryCount = thread.snapshot?.thread.entries.length ?? 0;
  useEffect(() => {
    if (openTopic !== null && thread.snapshot !== null) unread.markSeen(openTopic, entryCount);
  }, [openTopic, thread.snapshot, entryCount, unread]);
  return { openTopic, thread };
}
