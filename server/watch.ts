import type { ThreadStore, ThreadSummary } from '../core/index.js';

/** A thread whose list row changed between two polls (`before` null: it appeared). */
export interface ThreadChange {
  topic: string;
  before: ThreadSummary | null;
  after: ThreadSummary;
}

/** Called after every poll: what changed since the previous one, and the whole list. */
export type WatchListener = (
  changes: ThreadChange[],
  current: readonly ThreadSummary[],
) => void | Promise<void>;

export interface WatcherOptions {
  /** Time between two polls (default 1 s). */
  intervalMs?: number;
  log?: (line: string) => void;
}

const fingerprint = (s: ThreadSummary) =>
  `${s.updated}\u0000${s.entry_count}\u0000${s.ball}\u0000${s.status}\u0000${s.last_agent}`;

/**
 * Polls `store.list()` while someone listens (a resource subscription, a wait_for_ball, a push
 * session) and never otherwise. The list is cheap by design: the local store caches rows by
 * mtime, the git and GitHub stores fetch only what moved. One watcher serves every session of a
 * process, so N subscribers cost one poll.
 */
export class StoreWatcher {
  readonly #store: ThreadStore;
  readonly #intervalMs: number;
  readonly #log: (line: string) => void;
  readonly #listeners = new Set<WatchListener>();
  #last: Map<string, { summary: ThreadSummary; print: string }> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #polling: Promise<void> | null = null;

  constructor(store: ThreadStore, options: WatcherOptions = {}) {
    this.#store = store;
    this.#intervalMs = Math.max(50, options.intervalMs ?? 1000);
    this.#log = options.log ?? (() => {});
  }

  /** How many listeners are attached (health reports it; polling runs only while it is > 0). */
  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Starts calling `listener` after each poll; returns the function that stops it. */
  watch(listener: WatchListener): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) {
      this.#last = null; // A baseline from an earlier watch would report stale changes.
      this.#schedule(0);
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0 && this.#timer !== null) {
        clearTimeout(this.#timer);
        this.#timer = null;
      }
    };
  }

  /** Stops polling for good. */
  async close(): Promise<void> {
    this.#listeners.clear();
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#polling;
  }

  #schedule(delay: number): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#polling = this.#poll().finally(() => {
        this.#polling = null;
        if (this.#listeners.size > 0 && this.#timer === null) this.#schedule(this.#intervalMs);
      });
    }, delay);
    this.#timer.unref();
  }

  async #poll(): Promise<void> {
    let rows: ThreadSummary[];
    try {
      rows = await this.#store.list();
    } catch (err) {
      this.#log(
        `watch: listing the store failed: ${err instanceof Error ? err.message : String(err)}`,
      );
      return;
    }
    const next = new Map(rows.map((s) => [s.path, { summary: s, print: fingerprint(s) }]));
    const changes: ThreadChange[] = [];
    if (this.#last !== null) {
      for (const [path, now] of next) {
        const was = this.#last.get(path);
        if (was?.print !== now.print)
          changes.push({
            topic: now.summary.topic,
            before: was?.summary ?? null,
            after: now.summary,
          });
      }
    }
    this.#last = next;
    for (const listener of [...this.#listeners]) {
      try {
        await listener(changes, rows);
      } catch (err) {
        this.#log(
          `watch: a listener failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
      }
    }
  }
}
