import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { SessionEventStore } from './event-store.js';
import { Reclaimer } from './reclaim.js';

export interface SessionLimits {
  /** A session with no request open for this long is closed (its client must initialize again). */
  idleMs: number;
  /** At most this many sessions at once; one more initialize is refused with a clear error. */
  maxSessions: number;
}

/** 30 minutes idle; 100 sessions (each about 170 KB with its GET stream: `npm run bench -- mcp`). */
export const DEFAULT_LIMITS: SessionLimits = { idleMs: 30 * 60_000, maxSessions: 100 };

/** One client's session: its transport and the SSE events it can resume from. */
export interface Session {
  transport: StreamableHTTPServerTransport;
  events: SessionEventStore;
}

interface Entry extends Session {
  /** Requests (and SSE streams) still open: a session waiting on one is not idle. */
  open: number;
  lastSeen: number;
}

/**
 * The live HTTP sessions. A client that goes away without DELETE leaves its session behind;
 * a sweep closes those once idle, so abandoned sessions cost memory for `idleMs` at most.
 */
export class SessionTable {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: ReturnType<typeof setInterval>;
  private readonly reclaimer = new Reclaimer();

  constructor(
    readonly limits: SessionLimits,
    /** Told how many sessions a sweep closed (the operator's log line). */
    private readonly onExpired: (count: number) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {
    const every = Math.max(50, Math.min(30_000, Math.floor(limits.idleMs / 4)));
    this.sweeper = setInterval(() => void this.sweep(), every);
    this.sweeper.unref();
  }

  get size(): number {
    return this.entries.size;
  }

  full(): boolean {
    return this.entries.size >= this.limits.maxSessions;
  }

  add(id: string, session: Session): void {
    this.entries.set(id, { ...session, open: 0, lastSeen: this.now() });
  }

  get(id: string): Session | undefined {
    return this.entries.get(id);
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  /** Marks a request on `id` open until `done` fires (the response finished or broke). */
  track(id: string, done: (fn: () => void) => void): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    entry.open++;
    entry.lastSeen = this.now();
    done(() => {
      entry.open--;
      entry.lastSeen = this.now();
    });
  }

  /** Closes every session idle for `idleMs` (their transports' onclose removes them). */
  async sweep(): Promise<void> {
    const cutoff = this.now() - this.limits.idleMs;
    const stale = [...this.entries].filter(([, e]) => e.open === 0 && e.lastSeen <= cutoff);
    for (const [id, entry] of stale) {
      this.entries.delete(id);
      await entry.transport.close().catch(() => {});
    }
    if (stale.length > 0) {
      this.onExpired(stale.length);
      this.reclaimer.request();
    }
    this.reclaimer.tick();
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    const all = [...this.entries.values()];
    this.entries.clear();
    for (const { transport } of all) await transport.close().catch(() => {});
  }
}
