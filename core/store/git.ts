import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalAgent } from '../agents.js';
import { parseAgentsFile, parseConfig, repoThreadsDir, threadsConfigOf } from '../config.js';
import { type ErrorCode, WatercoolerError, isWatercoolerError } from '../errors.js';
import { type CatFile, GitError, GitRunner } from '../git.js';
import {
  type Operation,
  type OperationContext,
  type OperationResult,
  applyOperation,
  appendsEntry,
  withEntryId,
} from '../operations.js';
import { redact, registerSecret } from '../redact.js';
import { threadNotFound } from '../suggest.js';
import { topicFileStem } from '../thread/entry.js';
import { parseThread } from '../thread/parse.js';
import { Remote, defaultCloneDir, ensureClone, normalizeRemoteUrl } from './git-clone.js';
import { readTree, treeWithFiles, writeBlob } from './git-tree.js';
import type { GitStoreOptions } from './open.js';
import { type Claim, Outbox } from './outbox.js';
import { commitMessageFor } from './commit-message.js';
import { writeFileAtomic } from './atomic.js';
import { acquireLock } from './lock.js';
import { DEFAULT_RETRY_BUDGET_MS, applyWithRetry, writeResultOf } from './retry.js';
import type {
  PendingOperation,
  StoreInfo,
  SyncReport,
  ThreadSnapshot,
  ThreadStore,
  ThreadSummary,
  ThreadsConfig,
  WriteResult,
} from './store.js';
import { summarizeThread } from './summary.js';

/** Where threads sit in one commit, and the config it carries. */
interface Layout {
  dir: string;
  config: ThreadsConfig;
}

/** An operation another writer queued, carried in this holder's commit. */
interface Carried {
  claim: Claim;
  result: OperationResult | null;
  error: unknown;
}

const MAX_BATCH = 200;
// A live holder is never broken into early: on a loaded machine one round (fetch, commit, push)
// can take tens of seconds. A dead holder is detected by its pid at once.
const HOLDER_STALE_MS = 10 * 60_000;
const FALLBACK_AUTHOR = { name: 'Watercooler', email: 'watercooler@localhost' };
// Markdown files a threads repository keeps at its root that are not threads.
const NOT_THREADS = /^(index|readme|changelog|contributing|license|code_of_conduct|security)\.md$/i;
const PERMANENT: Parameters<typeof isWatercoolerError>[1][] = [
  'INVALID_INPUT',
  'INVALID_TOPIC',
  'THREAD_NOT_FOUND',
  'MALFORMED_THREAD',
];

/** True when an error means "the remote could not be reached" (the outcome of a push may be unknown). */
export function isOffline(err: unknown): boolean {
  return (
    (err instanceof GitError && err.kind === 'unreachable') ||
    isWatercoolerError(err, 'UNREACHABLE')
  );
}

/**
 * The git store (SPEC §3): fetch, then read the remote's tree; fetch, apply on the remote's tip,
 * commit, push. A write that cannot reach the remote waits in the outbox and is replayed first by
 * the next write, read or sync.
 */
export async function openGitStore(options: GitStoreOptions): Promise<ThreadStore> {
  registerSecret(options.token);
  const url = normalizeRemoteUrl(options.url);
  const dir = options.cloneDir ?? defaultCloneDir(options.cacheDir, url);
  const runnerFor = (gitDir: string): GitRunner =>
    new GitRunner({ gitDir, env: options.env, token: options.token });
  await ensureClone(runnerFor, dir, url);
  return new GitStore(options, url, dir, runnerFor(dir));
}

class GitStore implements ThreadStore {
  readonly info: StoreInfo;
  private catFile: CatFile | null = null;
  private readonly remote: Remote;
  private readonly outbox: Outbox;
  private readonly lockPath: string;
  private readonly queue: Outbox;
  private readonly resultsDir: string;
  private readonly layouts = new Map<string, Layout>();
  private readonly summaries = new Map<string, ThreadSummary>();
  private fetchedAt = 0;
  private lastTip: string | null = null;
  private authorEnv: Record<string, string> | undefined;

  constructor(
    private readonly options: GitStoreOptions,
    url: string,
    dir: string,
    private readonly git: GitRunner,
  ) {
    this.info = { kind: 'git', location: redact(url), threadsDir: 'threads' };
    this.remote = new Remote(git, () => this.cat(), dir);
    this.outbox = new Outbox(join(dir, 'watercooler', 'outbox'));
    this.lockPath = join(dir, 'watercooler', 'write.lock');
    this.queue = new Outbox(join(dir, 'watercooler', 'queue'));
    this.resultsDir = join(dir, 'watercooler', 'results');
    if (options.authorName !== undefined || options.authorEmail !== undefined)
      this.authorEnv = authorEnv(options.authorName, options.authorEmail);
  }

  private cat(): CatFile {
    this.catFile ??= this.git.catFile();
    return this.catFile;
  }

  private log(line: string): void {
    this.options.log?.(redact(line));
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
      this.log(`warning: ${(err as Error).message} — showing the last fetched state.`);
      return local;
    }
  }

  private async layout(tip: string | null): Promise<Layout> {
    const key = tip ?? '';
    const known = this.layouts.get(key);
    if (known !== undefined) return known;
    const root = await readTree(this.cat(), tip === null ? null : `${tip}:`);
    const text = async (path: string): Promise<string | null> =>
      tip === null
        ? null
        : ((await this.cat().get(`${tip}:${path}`))?.content.toString('utf8') ?? null);
    const configText = root.some((e) => e.name === 'watercooler.json')
      ? await text('watercooler.json')
      : null;
    const read = configText === null ? null : await parseConfig(configText, 'watercooler.json');
    for (const line of [...(read?.warnings ?? []), ...(read?.errors ?? [])]) this.log(line);
    let dir = repoThreadsDir(read?.config.threadsDir);
    if (dir === null) dir = (await this.rootHoldsThreads(root, text)) ? '' : 'threads';
    const agentsText = await text(dir === '' ? 'agents.json' : `${dir}/agents.json`);
    const agents =
      agentsText === null ? undefined : await parseAgentsFile(agentsText, 'agents.json');
    if (agents?.error !== undefined) this.log(agents.error);
    const base = threadsConfigOf(read?.config ?? {}, agents?.registry);
    const config = {
      registry: this.options.context?.registry ?? base.registry,
      defaultBall: this.options.context?.defaultBall ?? base.defaultBall,
    };
    const layout = { dir, config };
    this.layouts.set(key, layout);
    this.info.threadsDir = dir;
    return layout;
  }

  /** The Python tool's threads repositories keep threads at the root: look at a markdown file there. */
  private async rootHoldsThreads(
    root: { name: string }[],
    text: (p: string) => Promise<string | null>,
  ): Promise<boolean> {
    const candidates = root.filter((e) => /\.md$/i.test(e.name) && !NOT_THREADS.test(e.name));
    for (const entry of candidates.slice(0, 3)) {
      const head = (await text(entry.name))?.slice(0, 600) ?? '';
      if (/^(Status|Ball|Topic):/m.test(head)) return true;
    }
    return false;
  }

  private context(config: ThreadsConfig): OperationContext {
    return {
      ...config,
      user: this.options.context?.user ?? null,
      now: this.options.context?.now ?? (() => new Date()),
    };
  }

  async list(): Promise<ThreadSummary[]> {
    await this.replay(false);
    const tip = await this.freshTip(true);
    if (tip === null) return [];
    const { dir } = await this.layout(tip);
    const entries = (await readTree(this.cat(), `${tip}:${dir}`))
      .filter(
        (e) =>
          e.mode.startsWith('100') &&
          e.name.endsWith('.md') &&
          e.name !== 'index.md' &&
          !e.name.startsWith('.'),
      )
      .filter((e) => dir !== '' || !NOT_THREADS.test(e.name))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return Promise.all(
      entries.map(async (e) => {
        const path = dir === '' ? e.name : `${dir}/${e.name}`;
        const key = `${e.sha}:${path}`;
        const hit = this.summaries.get(key);
        if (hit !== undefined) return hit;
        const blob = await this.cat().get(e.sha);
        const summary = summarizeThread(blob?.content.toString('utf8') ?? '', path);
        this.summaries.set(key, summary);
        return summary;
      }),
    );
  }

  async read(topic: string): Promise<ThreadSnapshot> {
    const stem = topicFileStem(topic);
    await this.replay(false);
    const tip = await this.freshTip(true);
    const { dir } = await this.layout(tip);
    const path = dir === '' ? `${stem}.md` : `${dir}/${stem}.md`;
    const blob = tip === null ? null : await this.cat().get(`${tip}:${path}`);
    if (blob === null || blob.type !== 'blob') {
      const topics = (await this.list()).map((t) => t.topic);
      throw threadNotFound(topic, `on ${this.info.location}`, topics);
    }
    const text = blob.content.toString('utf8');
    return { topic, path, text, thread: parseThread(text), version: blob.sha };
  }

  async config(): Promise<ThreadsConfig> {
    return (await this.layout(await this.freshTip(true))).config;
  }

  async apply(operation: Operation): Promise<WriteResult> {
    topicFileStem(operation.topic);
    const op = withEntryId(operation);
    const offline = (await this.replay(false)).offline;
    if (offline !== null) return this.enqueue(op, offline);
    try {
      return await this.applyRemote(op);
    } catch (err) {
      if (isOffline(err)) return this.enqueue(op, err as Error);
      throw err;
    }
  }

  /**
   * A write through the shared clone. Writers on this machine queue their operation in the clone
   * and take turns under one lock; the holder carries every queued operation it can in one commit
   * and one push (group commit), so fifty writers cost a few pushes, not fifty rounds of lost
   * races. Each holder's round is one try of applyWithRetry: a rejected push re-reads the tip and
   * re-applies every operation of the batch. Writers on other machines race through the push.
   */
  private async applyRemote(op: Operation, writtenAt?: Date): Promise<WriteResult> {
    // The registry and default ball come from the last commit this clone knows.
    const known = (await this.remote.localTip()) ?? (await this.freshTip(false));
    const ctx = this.context((await this.layout(known)).config);
    // Fix the author's user tag now: the operation may be applied by another process.
    const request = this.queue.add(withAgentTag(op, ctx), null, writtenAt);
    const budgetMs = this.options.retry?.budgetMs ?? DEFAULT_RETRY_BUDGET_MS;
    const deadline = Date.now() + budgetMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 80)) {
      const carried = this.takeResult(request.id);
      if (carried !== null) return carried;
      const unlock = await this.tryLock();
      if (unlock !== null) {
        // A holder that died mid-round leaves claims behind: hand them back to be carried again.
        this.queue.reclaimStale();
        const own = this.queue.claim(request.id);
        if (own !== null) return this.lead(own, unlock, ctx, budgetMs);
        unlock(); // Another holder is carrying it: its answer is on the way.
      }
      if (Date.now() > deadline) {
        const own = this.queue.claim(request.id);
        if (own !== null) {
          own.done();
          throw new WatercoolerError(
            'LOCKED',
            `Gave up waiting for other writers on this clone after ${Math.round(budgetMs / 1000)} s.`,
            {
              hint: 'Nothing was written. Run the same command again (it is safe to repeat), or raise the retry budget.',
            },
          );
        }
      }
      await new Promise((r) => setTimeout(r, delay * (0.5 + Math.random())));
    }
  }

  private async tryLock(): Promise<(() => void) | null> {
    try {
      return await acquireLock(this.lockPath, {
        staleMs: HOLDER_STALE_MS,
        timeoutMs: 0,
        user: this.options.context?.user ?? '',
      });
    } catch (err) {
      if (isWatercoolerError(err, 'LOCKED')) return null;
      throw err;
    }
  }

  /** The answer a holder left for a request it carried; null while there is none. */
  private takeResult(id: string): WriteResult | null {
    const path = join(this.resultsDir, `${id}.json`);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return null;
    }
    rmSync(path, { force: true });
    const answer = JSON.parse(text) as {
      ok?: WriteResult;
      error?: { code: ErrorCode; message: string; hint?: string };
    };
    if (answer.error !== undefined)
      throw new WatercoolerError(answer.error.code, answer.error.message, {
        hint: answer.error.hint,
      });
    return answer.ok as WriteResult;
  }

  private answer(
    id: string,
    value: { ok: WriteResult } | { error: { code: ErrorCode; message: string; hint?: string } },
  ): void {
    mkdirSync(this.resultsDir, { recursive: true });
    writeFileAtomic(join(this.resultsDir, `${id}.json`), JSON.stringify(value));
  }

  private async lead(
    own: Claim,
    firstUnlock: () => void,
    ctx: OperationContext,
    budgetMs: number,
  ): Promise<WriteResult> {
    let unlock: (() => void) | null = firstUnlock;
    const ownAt = own.item.writtenAt === undefined ? undefined : new Date(own.item.writtenAt);
    const ownCtx = ownAt === undefined ? ctx : { ...ctx, now: () => ownAt };
    try {
      const result = await applyWithRetry(
        async () => {
          const release =
            unlock ??
            (await acquireLock(this.lockPath, {
              staleMs: HOLDER_STALE_MS,
              timeoutMs: budgetMs,
              user: this.options.context?.user ?? '',
            }));
          unlock = null;
          let batch: Carried[] = [];
          try {
            const tip = await this.freshTip(false);
            const { dir } = await this.layout(tip);
            const texts = new Map<string, string | null>();
            const read = async (name: string): Promise<string | null> => {
              if (!texts.has(name)) {
                const blob =
                  tip === null
                    ? null
                    : await this.cat().get(`${tip}:${dir === '' ? name : `${dir}/${name}`}`);
                texts.set(name, blob?.type === 'blob' ? blob.content.toString('utf8') : null);
              }
              return texts.get(name) ?? null;
            };
            const dirty = new Set<string>();
            batch = await this.carryOthers(own.item.id, ctx, read, texts, dirty);
            const mine = `${topicFileStem(own.item.op.topic)}.md`;
            let won = false;
            const text = await read(mine);
            return {
              text,
              commit: async (next) => {
                texts.set(mine, next);
                dirty.add(mine);
                const files = new Map([...dirty].map((name) => [name, texts.get(name) ?? '']));
                const ops = [
                  own.item.op,
                  ...batch.filter((c) => c.result !== null).map((c) => c.claim.item.op),
                ];
                won = await this.publish(
                  tip,
                  dir,
                  files,
                  commitMessageFor(
                    ops.map((op) => ({
                      op,
                      entryId: appendsEntry(op) ? (op.entryId ?? null) : null,
                    })),
                    ctx,
                  ),
                );
                return won;
              },
              release: async () => {
                this.settle(batch, won);
                release();
              },
            };
          } catch (err) {
            this.settle(batch, false);
            release();
            throw err;
          }
        },
        own.item.op,
        ownCtx,
        this.options.retry,
      );
      own.done();
      return writeResultOf(own.item.op, result);
    } catch (err) {
      own.done();
      throw err;
    } finally {
      if (unlock !== null) (unlock as () => void)();
    }
  }

  /** Claims the other queued operations and applies them, in queue order, to the texts read. */
  private async carryOthers(
    ownId: string,
    ctx: OperationContext,
    read: (name: string) => Promise<string | null>,
    texts: Map<string, string | null>,
    dirty: Set<string>,
  ): Promise<Carried[]> {
    const batch: Carried[] = [];
    for (const item of this.queue.list()) {
      if (item.id === ownId || batch.length >= MAX_BATCH) continue;
      const claim = this.queue.claim(item.id);
      if (claim === null) continue;
      const at = claim.item.writtenAt === undefined ? undefined : new Date(claim.item.writtenAt);
      try {
        const name = `${topicFileStem(claim.item.op.topic)}.md`;
        const result = applyOperation(
          await read(name),
          claim.item.op,
          at === undefined ? ctx : { ...ctx, now: () => at },
        );
        if (result.changed && !result.alreadyApplied) {
          texts.set(name, result.text);
          dirty.add(name);
        }
        batch.push({ claim, result, error: null });
      } catch (err) {
        batch.push({ claim, result: null, error: err });
      }
    }
    return batch;
  }

  /** After a try: answer what landed (and what can never land), hand the rest back. */
  private settle(batch: Carried[], won: boolean): void {
    for (const c of batch) {
      if (c.error !== null) {
        const e = c.error;
        const error =
          e instanceof WatercoolerError
            ? { code: e.code, message: e.message, hint: e.hint }
            : { code: 'INTERNAL' as const, message: String(e) };
        this.answer(c.claim.item.id, { error });
        c.claim.done();
      } else if (won && c.result !== null) {
        const r = c.result;
        this.answer(c.claim.item.id, {
          ok: writeResultOf(c.claim.item.op, r),
        });
        c.claim.done();
      } else {
        c.claim.putBack();
      }
    }
  }

  /** Builds one commit beside the remote's tip and pushes it; false when the tip moved meanwhile. */
  private async publish(
    tip: string | null,
    dir: string,
    texts: ReadonlyMap<string, string>,
    message: string,
  ): Promise<boolean> {
    const blobs = new Map<string, string>();
    for (const [name, text] of texts) blobs.set(name, await writeBlob(this.git, text));
    const tree = await treeWithFiles(this.git, this.cat(), tip, dir, blobs);
    const commit = await this.commitTree(tree, tip, message);
    const won = await this.remote.push(commit, tip);
    if (won) {
      this.lastTip = commit;
      this.fetchedAt = Date.now();
    }
    return won;
  }

  private async commitTree(tree: string, parent: string | null, message: string): Promise<string> {
    const args = ['commit-tree', tree, ...(parent === null ? [] : ['-p', parent]), '-F', '-'];
    const run = (env?: Record<string, string>) =>
      this.git.run(args, { input: message, env, allowFailure: true });
    let result = await run(this.authorEnv);
    if (
      result.code !== 0 &&
      this.authorEnv === undefined &&
      /ident|tell me who you are|auto-detect email/i.test(result.stderr)
    ) {
      // No author configured anywhere: sign as the tool rather than fail the write.
      this.authorEnv = authorEnv(FALLBACK_AUTHOR.name, FALLBACK_AUTHOR.email);
      result = await run(this.authorEnv);
    }
    if (result.code !== 0)
      throw new GitError('GIT', `git commit-tree failed: ${result.stderr.trim()}`, {
        exitCode: result.code,
        stderr: result.stderr,
        kind: 'other',
      });
    return result.stdout.trim();
  }

  /** Keeps an operation that could not reach the remote, after checking it against the last known state. */
  private async enqueue(op: Operation, cause: Error): Promise<WriteResult> {
    const local = await this.remote.localTip();
    const layout = await this.layout(local);
    const path =
      layout.dir === ''
        ? `${topicFileStem(op.topic)}.md`
        : `${layout.dir}/${topicFileStem(op.topic)}.md`;
    const blob = local === null ? null : await this.cat().get(`${local}:${path}`);
    let ball = '';
    let status = '';
    try {
      const result = applyOperation(
        blob?.type === 'blob' ? blob.content.toString('utf8') : null,
        op,
        this.context(layout.config),
      );
      ball = result.ball;
      status = result.status;
    } catch (err) {
      // Bad input is refused now; "not found" may only mean this clone has not seen the thread yet.
      if (!isWatercoolerError(err, 'THREAD_NOT_FOUND')) throw err;
    }
    const item = this.outbox.add(op, cause.message);
    this.log(
      `${cause.message}\nThe ${op.kind} on "${op.topic}" is kept in the outbox (${item.id}); \`watercooler sync\` sends it when the remote is back.`,
    );
    return {
      topic: op.topic,
      operation: op.kind,
      entry_id: appendsEntry(op) ? (op.entryId ?? null) : null,
      ball,
      status,
      pending: true,
    };
  }

  /** Replays the outbox in order; stops at the first sign that the remote is down. */
  private async replay(
    explicit: boolean,
  ): Promise<{ replayed: WriteResult[]; offline: Error | null }> {
    const replayed: WriteResult[] = [];
    if (this.outbox.isEmpty()) return { replayed, offline: null };
    this.outbox.reclaimStale();
    for (const item of this.outbox.list()) {
      if (item.permanent === true && !explicit) continue;
      const claim = this.outbox.claim(item.id);
      if (claim === null) continue;
      try {
        // The entry keeps the time its author wrote it, not the time the network came back.
        replayed.push(
          await this.applyRemote(
            claim.item.op,
            new Date(claim.item.writtenAt ?? claim.item.queuedAt),
          ),
        );
        claim.done();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (isOffline(err)) {
          claim.release(message);
          return { replayed, offline: err as Error };
        }
        claim.release(message, isWatercoolerError(err, ...PERMANENT));
        if (isWatercoolerError(err, 'AUTH', 'REPO_NOT_FOUND')) throw err;
        this.log(
          `The queued ${item.op.kind} on "${item.op.topic}" (${item.id}) failed: ${message}`,
        );
      }
    }
    return { replayed, offline: null };
  }

  async sync(): Promise<SyncReport> {
    const { replayed, offline } = await this.replay(true);
    // Still offline: the report says what waits; the outbox is unchanged.
    if (offline === null) await this.freshTip(false);
    else this.log(`${offline.message}`);
    return { replayed, pending: await this.pending() };
  }

  async pending(): Promise<PendingOperation[]> {
    return this.outbox
      .list()
      .map(({ id, op, queuedAt, lastError }) => ({ id, op, queuedAt, lastError }));
  }

  async close(): Promise<void> {
    this.catFile?.close();
    this.catFile = null;
  }
}

function authorEnv(name: string | undefined, email: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  if (name !== undefined) env.GIT_AUTHOR_NAME = env.GIT_COMMITTER_NAME = name;
  if (email !== undefined) env.GIT_AUTHOR_EMAIL = env.GIT_COMMITTER_EMAIL = email;
  return env;
}

/** The operation with its author tagged `Name (user)` as this process would write it. */
function withAgentTag(op: Operation, ctx: OperationContext): Operation {
  if (!('agent' in op)) return op;
  try {
    return { ...op, agent: canonicalAgent(op.agent, ctx.registry, ctx.user) };
  } catch {
    return op; // applyOperation will say what is wrong with the name.
  }
}
