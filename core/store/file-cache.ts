import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import type { PersistentCache } from './skeleton.js';

const FORMAT = 2;

/**
 * A store's cache in the user cache folder, one JSON file per store (`<cacheDir>/<kind>/<hash>`).
 * It is a hint: a missing, stale or corrupt file only costs a full read, and one that cannot be
 * written only makes the next process slower. `identity` (a folder, a repository) is kept inside,
 * so a hash collision reads as a miss.
 */
export function fileCache<T>(cacheDir: string, kind: string, identity: string): PersistentCache<T> {
  const file = join(
    cacheDir,
    kind,
    `${createHash('sha256').update(identity).digest('hex').slice(0, 24)}.json`,
  );
  return {
    load() {
      try {
        const data = JSON.parse(readFileSync(file, 'utf8')) as {
          format: number;
          identity: string;
          state: T;
        };
        return data.format === FORMAT && data.identity === identity ? data.state : null;
      } catch {
        return null;
      }
    },
    save(state) {
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileAtomic(file, JSON.stringify({ format: FORMAT, identity, state }));
      } catch {
        // Only slower next time.
      }
    },
  };
}
