import { type GitRunner, gitFailure } from '../git.js';
import { type Operation, appendsEntry } from '../operations.js';
import { newEntryId } from '../thread/entry.js';
import { NETWORK_TIMEOUT_MS } from './git-clone.js';
import { LINE_REF, type LineMemory } from './git-line.js';

/**
 * Turns at the remote for writers on different machines (one clone each). Compare-and-swap pushes
 * alone are unfair and wasteful: a writer that lost backs off while a newcomer's first try goes
 * straight in, so under load some writers lose every race until their budget runs out, and every
 * round costs each contender a fetch and a push. So a writer that lost, or that finds others
 * already waiting, leaves a ticket on the remote — `refs/watercooler/queue/<age>-<nonce>`, named
 * by the age of its write — and tries only when no older ticket is ahead; its
 * winning push deletes the ticket in the same atomic push. Waiters poll at a pace set by how fast
 * the line moves. An append rides on its ticket (the ticket is a tiny commit whose message is
 * the operation): the writer whose turn it is carries every rider behind it in its own commit and
 * drops their tickets with its push, so a line of forty costs a few rounds, not forty. A rider
 * whose ticket vanished tries once on the new tip: its Entry-ID is there (carried: nothing to
 * do) or it is not (its ticket was dropped as stale: back in line). Correctness never rests on
 * tickets (the push is still compare-and-swap, appends are idempotent by Entry-ID): a remote that
 * refuses the refs, a dead holder's ticket or another tool's writer cost fairness, never an entry.
 * Taking a ticket also replaces the line's version (git-line.ts), for writers that skip the listing.
 */
const TICKET_PREFIX = 'refs/watercooler/queue/';

// A head ticket that has not moved, on a branch that has not moved, for this long is a dead
// holder's (a live head lands or loses within a round): it is skipped and removed.
const STALE_MS = 10_000;
const MIN_PAUSE_MS = 100;
const MAX_PAUSE_MS = 2_000;
const FIRST_ROUND_MS = 500;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const MAX_RIDERS = 100;
const RIDER_MARK = 'watercooler-rider\n\n';
const LOCAL_TICKETS = 'refs/watercooler/seen/';

/** Another machine's write waiting in line, as this machine may carry it. */
interface Rider {
  ticket: string;
  op: Operation;
  writtenAt?: Date;
}

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
  /** This write, to ride on the ticket (appends only; null: a plain ticket). */
  ride?: { op: Operation; writtenAt?: string } | null;
  /** Makes a parentless commit with an empty tree and this message (a rider's ticket). */
  seal(message: string): Promise<string>;
  /** What this process knows of the line, kept from one write to the next. */
  line: LineMemory;
}

interface Listing {
  tip: string | null;
  tickets: string[];
}

/** One writer's place in line for one batch: wait for the turn, push with it, leave. */
export class Ticket {
  private mine: string | null = null;
  private off = false;
  private roundMs = FIRST_ROUND_MS;
  private head: { name: string; tip: string | null; since: number } | null = null;
  private readonly stale = new Set<string>();
  private last: Listing | null = null;

  constructor(private readonly deps: TicketDeps) {}

  /** True while this writer holds a ticket: its turn, not a backoff, decides when it tries. */
  get queued(): boolean {
    return this.mine !== null;
  }

  /**
   * Waits until no older ticket is ahead (at once when nobody waits and this writer has not
   * lost yet); answers the remote's tip as last listed, for the try to build on.
   */
  async turn(lost: boolean): Promise<string | null> {
    let last: { at: number; tip: string | null } | null = null;
    for (;;) {
      const { tip, tickets } = await this.list();
      const waiting = tickets.filter((t) => !this.stale.has(t));
      if (this.mine !== null && !tickets.includes(this.mine)) {
        // Carried by the writer ahead (or dropped as stale): the try on this tip tells which.
        this.mine = null;
        return tip;
      }
      let mine = this.mine;
      if (mine === null) {
        if ((!lost && waiting.length === 0) || tip === null || this.off) return tip;
        mine = await this.take(tip);
        if (mine === null) return tip;
      }
      const ahead = waiting.filter((t) => t < (mine as string));
      if (ahead.length === 0 || Date.now() > this.deps.deadline) return tip;
      await this.watchHead(ahead[0] as string, tip);
      const now = Date.now();
      if (last !== null && tip !== last.tip) this.roundMs = (this.roundMs + now - last.at) / 2;
      if (last === null || tip !== last.tip) last = { at: now, tip };
      // The head carries every rider behind it, so the whole line moves once a round: poll
      // about once a round (its length learnt from how often the tip moves), not in a spin
      // that would steal the machine from the head.
      const pause = this.roundMs * (0.5 + Math.random() * 0.5);
      const ms = Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, pause));
      await new Promise<void>((r) => setTimeout(r, ms));
    }
  }

  /**
   * The riders waiting behind this writer, as the last listing showed them: their tickets
   * fetched and read (one fetch, one for-each-ref). Appends only, at most MAX_RIDERS.
   */
  async riders(): Promise<Rider[]> {
    const listing = this.last;
    if (listing === null || this.off) return [];
    const behind = listing.tickets.filter(
      (t) => t !== this.mine && !this.stale.has(t) && (this.mine === null || t > this.mine),
    );
    if (behind.length === 0) return [];
    const fetch = ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--prune', 'origin'];
    const got = await this.deps.git.run([...fetch, `+${TICKET_PREFIX}*:${LOCAL_TICKETS}*`], {
      allowFailure: true,
      timeoutMs: NETWORK_TIMEOUT_MS,
    });
    if (got.code !== 0) return [];
    const { stdout } = await this.deps.git.run([
      'for-each-ref',
      '--format=%(refname)%00%(contents)%00',
      LOCAL_TICKETS,
    ]);
    const messages = new Map<string, string>();
    const parts = stdout.split('\0');
    for (let i = 0; i + 1 < parts.length; i += 2)
      messages.set(
        (parts[i] ?? '').trim().replace(LOCAL_TICKETS, TICKET_PREFIX),
        parts[i + 1] ?? '',
      );
    const { riderOf } = await import('./git-rider.js');
    const riders: Rider[] = [];
    for (const ticket of behind.slice(0, MAX_RIDERS)) {
      const message = messages.get(ticket);
      if (message?.startsWith(RIDER_MARK) !== true) continue;
      const rider = riderOf(message.slice(RIDER_MARK.length));
      if (rider !== null) riders.push({ ticket, ...rider });
    }
    return riders;
  }

  /**
   * The refspecs a winning push carries: it deletes this writer's ticket, and those of the
   * riders it carried, with the same push.
   */
  refspecs(carried: readonly string[] = []): string[] {
    return [...(this.mine === null ? [] : [this.mine]), ...carried].map((t) => `:${t}`);
  }

  /** After a push that carried refspecs() landed: the ticket is gone, and those it carried. */
  landed(carried: readonly string[] = []): void {
    const mine = this.mine;
    const dropped = new Set([...(mine === null ? [] : [mine]), ...carried]);
    const last = this.last;
    // Only a listing that shows this writer's own ticket shows everyone who joined with it.
    const seenAll = last !== null && (mine === null || last.tickets.includes(mine));
    if (seenAll && last.tickets.every((t) => dropped.has(t))) this.deps.line.emptied();
    else this.deps.line.forget();
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
    const args = ['ls-remote', 'origin', branch, LINE_REF, `${TICKET_PREFIX}*`];
    // Protocol v2 sends a pattern's glob as a literal ref prefix (so it matches nothing over
    // HTTP); v0 lists every ref in one request and git filters them here.
    const result = await this.deps.git.run(['-c', 'protocol.version=0', ...args], {
      allowFailure: true,
      timeoutMs: NETWORK_TIMEOUT_MS,
    });
    if (result.code !== 0) throw gitFailure(args, result);
    const { stdout } = result;
    let tip: string | null = null;
    let line: string | null = null;
    const tickets: string[] = [];
    for (const row of stdout.split('\n')) {
      const [sha, ref] = row.split('\t');
      if (ref === branch) tip = sha ?? null;
      else if (ref === LINE_REF) line = sha ?? null;
      else if (ref?.startsWith(TICKET_PREFIX) === true) tickets.push(ref);
    }
    this.last = { tip, tickets: tickets.sort() };
    this.deps.line.saw(line, tickets.length);
    return this.last;
  }

  /**
   * Pushes a ticket naming the tip (or its rider) and the line's new version, in one push. Not
   * atomic: writers joining together all replace the version, and all but one find it moved
   * under them — which is as good (it changed after their listing), so their tickets stand
   * rather than going round again.
   */
  private async take(tip: string): Promise<string | null> {
    await this.deps.have(tip);
    const age = this.deps.age != null && ULID.test(this.deps.age) ? this.deps.age : newEntryId();
    const name = `${TICKET_PREFIX}${age}-${Math.random().toString(36).slice(2, 8)}`;
    const ride = this.deps.ride;
    const target =
      ride != null && appendsEntry(ride.op)
        ? await this.deps.seal(`${RIDER_MARK}${JSON.stringify(ride)}\n`)
        : tip;
    const version = await this.deps.seal(`watercooler-line\n\n${name}\n`);
    const args = ['push', '--porcelain', 'origin', `${target}:${name}`, `+${version}:${LINE_REF}`];
    const result = await this.deps.git.run(args, {
      allowFailure: true,
      timeoutMs: NETWORK_TIMEOUT_MS,
    });
    const took = (ref: string) =>
      result.stdout.split('\n').some((l) => l.includes(`:${ref}\t`) && l[0] !== '!');
    if (took(name)) {
      this.mine = name;
      if (took(LINE_REF)) this.deps.line.joined(version);
      else this.deps.line.forget();
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
    const now = Date.now();
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
