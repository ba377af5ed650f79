import { parseThread } from '../thread/parse.js';
import { GRAPH_DIR, graphFilesAfter, graphPathsFor, graphTopicOf } from './baseline.js';

/** A thread a write changed: its path in the store's tree and its new bytes. */
export interface ChangedThread {
  path: string;
  after: string;
}

/** Reads a file of the same view (tree-relative path); null when missing. */
export type ReadFile = (path: string) => Promise<string | null>;

/**
 * The graph files to write with a changed thread, for any store: none unless the 2026 Python
 * tool keeps a graph beside the thread (its `graph/baseline/manifest.json`, which its writer and
 * its `baseline-graph build` both write, or this thread's own `meta.json`). Paths come back in the
 * store's tree, next to the thread's folder, so a git or GitHub store commits them with the
 * thread in one commit and the local store writes them under the thread's lock.
 */
export function pythonGraphCompanions(now: () => Date = () => new Date()) {
  return async (
    change: ChangedThread,
    read: ReadFile,
  ): Promise<{ path: string; text: string }[]> => {
    const slash = change.path.lastIndexOf('/');
    const prefix = slash === -1 ? '' : change.path.slice(0, slash + 1);
    const stem = change.path.slice(slash + 1).replace(/\.md$/, '');
    const thread = parseThread(change.after);
    const paths = graphPathsFor(graphTopicOf(thread, stem));
    const [manifest, meta, entries, edges] = await Promise.all([
      read(`${prefix}${GRAPH_DIR}/manifest.json`),
      read(prefix + paths.meta),
      read(prefix + paths.entries),
      read(prefix + paths.edges),
    ]);
    if (manifest === null && meta === null) return [];
    return graphFilesAfter({ thread, stem, current: { meta, entries, edges }, now: now() }).map(
      (f) => ({ path: prefix + f.path, text: f.text }),
    );
  };
}
