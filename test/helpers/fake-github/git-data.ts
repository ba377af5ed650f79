/**
 * The Git Data API of the fake GitHub: refs (GET with ETag / 304, PATCH that refuses a
 * non-fast-forward unless forced), commits (GET, POST), trees (POST with `base_tree`, entries by
 * `sha`, inline `content` or `sha: null` to delete) and blobs (POST), as GitHub documents them at
 * https://docs.github.com/rest/git. Every object is written into the real bare repository.
 */
import type { IncomingMessage } from 'node:http';
import type { BareRepo, GitIdentity } from './bare-repo.js';
import { commitJson, errorBody } from './shapes.js';

export interface GitDataReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the fake hands this module for one request on one repository. */
export interface GitDataRequest {
  method: string;
  /** The path after /repos/OWNER/REPO, e.g. /git/refs/heads/main. */
  rest: string;
  body: Buffer | null;
  req: IncomingMessage;
  bare: BareRepo;
  full: string;
  base: string;
  login: string;
  push: boolean;
  noWrite: () => GitDataReply;
  cacheable: (req: IncomingMessage, body: unknown) => GitDataReply;
  /** Serializes writes on the repository (the Contents API shares it). */
  withLock: <T>(fn: () => Promise<T>) => Promise<T>;
}

const DOCS = 'https://docs.github.com/rest/git';

function parse(raw: Buffer | null): Record<string, unknown> | null {
  try {
    const v = JSON.parse(raw?.toString('utf8') ?? '') as unknown;
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const invalid = (message: string): GitDataReply => ({
  status: 422,
  body: errorBody(422, message, DOCS),
});
const isSha = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{40}$/.test(v);

/** The route name the request log uses, or null when this module does not serve the path. */
export function gitDataRouteName(method: string, rest: string): string | null {
  if (/^\/git\/refs?\/heads\//.test(rest)) return method === 'PATCH' ? 'refs.update' : 'refs.get';
  if (rest === '/git/trees' && method === 'POST') return 'trees.create';
  if (rest === '/git/blobs' && method === 'POST') return 'blobs.create';
  if (rest === '/git/commits' && method === 'POST') return 'commits.create';
  if (/^\/git\/commits\/[0-9a-f]{40}$/.test(rest)) return 'commits.get';
  return null;
}

export async function serveGitData(r: GitDataRequest): Promise<GitDataReply | null> {
  const ref = /^\/git\/refs?\/heads\/(.+)$/.exec(r.rest);
  if (ref && r.method === 'GET') return getRef(r, decodeURIComponent(ref[1] ?? ''));
  if (ref && r.method === 'PATCH') {
    if (!r.push) return r.noWrite();
    return r.withLock(() => updateRef(r, decodeURIComponent(ref[1] ?? '')));
  }
  const commit = /^\/git\/commits\/([0-9a-f]{40})$/.exec(r.rest);
  if (commit && r.method === 'GET') return getCommit(r, commit[1] ?? '');
  if (r.method !== 'POST') return null;
  if (!['/git/trees', '/git/blobs', '/git/commits'].includes(r.rest)) return null;
  if (!r.push) return r.noWrite();
  const input = parse(r.body);
  if (input === null) return { status: 400, body: errorBody(400, 'Problems parsing JSON', DOCS) };
  if (r.rest === '/git/blobs') return createBlob(r, input);
  if (r.rest === '/git/trees') return createTree(r, input);
  return createCommit(r, input);
}

function refJson(r: GitDataRequest, branch: string, sha: string): object {
  return {
    ref: `refs/heads/${branch}`,
    node_id: `REF_${branch}`,
    url: `${r.base}/repos/${r.full}/git/refs/heads/${branch}`,
    object: { sha, type: 'commit', url: `${r.base}/repos/${r.full}/git/commits/${sha}` },
  };
}

function getRef(r: GitDataRequest, branch: string): GitDataReply {
  const sha = r.bare.resolveBranch(branch);
  // GitHub answers an empty repository's refs with 409, a missing branch with 404.
  if (sha === null) return { status: 404, body: errorBody(404, 'Not Found', DOCS) };
  return r.cacheable(r.req, refJson(r, branch, sha));
}

async function updateRef(r: GitDataRequest, branch: string): Promise<GitDataReply> {
  const input = parse(r.body);
  if (input === null || !isSha(input.sha)) return invalid('Invalid request.\n\n"sha" is missing.');
  const old = r.bare.resolveBranch(branch);
  if (old === null) return invalid('Reference does not exist');
  const next = input.sha;
  const obj = await r.bare.readObject(next);
  if (obj?.type !== 'commit') return invalid('Object does not exist');
  if (input.force !== true && old !== next) {
    const ff = await r.bare
      .git(['merge-base', '--is-ancestor', old, next])
      .then(() => true)
      .catch(() => false);
    if (!ff) return invalid('Update is not a fast forward');
  }
  if (!(await r.bare.updateBranch(branch, next, old)))
    return invalid('Update is not a fast forward');
  return { status: 200, body: refJson(r, branch, next) };
}

async function getCommit(r: GitDataRequest, sha: string): Promise<GitDataReply> {
  const obj = await r.bare.readObject(sha);
  if (obj?.type !== 'commit') return { status: 404, body: errorBody(404, 'Not Found', DOCS) };
  const c = await r.bare.readCommit(sha);
  const who = (kind: string) => {
    const m = new RegExp(`^${kind} (.*) <(.*)> (\\d+) `, 'm').exec(c.raw);
    return {
      name: m?.[1] ?? '',
      email: m?.[2] ?? '',
      date: new Date(Number(m?.[3] ?? 0) * 1000).toISOString().replace('.000Z', 'Z'),
    };
  };
  return r.cacheable(
    r.req,
    commitJson(r.base, r.full, sha, {
      tree: c.tree,
      parents: c.parents,
      message: c.raw.slice(c.raw.indexOf('\n\n') + 2),
      author: who('author'),
      committer: who('committer'),
    }),
  );
}

async function createBlob(r: GitDataRequest, input: Record<string, unknown>) {
  if (typeof input.content !== 'string')
    return invalid('Invalid request.\n\n"content" is missing.');
  const encoding = input.encoding === 'base64' ? 'base64' : 'utf8';
  const sha = await r.bare.writeBlob(Buffer.from(input.content, encoding));
  return { status: 201, body: { sha, url: `${r.base}/repos/${r.full}/git/blobs/${sha}` } };
}

async function createTree(r: GitDataRequest, input: Record<string, unknown>) {
  const items = input.tree;
  if (!Array.isArray(items)) return invalid('Invalid request.\n\n"tree" is missing.');
  let root: string | null = null;
  if (input.base_tree !== undefined && input.base_tree !== null) {
    if (!isSha(input.base_tree) || (await r.bare.readObject(input.base_tree))?.type !== 'tree')
      return invalid('base_tree is not a valid tree oid');
    root = input.base_tree;
  }
  for (const raw of items as Array<Record<string, unknown>>) {
    const path = raw.path;
    if (typeof path !== 'string' || path === '' || path.startsWith('/') || path.endsWith('/'))
      return invalid('tree.path is invalid');
    if (raw.mode !== '100644' && raw.mode !== '100755')
      return invalid(`tree.mode ${String(raw.mode)} is not supported here`);
    let blob: string | null;
    if (typeof raw.content === 'string') blob = await r.bare.writeBlob(Buffer.from(raw.content));
    else if (raw.sha === null) blob = null;
    else if (isSha(raw.sha) && (await r.bare.readObject(raw.sha))?.type === 'blob') blob = raw.sha;
    else return invalid('tree.sha is not a valid blob');
    root = await r.bare.withPath(root, path, blob);
  }
  const sha = root ?? (await r.bare.writeTree([]));
  const top = await r.bare.readTree(sha);
  return {
    status: 201,
    body: {
      sha,
      url: `${r.base}/repos/${r.full}/git/trees/${sha}`,
      tree: top.map((e) => ({ path: e.name, mode: e.mode, type: e.type, sha: e.sha })),
      truncated: false,
    },
  };
}

async function createCommit(r: GitDataRequest, input: Record<string, unknown>) {
  const { message, tree } = input;
  if (typeof message !== 'string') return invalid('Invalid request.\n\n"message" is missing.');
  if (!isSha(tree) || (await r.bare.readObject(tree))?.type !== 'tree')
    return invalid('Tree SHA does not exist');
  const parents = Array.isArray(input.parents) ? input.parents : [];
  for (const p of parents)
    if (!isSha(p) || (await r.bare.readObject(p))?.type !== 'commit')
      return invalid('Parent SHA does not exist or is not a commit object');
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const person = (v: unknown, fallback: GitIdentity): Required<GitIdentity> => {
    const o = v as Partial<GitIdentity> | undefined;
    return typeof o?.name === 'string' && typeof o.email === 'string'
      ? { name: o.name, email: o.email, date: o.date ?? now }
      : { ...fallback, date: fallback.date ?? now };
  };
  const committer = person(input.committer, {
    name: r.login,
    email: `${r.login}@users.noreply.github.com`,
  });
  const author = person(input.author, committer);
  const sha = await r.bare.commitTree(tree, parents as string[], message, author, committer);
  return {
    status: 201,
    body: commitJson(r.base, r.full, sha, {
      tree,
      parents: parents as string[],
      message,
      author,
      committer,
    }),
  };
}
