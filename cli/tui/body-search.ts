/**
 * Body search across threads for the list's `/` + Enter: reads every thread a few at a time and
 * reports progress, so a search over thousands of threads shows "searching… 1,200 / 3,000"
 * instead of freezing, and keys still work meanwhile.
 */
import type { SearchHit, ThreadStore, ThreadSummary } from '../../core/index.js';
import { searchThread } from '../../core/index.js';

const BATCH = 16;
/** Progress is drawn at most this often: a frame per batch was most of a search's time. */
const PROGRESS_MS = 100;

export async function searchBodies(
  store: ThreadStore,
  threads: readonly ThreadSummary[],
  text: string,
  onProgress: (done: number) => void,
): Promise<Map<string, SearchHit[]>> {
  const byTopic = new Map<string, SearchHit[]>();
  let shown = performance.now();
  for (let i = 0; i < threads.length; i += BATCH) {
    await Promise.all(
      threads.slice(i, i + BATCH).map(async (s) => {
        try {
          const hits = searchThread(await store.read(s.topic), { text, fields: ['title', 'body'] });
          if (hits.length > 0) byTopic.set(s.topic, hits);
        } catch {
          // A thread removed meanwhile, or unreadable: it simply has no hits.
        }
      }),
    );
    if (performance.now() - shown >= PROGRESS_MS) {
      shown = performance.now();
      onProgress(Math.min(threads.length, i + BATCH));
    }
    // Let keys and frames through between batches.
    await new Promise((r) => setImmediate(r));
  }
  return byTopic;
}
