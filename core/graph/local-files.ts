import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../store/atomic.js';
import type { Thread } from '../thread/parse.js';
import { GRAPH_DIR, graphFilesAfter, graphPathsFor, graphTopicOf } from './baseline.js';

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Brings a thread's 2026 graph files in a local threads folder in line with the markdown about to
 * be written, when that folder has a graph (the Python tool made it). Called before the markdown
 * is written, as the Python writer orders it: a write that dies between the two leaves an entry
 * the graph knows, which the next write keeps, never one only the markdown has.
 */
export function syncLocalGraph(threadsDir: string, stem: string, thread: Thread, now: Date): void {
  if (!existsSync(join(threadsDir, GRAPH_DIR))) return;
  const paths = graphPathsFor(graphTopicOf(thread, stem));
  const current = {
    meta: readOrNull(join(threadsDir, paths.meta)),
    entries: readOrNull(join(threadsDir, paths.entries)),
    edges: readOrNull(join(threadsDir, paths.edges)),
  };
  for (const file of graphFilesAfter({ thread, stem, current, now })) {
    const full = join(threadsDir, file.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileAtomic(full, file.text);
  }
}
