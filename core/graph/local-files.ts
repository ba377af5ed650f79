import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../store/atomic.js';
import { pythonGraphCompanions } from './companions.js';

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw err;
  }
}

/**
 * The graph upkeep of a local threads folder (`pythonGraphCompanions` over the file system).
 * Called before the markdown is written, as the Python writer orders it: a write that dies between
 * the two leaves an entry the graph knows, which the next write keeps, never one only the
 * markdown has.
 */
export async function syncLocalGraph(
  threadsDir: string,
  fileName: string,
  after: string,
  now: () => Date,
): Promise<void> {
  const companions = pythonGraphCompanions(now);
  const read = async (path: string) => readOrNull(join(threadsDir, path));
  for (const file of await companions({ path: fileName, after }, read)) {
    const full = join(threadsDir, file.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileAtomic(full, file.text);
  }
}
