/**
 * Drafts survive leaving the composer, Ctrl+C and a restart: one per thread (and one new thread)
 * per store location, in `<state dir>/drafts.json`. Saved shortly after each change and at once
 * on `flush` (the App flushes before it exits), replaced atomically.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { type Draft, isDirty, reviveDraft } from './draft.js';
import { type SyncState, useSyncState } from './use-sync-state.js';

const DRAFTS_FILE = 'drafts.json';

type DraftsByKey = Record<string, Draft>;
interface DraftsFile {
  version: 1;
  stores: Record<string, Record<string, unknown>>;
}

function readFile(stateDir: string): DraftsFile {
  try {
    const data = JSON.parse(readFileSync(join(stateDir, DRAFTS_FILE), 'utf8')) as DraftsFile;
    if (data.version === 1 && typeof data.stores === 'object' && data.stores !== null) return data;
  } catch {
    // Missing or unreadable: no drafts.
  }
  return { version: 1, stores: {} };
}

function readDrafts(stateDir: string, location: string): DraftsByKey {
  const out: DraftsByKey = {};
  for (const [key, value] of Object.entries(readFile(stateDir).stores[location] ?? {})) {
    const d = reviveDraft(value);
    if (d !== null) out[key] = d;
  }
  return out;
}

function saveDrafts(stateDir: string, location: string, drafts: DraftsByKey): void {
  const file = readFile(stateDir);
  const kept = Object.fromEntries(
    Object.entries(drafts)
      .filter(([, d]) => isDirty(d) || d.entryId !== null)
      .map(([k, d]) => [k, { ...d, confirm: null, problem: null }]),
  );
  if (Object.keys(kept).length === 0) delete file.stores[location];
  else file.stores[location] = kept;
  mkdirSync(stateDir, { recursive: true });
  const path = join(stateDir, DRAFTS_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(file), { mode: 0o600 });
  renameSync(tmp, path);
}

export interface Drafts {
  /** The draft under `key` as a state the composer edits (null: none). */
  slot: (key: string) => SyncState<Draft | null>;
  has: (key: string) => boolean;
  /** Writes pending changes now. */
  flush: () => void;
  /** Why drafts could not be saved, if they could not. */
  error: string | null;
}

export function useDrafts(stateDir: string | null, location: string): Drafts {
  const initial = useMemo(
    () => (stateDir === null ? {} : readDrafts(stateDir, location)),
    [stateDir, location],
  );
  const all = useSyncState<DraftsByKey>(initial);
  const timer = useRef<NodeJS.Timeout | null>(null);
  const error = useSyncState<string | null>(null);
  const { get: getAll, set: setAll } = all;
  const setError = error.set;

  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    if (stateDir === null) return;
    try {
      saveDrafts(stateDir, location, getAll());
    } catch (err) {
      setError(`Drafts not saved: ${(err as Error).message}`);
    }
  }, [stateDir, location, getAll, setError]);

  useEffect(() => () => flush(), [flush]);

  const slot = (key: string): SyncState<Draft | null> => ({
    value: all.value[key] ?? null,
    get: () => getAll()[key] ?? null,
    set: (next) => {
      setAll((prev) => {
        const before = prev[key] ?? null;
        const value = typeof next === 'function' ? next(before) : next;
        const copy = { ...prev };
        if (value === null) delete copy[key];
        else copy[key] = value;
        return copy;
      });
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(flush, 300).unref();
    },
  });

  return { slot, has: (key) => isDirty(all.value[key]), flush, error: error.value };
}
