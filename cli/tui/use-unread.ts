/**
 * Unread state per user: how many entries of each thread this user has seen, per store location,
 * in `<state dir>/seen.json`. Threads are append-only, so "seen N entries" is enough to know which
 * are new. Two TUIs of the same user may run at once: every save merges with the file (the larger
 * count wins) and replaces it atomically, so neither loses the other's progress.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useCallback, useMemo, useRef, useState } from 'react';

const SEEN_FILE = 'seen.json';

type SeenByTopic = Record<string, number>;
interface SeenFile {
  version: 1;
  stores: Record<string, SeenByTopic>;
}

export function readSeen(stateDir: string): SeenFile {
  try {
    const data = JSON.parse(readFileSync(join(stateDir, SEEN_FILE), 'utf8')) as Partial<SeenFile>;
    if (data.version === 1 && typeof data.stores === 'object' && data.stores !== null)
      return data as SeenFile;
  } catch {
    // Missing or unreadable: start over rather than refuse to open.
  }
  return { version: 1, stores: {} };
}

/**
 * Merges `updates` into the file (max per topic; `exact` sets them as given, for an undo) and
 * writes it atomically.
 */
export function saveSeen(
  stateDir: string,
  location: string,
  updates: SeenByTopic,
  exact = false,
): SeenByTopic {
  const file = readSeen(stateDir);
  const mine = { ...(file.stores[location] ?? {}) };
  for (const [topic, count] of Object.entries(updates))
    mine[topic] = exact ? count : Math.max(mine[topic] ?? 0, count);
  file.stores[location] = mine;
  mkdirSync(stateDir, { recursive: true });
  const path = join(stateDir, SEEN_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(file));
  renameSync(tmp, path);
  return mine;
}

export interface Unread {
  /** Entries seen of a thread (0 when never opened). */
  seen: (topic: string) => number;
  /** Records that `count` entries of `topic` are seen (never lowers the count). */
  markSeen: (topic: string, count: number) => void;
  /** Marks many threads at once (one write); returns the counts it replaced, for an undo. */
  markAllSeen: (counts: Record<string, number>) => Record<string, number>;
  /** Puts counts back as they were (undo of markAllSeen). */
  restore: (counts: Record<string, number>) => void;
  /** Why the state could not be saved, if it could not (shown once; the TUI keeps working). */
  error: string | null;
}

/** Unread state for one store; `stateDir` null keeps it in memory only. */
export function useUnread(stateDir: string | null, location: string): Unread {
  const initial = useMemo(
    () => (stateDir === null ? {} : (readSeen(stateDir).stores[location] ?? {})),
    [stateDir, location],
  );
  const [seenMap, setSeenMap] = useState<SeenByTopic>(initial);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(seenMap);
  latest.current = seenMap;

  const store = useCallback(
    (updates: SeenByTopic, exact: boolean) => {
      let next = { ...latest.current, ...updates };
      if (stateDir !== null) {
        try {
          next = { ...next, ...saveSeen(stateDir, location, updates, exact) };
        } catch (err) {
          setError(`Unread state not saved: ${(err as Error).message}`);
        }
      }
      latest.current = next;
      setSeenMap(next);
    },
    [stateDir, location],
  );
  const markAllSeen = useCallback(
    (counts: Record<string, number>) => {
      const changed = Object.entries(counts).filter(([t, n]) => (latest.current[t] ?? 0) < n);
      if (changed.length === 0) return {};
      const before = Object.fromEntries(changed.map(([t]) => [t, latest.current[t] ?? 0]));
      store(Object.fromEntries(changed), false);
      return before;
    },
    [store],
  );
  const restore = useCallback((counts: SeenByTopic) => store(counts, true), [store]);

  // Stable while nothing changes, so the list rows built from it are only rebuilt on a change.
  const seen = useCallback((topic: string) => seenMap[topic] ?? 0, [seenMap]);
  return {
    seen,
    markSeen: (topic, count) => void markAllSeen({ [topic]: count }),
    markAllSeen,
    restore,
    error,
  };
}
