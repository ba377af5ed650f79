import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import type { CachedState, PersistentCache } from './skeleton.js';

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

// Hand-written rather than zod: this runs on every command's start, and zod costs more to load
// than the whole command it would check (core/config-schema.ts is loaded only when needed).
export const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A plain object whose every value passes `each`. */
export function isRecordOf<T>(v: unknown, each: (x: unknown) => x is T): v is Record<string, T> {
  return isObject(v) && Object.values(v).every(each);
}

const isStringOrNull = (v: unknown): v is string | null => v === null || isString(v);
const isStrings = (v: unknown): v is Record<string, string> => isRecordOf(v, isString);

function isLayout(v: unknown): v is CachedState['layouts'][string] {
  if (!isObject(v) || !isString(v.dir) || typeof v.sharedRoot !== 'boolean') return false;
  const config = v.config;
  if (!isObject(config) || !isString(config.defaultBall) || !isObject(config.registry))
    return false;
  const r = config.registry;
  return (
    isStrings(r.canonical) &&
    isStrings(r.counterpart) &&
    (r.default_ball === undefined || isString(r.default_ball))
  );
}

function isSummary(v: unknown): v is CachedState['summaries'][string] {
  return (
    isObject(v) &&
    ['topic', 'title', 'status', 'ball', 'path'].every((k) => isString(v[k])) &&
    isStringOrNull(v.updated) &&
    isStringOrNull(v.last_agent) &&
    Number.isInteger(v.entry_count) &&
    (v.entry_count as number) >= 0
  );
}

/** The skeleton's state: layouts by view version, summaries by `<file id>:<path>`. */
export function isCachedState(v: unknown): v is CachedState {
  return isObject(v) && isRecordOf(v.layouts, isLayout) && isRecordOf(v.summaries, isSummary);
}
