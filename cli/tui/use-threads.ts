/**
 * Live data for the TUI. One loop keeps the list fresh: an interval poll (for a remote store that
 * is the only signal; the git store fetches on every `list`) plus `fs.watch` on a local folder so
 * a local write shows within milliseconds. The open thread is re-read only when its list row
 * changes, so a poll costs one `list`, not one read per thread.
 */
import { type FSWatcher, watch } from 'node:fs';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ThreadSnapshot, ThreadStore, ThreadSummary } from '../../core/index.js';

export interface ThreadsState {
  summaries: ThreadSummary[] | null;
  error: unknown;
  /**
   * Re-lists now (after a write, or on `R`); settles when the list is current, with the error
   * of that last listing (null: it worked).
   */
  refresh: () => Promise<unknown>;
}

export interface LiveOptions {
  /** Interval between polls in ms; 0 disables polling. */
  pollMs: number;
  /** A local folder to watch for changes (null: poll only). */
  watchDir: string | null;
}

/** What identifies a list row's content: when it changes, the thread changed. */
export function summaryKey(s: ThreadSummary | undefined): string {
  return s === undefined
    ? ''
    : `${s.entry_count}|${s.updated ?? ''}|${s.status}|${s.ball}|${s.title}`;
}

function listKey(rows: readonly ThreadSummary[]): string {
  return rows.map((s) => `${s.path}|${summaryKey(s)}`).join('\n');
}

export function useThreads(store: ThreadStore, options: LiveOptions): ThreadsState {
  const [summaries, setSummaries] = useState<ThreadSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const state = useRef({
    running: null as Promise<unknown> | null,
    again: false,
    key: null as string | null,
    alive: true,
  });

  const load = useCallback((): Promise<unknown> => {
    const s = state.current;
    // A listing is under way: it lists once more when done, and that answers this call too.
    if (s.running !== null) {
      s.again = true;
      return s.running;
    }
    const run = async () => {
      let failure: unknown;
      do {
        s.again = false;
        try {
          const rows = await store.list();
          if (!s.alive) return null;
          const key = listKey(rows);
          if (key !== s.key) {
            s.key = key;
            setSummaries(rows);
          }
          failure = null;
        } catch (err) {
          failure = err;
        }
        if (s.alive) setError(failure);
      } while (s.again && s.alive);
      return failure;
    };
    s.running = run().finally(() => {
      s.running = null;
    });
    return s.running;
  }, [store]);

  useEffect(() => {
    const s = state.current;
    s.alive = true;
    void load();
    // Unref'd: if React runs this cleanup late (or never, on exit), the process still ends.
    const timer =
      options.pollMs > 0 ? setInterval(() => void load(), options.pollMs).unref() : null;
    let watcher: FSWatcher | null = null;
    let debounce: NodeJS.Timeout | null = null;
    if (options.watchDir !== null) {
      try {
        watcher = watch(options.watchDir, () => {
          // A write is several events (temp file, rename); one list after they settle.
          if (debounce !== null) clearTimeout(debounce);
          debounce = setTimeout(() => void load(), 40).unref();
        });
        watcher.on('error', () => watcher?.close());
        watcher.unref();
      } catch {
        watcher = null; // The folder may not exist yet: the poll covers it.
      }
    }
    return () => {
      s.alive = false;
      if (timer !== null) clearInterval(timer);
      if (debounce !== null) clearTimeout(debounce);
      watcher?.close();
    };
  }, [load, options.pollMs, options.watchDir]);

  return { summaries, error, refresh: load };
}

export interface ThreadState {
  snapshot: ThreadSnapshot | null;
  error: unknown;
  reload: () => void;
}

/** One thread, re-read whenever `changeKey` (its list row) changes. */
export function useThread(
  store: ThreadStore,
  topic: string | null,
  changeKey: string,
): ThreadState {
  const [snapshot, setSnapshot] = useState<ThreadSnapshot | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (topic === null) {
      setSnapshot(null);
      return;
    }
    let alive = true;
    store.read(topic).then(
      (snap) => {
        if (!alive) return;
        setSnapshot((old) =>
          old !== null &&
          old.topic === snap.topic &&
          old.version === snap.version &&
          old.text === snap.text
            ? old
            : snap,
        );
        setError(null);
      },
      (err: unknown) => {
        if (alive) setError(err);
      },
    );
    return () => {
      alive = false;
    };
  }, [store, topic, changeKey, tick]);

  // A different thread: never show the previous one's snapshot.
  const current = snapshot !== null && snapshot.topic === topic ? snapshot : null;
  return { snapshot: current, error, reload: () => setTick((t) => t + 1) };
}
