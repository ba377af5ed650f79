import { join } from 'node:path';
import { isWatercoolerError } from '../errors.js';
import { type CatFile, GitRunner } from '../git.js';
import type { TreeEntry } from '../layout.js';
import { type Operation, appendsEntry } from '../operations.js';
import { redact, registerSecret } from '../redact.js';
import type {
  BackendView,
  BatchItem,
  FileWrite,
  StoreBackend,
  ViewPurpose,
  WriteEngine,
} from './backend.js';
import { FileQueue } from './file-queue.js';
import { Remote, defaultCloneDir, ensureClone, foldOldClone } from './git-clone.js';
import { GroupCommit, type RemoteTurn } from './git-group.js';
import { assertLocalRemote, normalizeRemoteUrl } from './git-url.js';
import { CloneRepair } from './git-repair.js';
import { type LineLease, LineMemory } from './git-line.js';
import { GitOutbox, isOffline, isOutOfBudget } from './git-outbox.js';
import { Ticket } from './git-tickets.js';
import { ObjectWriter, authorEnv } from './git-objects.js';
import { confirmAbsent, missingObject, readTree, treeWithFiles } from './git-tree.js';
import type { GitStoreOptions } from './open.js';
import { DEFAULT_RETRY_BUDGET_MS } from './retry.js';
import { createStore } from './skeleton.js';
import type { StoreInfo, SyncReport, ThreadStore, WriteResult } from './store.js';

const FALLBACK_AUTHOR = { name: 'Watercooler', email: 'watercooler@localhost' };
// How soon a long-running process sends what it kept in the outbox, and how far it backs off.
const BACKGROUND_FIRST_MS = 2_000;
const BACKGROUND_MAX_MS = 60_000;
// A clone that heard from the remote this recently bets that its tip is still the remote's and
// tries without listing the line first (git-line.ts); a lost bet costs one failed push.
const LEASE_WINDOW_MS = 15_000;

/**
 * The git store (SPEC §3): fetch, then read the remote's tree; fetch, apply on the remote's tip,
 * commit, push. A write that cannot reach the remote, or that loses every race within its
 * budget, waits in the outbox and is replayed first by the next write, read or sync.
 */
export async function openGitStore(options: GitStoreOptions): Promise<ThreadStore> {
  registerSecret(options.token);
  const url = normalizeRemoteUrl(options.url, (line) => options.log?.(redact(line)));
  assertLocalRemote(url);
  const dir = options.cloneDir ?? defaultCloneDir(options.cacheDir, url);
  const runnerFor = (gitDir: string): GitRunner =>
    new GitRunner({ gitDir, env: options.env, token: options.token });
  await ensureClone(runnerFor, dir, url);
  const given = options.url.trim();
  if (given !== url && options.cloneDir === undefined) {
    const moved = foldOldClone(defaultCloneDir(options.cacheDir, given), given, dir);
    if (moved !== null)
      options.log?.(
        redact(
          `warning: removed the clone an older version made with the URL's user part in its config${moved === 0 ? '' : `; its ${moved} waiting write(s) moved to ${dir}`}.`,
        ),
      );
  }
  return createStore(new GitBackend(options, url, dir, runnerFor), options);
}

const typeOfMode = (mode: string): TreeEntry['type'] =>
  mode.startsWith('100') ? 'file' : mode === '40000' || mode === '040000' ? 'dir' : 'other';

class GitBackend implements StoreBackend {
  readonly info: StoreInfo;
  private catFile: CatFile | null = null;
  private readonly git: GitRunner;
  private readonly remote: Remote;
  private readonly repair: CloneRepair;
  private readonly outbox: GitOutbox;
  private readonly group: GroupCommit;
  private readonly line = new LineMemory();
  private lastTip: string | null = null;
  private fetchedAt = 0;
  private readonly objects: ObjectWriter;
  private background: ReturnType<typeof setTimeout> | null = null;
  private backgroundDelay = BACKGROUND_FIRST_MS;
  private closed = false;

  constructor(
    private readonly options: GitStoreOptions,
    url: string,
    dir: string,
    runnerFor: (gitDir: string) => GitRunner,
  ) {
    this.git = runnerFor(dir);
    this.info = { kind: 'git', location: redact(url), threadsDir: 'threads' };
    this.remote = new Remote(this.git, () => this.cat(), dir, url, runnerFor);
    this.repair = new CloneRepair({
      git: runnerFor,
      dir,
      url,
      log: options.log,
      reset: () => {
        this.catFile?.close();
        this.catFile = null;
        this.lastTip = null;
        this.fetchedAt = 0;
      },
    });
    const log = (line: string) => this.options.log?.(redact(line));
    this.outbox = new GitOutbox(new FileQueue(join(dir, 'watercooler', 'outbox')), log);
    this.group = new GroupCommit({
      queue: new FileQueue(join(dir, 'watercooler', 'queue')),
      lockPath: join(dir, 'watercooler', 'write.lock'),
      resultsDir: join(dir, 'watercooler', 'results'),
      user: options.context?.user ?? '',
      budgetMs: options.retry?.budgetMs ?? DEFAULT_RETRY_BUDGET_MS,
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      // Write views are unguarded: a damaged clone is repaired by submit, once the lock is let go.
      turn: (op) => this.turn(op),
    });
    const author =
      options.authorName !== undefined || options.authorEmail !== undefined
        ? authorEnv(options.authorName, options.authorEmail)
        : undefined;
    this.objects = new ObjectWriter(this.git, dir, author, FALLBACK_AUTHOR);
  }

  private cat(): CatFile {
    this.catFile ??= this.git.catFile();
    return this.catFile;
  }

  /** The remote's tip, within the freshness window; the last fetched one when offline (reads only). */
  private async freshTip(forRead: boolean): Promise<string | null> {
    const freshness = this.options.freshnessMs ?? 0;
    if (forRead && freshness > 0 && Date.now() - this.fetchedAt < freshness) return this.lastTip;
    try {
      this.lastTip = await this.remote.tip();
      this.fetchedAt = Date.now();
      return this.lastTip;
    } catch (err) {
      if (!forRead || !isOffline(err)) throw err;
      const local = await this.remote.localTip();
      if (local === null) throw err;
      this.options.log?.(
        redact(`warning: ${(err as Error).message} — showing the last fetched state.`),
      );
      return local;
    }
  }

  async view(purpose: ViewPurpose): Promise<BackendView> {
    return this.repair.guard(() => this.freshView(purpose));
  }

  private async freshView(purpose: ViewPurpose): Promise<BackendView> {
    return this.viewAt(await this.freshTip(purpose !== 'write'), purpose !== 'write');
  }

  /**
   * The commit `tip` as a tree (null: an empty remote). A read repairs a damaged clone where it
   * finds the damage; a write leaves that to submit, once the group commit let go of the lock.
   */
  private viewAt(tip: string | null, repairs = false): BackendView {
    const guard = <T>(work: () => Promise<T>): Promise<T> =>
      repairs ? this.repair.guard(work, () => this.remote.tip()) : work();
    const folders = new Map<string, Promise<TreeEntry[]>>();
    const entries = (dir: string): Promise<TreeEntry[]> => {
      let known = folders.get(dir);
      if (known === undefined) {
        known = guard(() => readTree(this.cat(), tip === null ? null : `${tip}:${dir}`)).then(
          (list) => list.map((e) => ({ name: e.name, type: typeOfMode(e.mode), id: e.sha })),
        );
        folders.set(dir, known);
        known.catch(() => folders.delete(dir));
      }
      return known;
    };
    return {
      version: tip,
      entries,
      entry: async (path) => {
        const slash = path.lastIndexOf('/');
        const name = path.slice(slash + 1);
        return (
          (await entries(slash === -1 ? '' : path.slice(0, slash))).find((e) => e.name === name) ??
          null
        );
      },
      file: (path, id) =>
        guard(async () => {
          if (tip === null) return null;
          const blob = await this.cat().get(id ?? `${tip}:${path}`);
          if (blob === null) {
            if (id !== undefined) throw missingObject(id);
            await confirmAbsent(this.cat(), `${tip}:${path}`);
          }
          return blob?.type === 'blob'
            ? { text: blob.content.toString('utf8'), id: blob.sha }
            : null;
        }),
    };
  }

  /**
   * One group-commit holder's tries at the remote: in line behind older writers once it has
   * lost (git-tickets.ts), building on the tip the line last showed, its ticket dropped by the
   * push that lands.
   */
  private turn({ op, writtenAt }: BatchItem): RemoteTurn {
    let ticket: Ticket | null = null;
    let leased: LineLease | null = null;
    // A leased try that did not land is no lost race of the line's: the next lists at once.
    let relist = false;
    const seal = async (message: string) =>
      this.objects.commit(await this.objects.tree([]), null, message);
    return {
      get paced() {
        return relist || ticket?.queued === true;
      },
      view: async (lost) => {
        const known = this.lastTip;
        if (!lost && known !== null && Date.now() - this.fetchedAt < LEASE_WINDOW_MS) {
          const has = async (sha: string) => (await this.cat().get(sha)) !== null;
          leased = await this.line.lease(has, () => seal('watercooler-line\n'));
          if (leased !== null) return this.viewAt(known);
        }
        const lostInLine = lost && !relist;
        relist = false;
        // A new clone learns the remote's branch first; an empty remote has no line to join.
        if (this.remote.branch === null && (await this.remote.tip()) === null)
          return this.viewAt(null);
        ticket ??= new Ticket({
          git: this.git,
          branch: this.remote.branchName,
          have: (tip) => this.remote.have(tip),
          deadline: Date.now() + (this.options.retry?.budgetMs ?? DEFAULT_RETRY_BUDGET_MS),
          age: appendsEntry(op) ? op.entryId : null,
          // The entry keeps its author's time whoever carries it.
          ride: { op, writtenAt: (writtenAt ?? new Date()).toISOString() },
          seal,
          line: this.line,
        });
        const tip = await ticket.turn(lostInLine);
        await this.remote.have(tip);
        this.lastTip = tip;
        this.fetchedAt = Date.now();
        return this.viewAt(tip);
      },
      riders: async () => ticket?.riders() ?? [],
      commit: async (view, files, message, carried) => {
        if (leased !== null) {
          const won = await this.commitLeased(view, files, message, leased);
          leased = null;
          relist = !won;
          return won;
        }
        const also = ticket?.refspecs(carried) ?? [];
        try {
          const won = await this.commit(view, files, message, also);
          if (won) ticket?.landed(carried);
          return won;
        } catch (err) {
          // A remote without atomic pushes cannot drop a ticket with the write: race without one.
          if (also.length === 0 || !/atomic/i.test((err as Error).message)) throw err;
          ticket?.disable();
          await ticket?.leave();
          return false;
        }
      },
      leave: async () => ticket?.leave(),
    };
  }

  /** A try without listing the line: its push lands only while the line is as last seen. */
  private async commitLeased(
    view: BackendView,
    files: readonly FileWrite[],
    message: string,
    lease: LineLease,
  ): Promise<boolean> {
    try {
      if (await this.commit(view, files, message, lease.refspecs, lease.leases)) {
        this.line.landed(lease);
        return true;
      }
      this.line.forget();
    } catch (err) {
      if (isOffline(err)) throw err;
      // Refused for a reason of its own: the try after it, a plain one, will say what it is.
      this.line.refuse();
    }
    return false;
  }

  /** Builds one commit beside the view's tip and pushes it; false when the tip moved meanwhile. */
  async commit(
    view: BackendView,
    files: readonly FileWrite[],
    message: string,
    also: readonly string[] = [],
    leases: readonly string[] = [],
  ): Promise<boolean> {
    const tip = view.version;
    const blobs = new Map<string, string>();
    for (const f of files) blobs.set(f.path, await this.objects.blob(f.text));
    const tree = await treeWithFiles(this.objects, this.cat(), tip, blobs);
    const commit = await this.objects.commit(tree, tip, message);
    const won = await this.remote.push(commit, tip, also, leases);
    if (won) {
      this.lastTip = commit;
      this.fetchedAt = Date.now();
    }
    return won;
  }

  /** Through the clone's group commit; kept in the outbox when the remote is down or too busy. */
  async submit(op: Operation, engine: WriteEngine): Promise<WriteResult> {
    return this.repair.guard(() => this.submitOnce(op, engine));
  }

  private async submitOnce(op: Operation, engine: WriteEngine): Promise<WriteResult> {
    const stopped = (await this.replay(false, engine)).stopped;
    if (stopped !== null) return this.keep(op, stopped, engine);
    try {
      return await this.send(op, engine);
    } catch (err) {
      if (isOffline(err) || isOutOfBudget(err)) return this.keep(op, err as Error, engine);
      throw err;
    }
  }

  private async send(op: Operation, engine: WriteEngine, writtenAt?: Date): Promise<WriteResult> {
    // The registry and default ball come from the last commit this clone knows.
    const known = await this.remote.localTip();
    const view = known === null ? await this.view('write') : this.viewAt(known);
    return this.group.write(op, engine, await engine.context(view), writtenAt);
  }

  /** Keeps an operation, after checking it against the last known state. */
  private async keep(op: Operation, cause: Error, engine: WriteEngine): Promise<WriteResult> {
    const view = this.viewAt(await this.remote.localTip());
    const [outcome] = (await engine.prepare(view, [{ op }])).outcomes;
    // Bad input is refused now; "not found" may only mean this clone has not seen the thread yet.
    if (outcome?.result == null && !isWatercoolerError(outcome?.error, 'THREAD_NOT_FOUND'))
      throw outcome?.error;
    this.scheduleBackground(engine);
    return this.outbox.keep(op, cause, {
      ball: outcome?.result?.ball ?? '',
      status: outcome?.result?.status ?? '',
    });
  }

  private replay(explicit: boolean, engine: WriteEngine) {
    return this.outbox.replay(explicit, (op, at) => this.send(op, engine, at));
  }

  /**
   * A long-running process sends what it kept without waiting for the next command: a timer
   * that does not hold the process open (a CLI command exits and leaves it to the next one).
   */
  private scheduleBackground(engine: WriteEngine): void {
    if (this.background !== null || this.closed) return;
    this.background = setTimeout(
      async () => {
        this.background = null;
        try {
          const { stopped } = await this.replay(false, engine);
          this.backgroundDelay =
            stopped === null
              ? BACKGROUND_FIRST_MS
              : Math.min(this.backgroundDelay * 2, BACKGROUND_MAX_MS);
        } catch {
          this.backgroundDelay = Math.min(this.backgroundDelay * 2, BACKGROUND_MAX_MS);
        }
        if (!this.outbox.isEmpty()) this.scheduleBackground(engine);
      },
      this.backgroundDelay * (0.5 + Math.random()),
    );
    this.background.unref?.();
  }

  async beforeRead(engine: WriteEngine): Promise<void> {
    await this.repair.guard(() => this.replay(false, engine));
  }

  async sync(engine: WriteEngine): Promise<SyncReport> {
    return this.repair.guard(() => this.syncOnce(engine));
  }

  private async syncOnce(engine: WriteEngine): Promise<SyncReport> {
    const { replayed, stopped } = await this.replay(true, engine);
    // Still offline: the report says what waits; the outbox is unchanged.
    if (stopped === null) await this.freshTip(false);
    else this.options.log?.(redact(stopped.message));
    return { replayed, pending: this.outbox.pending() };
  }

  async pending() {
    return this.outbox.pending();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.background !== null) clearTimeout(this.background);
    this.background = null;
    this.catFile?.close();
    this.catFile = null;
  }
}
