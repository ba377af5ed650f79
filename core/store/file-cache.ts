import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import {
  type GitHubCachedState,
  gitHubCacheIdentity,
  isGitHubCachedState,
} from './github-cache.js';
import type { PersistentCache } from './skeleton.js';

const FORMAT = 3;

/** Whether a parsed value has the shape a cache holds; anything else is ignored. */
export type CacheCheck<T> = (value: unknown) => value is T;

const digestOf = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A store's cache in the user cache folder, one JSON file per store (`<cacheDir>/<kind>/<hash>`).
 * It is a hint: a missing, stale, corrupt or foreign file only costs a full read, and one that
 * cannot be written only makes the next process slower. What is loaded must carry the format,
 * the `identity` it was written for (a folder, a repository: a hash collision or a copied file
 * reads as a miss), a digest of its state (a truncated or altered file is a miss) and pass
 * `check`. Writes replace the file atomically, so processes writing at once never tear it: the
 * last one wins, and every version is a whole one.
 */
export function fileCache<T>(
  cacheDir: string,
  kind: string,
  identity: string,
  check: CacheCheck<T>,
): PersistentCache<T> {
  const file = join(cacheDir, kind, `${digestOf(identity).slice(0, 24)}.json`);
  return {
    load() {
      try {
        const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
        if (data?.format !== FORMAT || data.identity !== identity) return null;
        const state = data.state;
        if (data.digest !== digestOf(JSON.stringify(state))) return null;
        return check(state) ? state : null;
      } catch {
        return null;
      }
    },
    save(state) {
      try {
        // The folder may hold what private repositories' threads say: the user's eyes only.
        mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
        const digest = digestOf(JSON.stringify(state));
        writeFileAtomic(file, JSON.stringify({ format: FORMAT, identity, digest, state }));
      } catch {
        // Only slower next time.
      }
    },
  };
}

/** The GitHub store's cache file in the user cache folder (pass it as the store's `cache`). */
export function gitHubFileCache(
  cacheDir: string,
  store: Parameters<typeof gitHubCacheIdentity>[0],
): PersistentCache<GitHubCachedState> {
  return fileCache(cacheDir, 'github', gitHubCacheIdentity(store), isGitHubCachedState);
}
