import { redact, registerSecret } from '../redact.js';
import type {
  Batch,
  BatchItem,
  BatchOutcome,
  StoreBackend,
  ViewPurpose,
  WriteEngine,
} from './backend.js';
import { withAgentTag } from './batch.js';
import { type BranchCopy, openBranchCopy } from './github-copy.js';
import { toWatercoolerError } from './github-errors.js';
import { repoCaller } from './github-rest.js';
import { parseRepoSpec } from './repo-spec.js';
import { DEFAULT_RETRY_BUDGET_MS, LOST, retryLostRaces, writeResultOf } from './retry.js';
import type { StoreInfo, WriteResult } from './store.js';

/** Who wrote an operation: the commit's author (the hub's signed-in GitHub login). */
export interface CommitAuthor {
  login: string;
}

export interface GitHubBatchOptions {
  /** OWNER/REPO[@BRANCH]; without a branch, the repository's default branch. */
  repo: string;
  token: string;
  /** API base URL (GitHub Enterprise: https://HOST/api/v3). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** How long a batch keeps re-applying after someone else moved the branch (default 30 s). */
  budgetMs?: number;
  /**
   * A read or list this soon after the last look at GitHub asks nothing (default 2 s; 0: ask
   * every time). A write never waits for a look: its ref update is the check.
   */
  freshMs?: number;
  log?: (line: string) => void;
}

/**
 * A single writer's copy of one branch over GitHub's Git Data API, and its group commit. The
 * copy is a store backend (`backend`, run through the skeleton's `createStore`): reads and lists
 * are served from it, refreshed by a conditional request on the branch (a 304 costs nothing);
 * writes queue, and those that arrive while a commit is in flight go into the next one (one tree,
 * one commit, one ref update for many operations). The ref update is not forced, so it is a
 * compare-and-swap: when someone pushed in between, GitHub refuses it and the batch is re-applied
 * (idempotent by Entry-ID) on the new head. An operation is answered once GitHub holds it.
 */
export interface GitHubBatch {
  /** OWNER/REPO@BRANCH. */
  readonly repo: string;
  /** Asks whether the branch moved (a conditional request) and loads what did. */
  refresh(): Promise<boolean>;
  /** The head commit of the copy, null before the first refresh. */
  head(): string | null;
  /** Writes waiting for or inside the commit in flight. */
  queued(): number;
  /** The copy as a store backend whose writes go into the group commit with `author` as theirs. */
  backend(author: CommitAuthor | null): StoreBackend;
}

interface Queued {
  item: BatchItem;
  engine: WriteEngine;
  author: CommitAuthor | null;
  resolve: (r: WriteResult) => void;
  reject: (e: unknown) => void;
}

const identityOf = (login: string) => ({
  name: login,
  email: `${login}@users.noreply.github.com`,
});

/**
 * The commit's author: the one login behind every operation in it, else the token's owner with
 * a `Co-authored-by` trailer per login (GitHub shows each of them on the commit).
 */
function authorship(authors: readonly (CommitAuthor | null)[]): {
  author?: { name: string; email: string };
  trailers: string[];
} {
  const logins = [...new Set(authors.flatMap((a) => (a === null ? [] : [a.login])))];
  const [only] = logins;
  if (logins.length === 1 && only !== undefined && authors.every((a) => a !== null))
    return { author: identityOf(only), trailers: [] };
  return {
    trailers: logins.map((login) => {
      const who = identityOf(login);
      return `Co-authored-by: ${who.name} <${who.email}>`;
    }),
  };
}

/** An operation that changed the thread (not a no-op, not a replay of an entry already there). */
const wrote = (o: BatchOutcome | undefined) =>
  o?.result != null && o.result.changed && !o.result.alreadyApplied;

export async function openGitHubBatch(options: GitHubBatchOptions): Promise<GitHubBatch> {
  registerSecret(options.token);
  const spec = parseRepoSpec(options.repo);
  const baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const call = repoCaller({ ...options, baseUrl }, `${spec.owner}/${spec.repo}`);
  const budgetMs = options.budgetMs ?? DEFAULT_RETRY_BUDGET_MS;
  const freshMs = options.freshMs ?? 2_000;
  const log = (line: string) => options.log?.(redact(line));
  const copy = await openBranchCopy({ call, spec, baseUrl, freshMs, log });
  const { full, branch } = copy;
  const view = (purpose: ViewPurpose) => copy.view(purpose);
  const fail = (err: unknown) => toWatercoolerError(err, full, 'write', baseUrl, true);
  const info: StoreInfo = { kind: 'github', location: `${full}@${branch}`, threadsDir: 'threads' };
  const queue: Queued[] = [];
  let inFlight = 0;
  let running: Promise<void> | null = null;

  const drain = async (): Promise<void> => {
    for (let batch = queue.splice(0); batch[0] !== undefined; batch = queue.splice(0)) {
      inFlight = batch.length;
      try {
        const done = await commitBatch(copy, batch as [Queued, ...Queued[]], budgetMs, log);
        batch.forEach((w, i) => {
          const result = done.outcomes[i]?.result;
          if (result == null) w.reject(done.outcomes[i]?.error);
          else w.resolve(writeResultOf(w.item.op, result));
        });
      } catch (err) {
        const failure = fail(err);
        for (const w of batch) w.reject(failure);
      } finally {
        inFlight = 0;
      }
    }
    running = null;
  };

  const enqueue = async (
    op: BatchItem['op'],
    engine: WriteEngine,
    author: CommitAuthor | null,
  ): Promise<WriteResult> => {
    // Fixed now, as its author's: the operation may be applied in a batch led by another's write.
    const ctx = await engine.context(await view('write'));
    const item: BatchItem = { op: withAgentTag(op, ctx), writtenAt: ctx.now() };
    return new Promise<WriteResult>((resolve, reject) => {
      queue.push({ item, engine, author, resolve, reject });
      running ??= drain();
    });
  };

  return {
    repo: info.location,
    refresh: () => copy.refresh(),
    head: () => copy.head(),
    queued: () => queue.length + inFlight,
    backend: (author) => ({
      info,
      view,
      commit: (on, files, message) =>
        copy.commit(on, files, message, author === null ? undefined : identityOf(author.login)),
      submit: (op, engine) => enqueue(op, engine, author),
      close: async () => {
        while (running !== null) await running;
      },
    }),
  };
}

/** One batch, re-applied on the new head after each lost race until the budget ends. */
async function commitBatch(
  copy: BranchCopy,
  batch: [Queued, ...Queued[]],
  budgetMs: number,
  log: (line: string) => void,
): Promise<Batch> {
  // Agents carry their user tag (withAgentTag), so any queued write's engine applies them all.
  const { engine } = batch[0];
  return retryLostRaces(
    async () => {
      const on = await copy.view('write');
      const prepared = await engine.prepare(
        on,
        batch.map((w) => w.item),
      );
      if (prepared.files.length === 0) return prepared;
      const { author, trailers } = authorship(
        batch.filter((_, i) => wrote(prepared.outcomes[i])).map((w) => w.author),
      );
      const message =
        prepared.message.trimEnd() + (trailers.length === 0 ? '\n' : `\n${trailers.join('\n')}\n`);
      if (await copy.commit(on, prepared.files, message, author)) return prepared;
      log(
        `${copy.full}@${copy.branch} moved during a commit; re-applying ${batch.length} operations`,
      );
      await copy.refresh();
      return LOST;
    },
    batch[0].item.op,
    { budgetMs },
  );
}
