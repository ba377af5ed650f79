/**
 * The shapes a store's cache file may hold (see file-cache.ts): a file that parses but does not
 * have them is ignored. Node-free, so the GitHub modules the hub bundles may use it.
 */
import type { CachedState } from './skeleton.js';

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
