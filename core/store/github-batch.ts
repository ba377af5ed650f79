import { WatercoolerError } from '../errors.js';
import {
  type Operation,
  type OperationContext,
  type OperationResult,
  applyOperation,
  withEntryId,
} from '../operations.js';
import { redact, registerSecret } from '../redact.js';
import { type CommitPart, commitMessageFor } from './commit-message.js';
import { blobSha, commitOnBranch } from './github-commit.js';
import { parseRepoSpec } from './github.js';
import { statusOf, toWatercoolerError } from './github-errors.js';
import { DEFAULT_RETRY_BUDGET_MS } from './retry.js';

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
  log?: (line: string) => void;
}

/** One queued write: the thread file it changes and the operation to apply there. */
export interface BatchWrite {
  path: string;
  op: Operation;
  ctx: OperationContext;
  author: CommitAuthor | null;
}

/**
 * A single writer's view of one branch over GitHub's Git Data API: the head commit, its blobs by
 * path, and a group commit. Writes that arrive while a commit is in flight go into the next one
 * (one tree, one commit, one ref update for many operations); the ref update is not forced, so
 * it is a compare-and-swap: when someone pushed in between, GitHub refuses it, the batch re-reads
 * and re-applies its operations (idempotent by Entry-ID) to the new head.
 */
export interface GitHubBatch {
  readonly repo: string;
  /** Asks whether the branch moved (a conditional request; a 304 costs nothing) and loads what did. */
  refresh(): Promise<boolean>;
  /** The head commit mirrored, null before the first refresh. */
  head(): string | null;
  /** Blob paths → blob shas at the head. */
  blobs(): ReadonlyMap<string, string>;
  /** The text of a blob at the head (fetched once per sha), null when the path is not a blob. */
  text(path: string): Promise<string | null>;
  /** Resolves once GitHub's branch points at a commit that holds the write. */
  write(w: BatchWrite): Promise<OperationResult>;
  /** Writes waiting for or inside the commit in flight. */
  queued(): number;
}

interface Queued extends BatchWrite {
  resolve: (r: OperationResult) => void;
  reject: (e: unknown) => void;
}

/** An HTTP failure in the shape github-errors.ts reads (the same as Octokit's RequestError). */
class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly response: { headers: Record<string, string>; data: unknown },
  ) {
    super(`HTTP ${status}`);
  }
}

const RETRIES = 2;
const RETRY_DELAY_MS = 150;

function decodeBase64(content: string): string {
  const bin = atob(content.replace(/\s+/g, ''));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

const identityOf = (a: CommitAuthor) => ({
  name: a.login,
  email: `${a.login}@users.noreply.github.com`,
});

/**
 * The commit's author: the one login behind every operation in it, else the token's owner with
 * a `Co-authored-by` trailer per login (GitHub shows each of them on the commit).
 */
function authorship(batch: readonly Queued[]): {
  author?: { name: string; email: string };
  trailers: string[];
} {
  const logins = [...new Set(batch.flatMap((w) => (w.author === null ? [] : [w.author.login])))];
  const [only] = logins;
  if (logins.length === 1 && only !== undefined && batch.every((w) => w.author !== null))
    return { author: identityOf({ login: only }), trailers: [] };
  return {
    trailers: logins.map((login) => {
      const who = identityOf({ login });
      return `Co-authored-by: ${who.name} <${who.email}>`;
    }),
  };
}

export async function openGitHubBatch(options: GitHubBatchOptions): Promise<GitHubBatch> {
  registerSecret(options.token);
  const spec = parseRepoSpec(options.repo);
  const full = `${spec.owner}/${spec.repo}`;
  const baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const budgetMs = options.budgetMs ?? DEFAULT_RETRY_BUDGET_MS;
  const log = (line: string) => options.log?.(redact(line));

  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
    etag?: string,
  ): Promise<{ status: number; data: T; etag: string | undefined }> => {
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${options.token}`,
      'user-agent': 'watercooler-hub',
      'x-github-api-version': '2022-11-28',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (etag !== undefined) headers['if-none-match'] = etag;
    const send = () =>
      doFetch(`${baseUrl}/repos/${full}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    // Git objects are content-addressed and the ref update names its target: every request here
    // is safe to repeat, so a 5xx or a dropped connection is retried a little before failing.
    let res: Response | null = null;
    for (let tries = 0; res === null || (res.status >= 500 && tries <= RETRIES); tries++) {
      if (tries > 0) await new Promise((r) => setTimeout(r, RETRY_DELAY_MS * tries));
      try {
        res = await send();
      } catch (err) {
        if (tries >= RETRIES) throw err;
      }
    }
    const text = res.status === 304 ? '' : await res.text();
    let data: unknown;
    try {
      data = text === '' ? null : JSON.parse(text);
    } catch {
      data = { message: text.slice(0, 200) };
    }
    if (res.status >= 400) {
      const h: Record<string, string> = {};
      res.headers.forEach((v, k) => (h[k] = v));
      throw new HttpFailure(res.status, { headers: h, data });
    }
    return { status: res.status, data: data as T, etag: res.headers.get('etag') ?? undefined };
  };
  const fail = (err: unknown, action: 'read' | 'write') =>
    toWatercoolerError(err, full, action, baseUrl, action === 'write');

  let branch = spec.branch;
  if (branch === null) {
    try {
      branch = (await call<{ default_branch: string }>('GET', '')).data.default_branch;
    } catch (err) {
      throw fail(err, 'read');
    }
  }
  const refPath = `/git/ref/heads/${branch}`;
  let head: string | null = null;
  let treeSha: string | null = null;
  let refEtag: string | undefined;
  let blobs = new Map<string, string>();
  const texts = new Map<string, string>();
  const queue: Queued[] = [];
  let inFlight = 0;
  let running: Promise<void> | null = null;

  const blobText = async (sha: string): Promise<string> => {
    const hit = texts.get(sha);
    if (hit !== undefined) return hit;
    const { data } = await call<{ content: string }>('GET', `/git/blobs/${sha}`);
    const text = decodeBase64(data.content);
    texts.set(sha, text);
    return text;
  };

  /** Where the branch points now, asked with the ETag held (null: it did not move). */
  const readRef = async (conditional: boolean): Promise<string | null> => {
    try {
      const res = await call<{ object: { sha: string } }>(
        'GET',
        refPath,
        undefined,
        conditional ? refEtag : undefined,
      );
      if (res.status === 304) return null;
      refEtag = res.etag;
      return res.data.object.sha;
    } catch (err) {
      if (statusOf(err) === 404 || statusOf(err) === 409) {
        throw new WatercoolerError(
          'CONFIG',
          `Branch "${branch}" of ${full} has no commits the hub can build on.`,
          {
            hint: 'Push a first commit (create-watercooler makes one), or name an existing branch as OWNER/REPO@BRANCH.',
            cause: err,
          },
        );
      }
      throw fail(err, 'read');
    }
  };

  /** Loads the tree of `commit` and keeps only the texts that are still in it. */
  const load = async (commit: string): Promise<void> => {
    const { data: c } = await call<{ tree: { sha: string } }>('GET', `/git/commits/${commit}`);
    const { data } = await call<{ tree: Array<{ path: string; type: string; sha: string }> }>(
      'GET',
      `/git/trees/${c.tree.sha}?recursive=1`,
    );
    const next = new Map<string, string>();
    for (const e of data.tree) if (e.type === 'blob') next.set(e.path, e.sha);
    const live = new Set(next.values());
    for (const sha of texts.keys()) if (!live.has(sha)) texts.delete(sha);
    blobs = next;
    head = commit;
    treeSha = c.tree.sha;
  };

  const refresh = async (): Promise<boolean> => {
    const at = await readRef(head !== null);
    if (at === null || at === head) return false;
    try {
      await load(at);
    } catch (err) {
      throw fail(err, 'read');
    }
    log(`hub: ${full}@${branch} moved to ${at.slice(0, 7)}`);
    return true;
  };

  const text = async (path: string): Promise<string | null> => {
    const sha = blobs.get(path);
    if (sha === undefined) return null;
    try {
      return await blobText(sha);
    } catch (err) {
      throw fail(err, 'read');
    }
  };

  /** Applies the batch to the head's texts: the successors by path and each write's result. */
  const applyAll = async (batch: Queued[]) => {
    const next = new Map<string, string | null>();
    const results = new Map<Queued, OperationResult | { error: unknown }>();
    for (const w of batch) {
      if (!next.has(w.path)) next.set(w.path, await text(w.path));
      try {
        const r = applyOperation(next.get(w.path) ?? null, w.op, w.ctx);
        if (r.changed) next.set(w.path, r.text);
        results.set(w, r);
      } catch (error) {
        results.set(w, { error });
      }
    }
    const changed = new Map<string, string>();
    for (const [path, t] of next) if (t !== null && t !== (await text(path))) changed.set(path, t);
    return { changed, results };
  };

  /** One tree, one commit, one non-forced ref update; false when someone else moved the branch. */
  const commit = async (
    changed: Map<string, string>,
    batch: [Queued, ...Queued[]],
    parts: CommitPart[],
  ) => {
    const { author, trailers } = authorship(batch);
    const message =
      commitMessageFor(parts, batch[0].ctx).trimEnd() +
      (trailers.length === 0 ? '\n' : `\n${trailers.join('\n')}\n`);
    const made = await commitOnBranch(call, {
      branch: branch as string,
      parent: head,
      baseTree: treeSha,
      files: changed,
      message,
      ...(author === undefined ? {} : { author }),
    });
    if (made === null) return false;
    const shas = await Promise.all([...changed].map(async ([p, t]) => [p, await blobSha(t), t]));
    for (const [path, sha, t] of shas) {
      blobs.set(path as string, sha as string);
      texts.set(sha as string, t as string);
    }
    head = made.commit;
    treeSha = made.tree;
    return true;
  };

  /** Commits one batch, re-applying it after lost races until the budget ends. */
  const flush = async (batch: [Queued, ...Queued[]]): Promise<void> => {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      if (head === null) await refresh();
      const { changed, results } = await applyAll(batch);
      const parts: CommitPart[] = [];
      for (const w of batch) {
        const r = results.get(w);
        if (r !== undefined && !('error' in r) && r.changed && !r.alreadyApplied)
          parts.push({ op: w.op, entryId: r.entryId });
      }
      if (changed.size === 0 || (await commit(changed, batch, parts))) {
        for (const w of batch) {
          const r = results.get(w);
          if (r === undefined || 'error' in r) w.reject(r?.error);
          else w.resolve(r);
        }
        return;
      }
      if (Date.now() - started >= budgetMs) {
        throw new WatercoolerError(
          'CONFLICT',
          `Gave up after ${attempt} tries: ${full}@${branch} kept moving under the hub.`,
          { hint: 'Nothing was written. Try again (it is safe to repeat).' },
        );
      }
      log(`hub: ${full}@${branch} moved during a commit; re-applying ${batch.length} operations`);
      await refresh();
    }
  };

  const drain = async (): Promise<void> => {
    for (let batch = queue.splice(0); batch[0] !== undefined; batch = queue.splice(0)) {
      inFlight = batch.length;
      try {
        await flush(batch as [Queued, ...Queued[]]);
      } catch (err) {
        const failure = fail(err, 'write');
        for (const w of batch) w.reject(failure);
        // What GitHub holds now is unknown: the next batch starts from a fresh read.
        head = null;
      } finally {
        inFlight = 0;
      }
    }
    running = null;
  };

  return {
    repo: `${full}@${branch}`,
    refresh,
    head: () => head,
    blobs: () => blobs,
    text,
    queued: () => queue.length + inFlight,
    write: (w) =>
      new Promise<OperationResult>((resolve, reject) => {
        queue.push({ ...w, op: withEntryId(w.op), resolve, reject });
        running ??= drain();
      }),
  };
}
