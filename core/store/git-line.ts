/**
 * The line's version on the remote, `refs/watercooler/line`: a tiny commit that every writer
 * taking a ticket (git-tickets.ts) replaces in the same push as its ticket. It lets a writer that
 * saw an empty line skip listing it before its first try: the push carries a lease on the
 * version it saw (and on the tip it builds on). git checks both against the refs the remote
 * advertises as the push starts — the same round trip — and the remote checks the branch again
 * as it lands, so the push lands only if nobody joined the line before it started; otherwise it
 * fails whole, as a lost race, and the next try lists the line as any first try does. A write is
 * then one round trip to the remote instead of two, and newcomers still never pass a writer
 * waiting in line.
 */
export const LINE_REF = 'refs/watercooler/line';

/** Brings the line's version into the clone with every fetch (a glob: no error while absent). */
export const LINE_FETCH = `+${LINE_REF}*:${LINE_REF}*`;

/** What a try that skips the listing pushes beside its commit (atomically). */
export interface LineLease {
  version: string;
  leases: string[];
  refspecs: string[];
}

/** What this process last learnt of the line; shared by the writes of one clone's store. */
export class LineMemory {
  private seen: { version: string | null; empty: boolean } | null = null;
  private refused = false;

  /** A listing showed the line at `version` (null: none yet) with `waiting` tickets. */
  saw(version: string | null, waiting: number): void {
    this.seen = { version, empty: waiting === 0 };
  }

  /** This process's writer joined the line, making `version` (an object of the clone). */
  joined(version: string): void {
    this.seen = { version, empty: false };
  }

  /**
   * The version moved in a way this process did not see, or a leased try lost a race: the next
   * try lists the line first.
   */
  forget(): void {
    this.seen = null;
  }

  /** The writers the last listing showed have all landed: the line is empty as far as known. */
  emptied(): void {
    if (this.seen !== null) this.seen = { ...this.seen, empty: true };
  }

  /**
   * The lease for a try that skips the listing; null when the last listing showed writers in
   * line, there was none, or the version it showed has not reached the clone yet (`has`).
   */
  async lease(
    has: (sha: string) => Promise<boolean>,
    make: () => Promise<string>,
  ): Promise<LineLease | null> {
    const seen = this.seen;
    if (seen === null || !seen.empty || this.refused) return null;
    const known = seen.version;
    if (known !== null && !(await has(known))) return null;
    // None yet (nobody has waited on this remote): this try makes the first.
    const version = known ?? (await make());
    // A known version is pushed as it is (up to date: nothing is sent), so its lease is checked.
    const leases = [`${LINE_REF}:${known ?? ''}`];
    return { version, leases, refspecs: [`${version}:${LINE_REF}`] };
  }

  /** The lease's try landed: the line is where it was (or now has its first version). */
  landed(lease: LineLease): void {
    this.seen = { version: lease.version, empty: true };
  }

  /**
   * The remote refused the lease's try outright (a hook that keeps no refs but branches, no
   * atomic pushes): this process lists the line before every try from now on.
   */
  refuse(): void {
    this.refused = true;
    this.seen = null;
  }
}
