/**
 * Real git remotes for tests: a bare repository on disk, and the same served over loopback HTTP
 * by `git http-backend` (the smart protocol, as GitHub speaks it) from a small Node server, with
 * optional basic auth, faults (delay, drop, drop or hold the answer after a push landed), a gate
 * that lets a test act before a request is served, and aliases (the same repository under
 * another path, so one machine's requests can be told apart).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface BareRemote {
  /** The bare repository's path (what `--git` takes). */
  dir: string;
  /** Removes it. */
  remove(): void;
}

/** An empty bare repository whose HEAD names `branch` (http-backend needs that to push). */
export function createBareRemote(options: { branch?: string; parent?: string } = {}): BareRemote {
  const parent = options.parent ?? mkdtempSync(join(tmpdir(), 'wc-remote-'));
  const dir = join(parent, 'threads.git');
  execFileSync('git', ['init', '--quiet', '--bare', '-b', options.branch ?? 'main', dir]);
  return { dir, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/** Runs git in a remote (or any repo) and returns stdout. */
export function gitIn(dir: string, args: string[]): string {
  return execFileSync('git', [`--git-dir=${dir}`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
  });
}

/** A file on the remote's branch, or null. */
export function remoteFile(dir: string, path: string, branch = 'main'): string | null {
  try {
    return execFileSync('git', [`--git-dir=${dir}`, 'show', `refs/heads/${branch}:${path}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
}

export type Fault =
  | { kind: 'none' }
  /** Wait before answering every request. */
  | { kind: 'delay'; ms: number }
  /** Close every connection without an answer. */
  | { kind: 'drop' }
  /** Let a push land on the remote, then close the connection without telling the client. */
  | { kind: 'drop-after-push' }
  /** Let a push land, call `onPushed`, and never answer (the client waits until killed). */
  | { kind: 'hold-after-push'; onPushed: () => void };

/** A request as the gate sees it: `path` is the URL path (an alias shows as `/NAME.git/…`). */
export interface GatedRequest {
  method: string;
  path: string;
  /** The whole request body (a push names the refs it updates in it). */
  body: Buffer;
}

export interface HttpRemote {
  /** `http://127.0.0.1:PORT/threads.git` */
  url: string;
  bare: BareRemote;
  fault: Fault;
  /** Awaited before each request is served (null: none). */
  gate: ((request: GatedRequest) => Promise<void> | void) | null;
  /** The same repository at `http://127.0.0.1:PORT/NAME.git`. */
  alias(name: string): string;
  /** Requests served so far, by `METHOD path?query`. */
  requests: string[];
  /** Authorization headers seen (to check what clients send). */
  authHeaders: string[];
  /** Stops listening (the remote is down: connections are refused) without deleting the repository. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Stops and deletes everything. */
  close(): Promise<void>;
}

export interface HttpRemoteOptions {
  /** Require basic auth with this password (any user name). */
  password?: string;
  branch?: string;
}

/** Starts a loopback smart-HTTP remote over a fresh bare repository. */
export async function startHttpRemote(options: HttpRemoteOptions = {}): Promise<HttpRemote> {
  const bare = createBareRemote({ branch: options.branch });
  const root = join(bare.dir, '..');
  const sockets = new Set<Socket>();
  const held: ServerResponse[] = [];
  let server: Server | null = null;
  let port = 0;

  const remote: HttpRemote = {
    url: '',
    bare,
    fault: { kind: 'none' },
    gate: null,
    alias: (name) => {
      symlinkSync(bare.dir, join(root, `${name}.git`));
      return remote.url.replace(/\/threads\.git$/, `/${name}.git`);
    },
    requests: [],
    authHeaders: [],
    stop: async () => {
      const s = server;
      server = null;
      if (s === null) return;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => s.close(() => r()));
    },
    start: async () => {
      server = createServer((req, res) => void handle(req, res));
      server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((r) => server?.listen(port, '127.0.0.1', () => r()));
      port = (server.address() as AddressInfo).port;
      remote.url = `http://127.0.0.1:${port}/threads.git`;
    },
    close: async () => {
      for (const res of held.splice(0)) res.destroy();
      await remote.stop();
      bare.remove();
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    remote.requests.push(`${req.method ?? 'GET'} ${url.pathname}${url.search}`);
    if (req.headers.authorization !== undefined) remote.authHeaders.push(req.headers.authorization);
    const fault = remote.fault;
    if (fault.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (options.password !== undefined) {
      const given = Buffer.from(
        (req.headers.authorization ?? '').replace(/^Basic /, ''),
        'base64',
      ).toString('utf8');
      if (
        given.slice(given.indexOf(':') + 1) !== options.password ||
        !/^Basic /.test(req.headers.authorization ?? '')
      ) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="threads"' }).end('auth required\n');
        return;
      }
    }
    const gate = remote.gate;
    let body: Buffer | null = null;
    if (gate !== null) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      body = Buffer.concat(chunks);
      await gate({ method: req.method ?? 'GET', path: url.pathname, body });
    }
    const isPush = url.pathname.endsWith('/git-receive-pack') && req.method === 'POST';
    const afterPush =
      isPush && (fault.kind === 'drop-after-push' || fault.kind === 'hold-after-push');
    const child = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.replace(/^\?/, ''),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: 'tester',
        REMOTE_ADDR: '127.0.0.1',
        ...(req.headers['content-encoding'] === undefined
          ? {}
          : { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) }),
        ...(req.headers['git-protocol'] === undefined
          ? {}
          : { GIT_PROTOCOL: String(req.headers['git-protocol']) }),
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    if (body === null) req.pipe(child.stdin);
    else child.stdin.end(body);
    child.stdin.on('error', () => {});
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => {
      if (afterPush) chunks.push(d);
      else if (res.headersSent) res.write(d);
      else {
        chunks.push(d);
        flushHeaders(chunks, res);
      }
    });
    child.on('close', () => {
      if (afterPush) {
        if (fault.kind === 'hold-after-push') {
          held.push(res);
          fault.onPushed();
        } else req.socket.destroy();
        return;
      }
      if (!res.headersSent) flushHeaders(chunks, res, true);
      res.end();
    });
  };

  await remote.start();
  return remote;
}

/** Writes the CGI headers once they are complete, then the body so far. */
function flushHeaders(chunks: Buffer[], res: ServerResponse, final = false): void {
  const data = Buffer.concat(chunks);
  let end = data.indexOf('\r\n\r\n');
  let sep = 4;
  if (end === -1) {
    end = data.indexOf('\n\n');
    sep = 2;
  }
  if (end === -1) {
    if (final) res.writeHead(502).end();
    return;
  }
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of data.subarray(0, end).toString('latin1').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
    else headers[name] = value;
  }
  res.writeHead(status, headers);
  res.write(data.subarray(end + sep));
  chunks.length = 0;
}

/** Commits files straight to a remote's branch (another tool pushing), through a throwaway clone. */
export function seedRemote(dir: string, files: Record<string, string>, branch = 'main'): void {
  const work = mkdtempSync(join(tmpdir(), 'wc-seed-'));
  const git = (args: string[]) =>
    execFileSync(
      'git',
      ['-C', work, '-c', 'user.name=Seed', '-c', 'user.email=seed@example.com', ...args],
      {
        stdio: 'ignore',
      },
    );
  try {
    execFileSync('git', ['clone', '--quiet', dir, work], { stdio: 'ignore' });
    git(['checkout', '--quiet', '-B', branch]);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), text);
    }
    git(['add', '-A']);
    git(['commit', '--quiet', '-m', 'seed']);
    git(['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Another writer lands a commit on the remote's branch (plumbing in the bare repository: fast). */
export function advanceRemote(dir: string, branch = 'main'): string {
  const tip = gitIn(dir, ['rev-parse', `refs/heads/${branch}`]).trim();
  const commit = execFileSync(
    'git',
    [`--git-dir=${dir}`, 'commit-tree', `${tip}^{tree}`, '-p', tip, '-m', 'another writer'],
    { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
  ).trim();
  gitIn(dir, ['update-ref', `refs/heads/${branch}`, commit, tip]);
  return commit;
}
