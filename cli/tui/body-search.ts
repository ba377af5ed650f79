/**
 * Body search across threads for the list's `/` + Enter: reads every thread a few at a time and
 * reports progress, so a search over thousands of threads shows "searching… 1,200 / 3,000"
 * instead of freezing.
 */
import type { SearchHit, ThreadStore, ThreadSummary } from '../../core/index.js';
import { searchThread } from '../../core/index.js';

export async function searchBodies(
  store: ThreadStore,
  threads: readonly ThreadSummary[],
  text: string,
  onProgress: (done: number) => void,
): Promise<Map<string, SearchHit[]>> {
  const byTopic = new Map<string, SearchHit[]>();
  for (let i = 0; i < threads.length; i += 16) {
    await Promise.all(
      threads.slice(i, i + 16).map(async (s) => {
        try {
          const hits = searchThread(await store.read(s.topic), { text, fields: ['title', 'body'] });
          if (hits.length > 0) byTopic.set(s.topic, hits);
        } catch {
          // A thread removed meanwhile, or unreadable: it simply has no hits.
        }
      }),
    );
    onProgress(Math.min(threads.length, i + 16));
    // Let a frame through between batches: the progress shows and keys still work.
    await new Promise((r) => setImmediate(r));
  }
  return byTopic;
}
