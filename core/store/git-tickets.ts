import { type GitRunner, gitFailure } from '../git.js';
import { newEntryId } from '../thread/entry.js';
import { NETWORK_TIMEOUT_MS } from './git-clone.js';

/**
 * Turns at the remote for writers on different machines (one clone each). Compare-and-swap pushes
 * alone are unfair and wasteful: a writer that lost backs off while a newcomer's first try goes
 * straight in, so under load some writers lose every race until their budget runs out, and every
 * round costs each contender a fetch and a push. So a writer that lost, or that finds others
 * already waiting, leaves a ticket on the remote — `refs/watercooler/queue/<age>-<nonce>`, a ref to
 * the tip, named by the age of its write — and tries only when no older ticket is ahead; its
 * winning push deletes the ticket in the same atomic push. Waiters poll at a pace set by how fast
 * the line moves. Correctness never rests on tickets (the push is still compare-and-swap): a
 * remote that refuses the refs, a dead holder's ticket or another tool's writer cost fairness,
 * never an entry.
 */
export const TICKET_PREFIX = 'refs/watercooler/queue/';

// A head ticket that has not moved, on a branch that has not moved, for this long is a dead
// holder's (a live head lands or loses within a round): it is skipped and removed.
const STALE_MS = 10_000;
const MIN_PAUSE_MS = 40;
const MAX_PAUSE_MS = 2_000;
const FIRST_SERVICE_MS = 250;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export interface TicketDeps {
  git: GitRunner;
  /** The branch the writers race for. */
  branch: string;
  /** Fetches a tip the remote showed into the clone (a ticket names it). */
  have(tip: string): Promise<void>;
  /** The write's age: its Entry-ID when it has one (a ULID). */
  age?: string | null;
  /** When the write's budget ends (epoch ms): past it, try at once and let the retry loop decide. */
  deadline: number;
  sleep?: (ms: number) => Promise<void>;
  clock?: () => number;
}

interface Listing {
  tip: string | null;
  tickets: string[];
}

/** One writer's place in line for one batch: wait for the turn, push with it, leave. */
export class Ticket {
  private mine: string | null = null;
  private off = false;
  private serviceMs = FIRST_SERVICE_MS;
  private head: { name: string; tip: string | null; since: number } | null = null;
  private readonly stale = new Set<string>();
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: TicketDeps) {
    this.clock = deps.clock ?? Date.now;
    this.sleep = deps.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  }

  /** True while this writer holds a ticket: its turn, not a backoff, decides when it tries. */
  get queued(): boolean {
    return this.mine !== null;
  }

  /**
   * Waits until no older ticket is ahead (at once when nobody waits and this writer has not
   * lost yet); answers the remote's tip as last listed, for the try to build on.
   */
  async turn(lost: boolean): Promise<string | null> {
    let last: { at: number; ahead: number } | null = null;
    for (;;) {
      const { tip, tickets } = await this.list();
      const waiting = tickets.filter((t) => !this.stale.has(t));
      let mine = this.mine;
      if (mine === null) {
        if ((!lost && waiting.length === 0) || tip === null || this.off) return tip;
        mine = await this.take(tip);
        if (mine === null) return tip;
      }
      const ahead = waiting.filter((t) => t < (mine as string));
      if (ahead.length === 0 || this.clock() > this.deps.deadline) return tip;
      await this.watchHead(ahead[0] as string, tip);
      const now = this.clock();
      if (last !== null && ahead.length < last.ahead)
        this.serviceMs = (this.serviceMs + (now - last.at) / (last.ahead - ahead.length)) / 2;
      if (last === null || ahead.length < last.ahead) last = { at: now, ahead: ahead.length };
      // The next in line watches closely (the head may land any moment); the rest sleep about
      // as long as the writers ahead of them will take, so the remote is not polled in vain.
      const pause = (ahead.length - 1) * this.serviceMs * (0.5 + Math.random() * 0.5);
      await this.sleep(Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, pause)));
    }
  }

  /** The refspecs a winning push carries: it deletes this writer's ticket with the same push. */
  refspecs(): string[] {
    return this.mine === null ? [] : [`:${this.mine}`];
  }

  /** After a push that carried refspecs() landed: the ticket is gone. */
  landed(): void {
    this.mine = null;
  }

  /** The remote cannot push atomically or keep tickets: race without them from now on. */
  disable(): void {
    this.off = true;
  }

  /** Gives the place up (the write landed elsewhere, failed, or went to the outbox). */
  async leave(): Promise<void> {
    const mine = this.mine;
    this.mine = null;
    if (mine !== null) await this.remove(mine);
  }

  private async list(): Promise<Listing> {
    const branch = `refs/heads/${this.deps.branch}`;
    const args = ['ls-remote', 'origin', branch, `${TICKET_PREFIX}*`];
    // Protocol v2 sends a pattern's glob as a literal ref prefix (so it matches nothing over
    // HTTP); v0 lists every ref in one request and git filters them here.
    const result = await this.deps.git.run(['-c', 'protocol.version=0', ...args], {
      allowFailure: true,
      timeoutMs: NETWORK_TIMEOUT_MS,
    });
    if (result.code !== 0) throw gitFailure(args, result);
    const { stdout } = result;
    let tip: string | null = null;
    const tickets: string[] = [];
    for (const line of stdout.split('\n')) {
      const [sha, ref] = line.split('\t');
      if (ref === branch) tip = sha ?? null;
      else if (ref?.startsWith(TICKET_PREFIX) === true) tickets.push(ref);
    }
    return { tip, tickets: tickets.sort() };
  }

  /** Pushes a ticket naming the tip (an object the remote has: nothing is uploaded). */
  private async take(tip: string): Promise<string | null> {
    await this.deps.have(tip);
    const age = this.deps.age != null && ULID.test(this.deps.age) ? this.deps.age : newEntryId();
    const name = `${TICKET_PREFIX}${age}-${Math.random().toString(36).slice(2, 8)}`;
    const args = ['push', '--quiet', 'origin', `${tip}:${name}`];
    const result = await this.deps.git.run(args, {
      allowFailure: true,
      timeoutMs: NETWORK_TIMEOUT_MS,
    });
    if (result.code === 0) {
      this.mine = name;
      return name;
    }
    const failure = gitFailure(args, result);
    if (failure.kind === 'unreachable' || failure.kind === 'auth') throw failure;
    // The remote keeps no refs of ours (a hook, a protected namespace): race without a line.
    this.off = true;
    return null;
  }

  /** Skips (and removes) a head that sits still while the branch sits still: its holder died. */
  private async watchHead(name: string, tip: string | null): Promise<void> {
    const now = this.clock();
    if (this.head === null || this.head.name !== name || this.head.tip !== tip) {
      this.head = { name, tip, since: now };
      return;
    }
    if (now - this.head.since < STALE_MS) return;
    this.stale.add(name);
    this.head = null;
    await this.remove(name);
  }

  private async remove(name: string): Promise<void> {
    // Best effort: a ticket left behind is skipped as stale by the writers that wait.
    await this.deps.git.run(['push', '--quiet', 'origin', `:${name}`], {
      allowFailure: true,
      timeoutMs: NETWORK_TIMEOUT_MS,
    });
  }
}
