/**
 * A loopback GitHub for tests: the REST endpoints the project calls, with GitHub's documented
 * semantics (Contents API with base64 and blob `sha`, 409 on a stale `sha`, 422 when it is
 * missing for an existing file, Git Trees, Git Blobs, the Git Data writes (refs, commits, trees,
 * blobs), collaborator permissions, repositories, ETag / 304 that costs no rate limit,
 * `x-ratelimit-*` headers that count down, 403/429 when spent, secondary limits with
 * `retry-after`, 401 for a bad token, 403/404 for missing permissions, Link pagination) and the
 * OAuth web flow (`fake.oauth`), backed by
 * a real bare git repository per repo (every write is a plumbing commit with a real parent) that
 * the same server also serves over smart HTTP at `/<owner>/<repo>.git`.
 *
 * Production code never knows it: it is reached through Octokit's `baseUrl`. Knobs are this
 * class's methods (tokens, rate budgets, injected failures, the request log).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BareRepo, type TreeEntry } from './fake-github/bare-repo.js';
import { gitDataRouteName, serveGitData } from './fake-github/git-data.js';
import { FakeOAuth } from './fake-github/oauth.js';
import {
  type RepoRecord,
  commitJson,
  contentFileJson,
  errorBody,
  etagOf,
  linkHeader,
  repoJson,
  wrapBase64,
} from './fake-github/shapes.js';
import { serveSmartHttp } from './fake-github/smart-http.js';

export interface FakeTokenOptions {
  login: string;
  /** Contents permission on the repositories the token covers (default write). */
  permission?: 'read' | 'write' | 'admin';
  /** Full names the token covers (default: every repo its login owns or its orgs own). */
  repos?: string[];
  /** Fine-grained tokens get 403 "Resource not accessible…"; classic ones 404 on a write they may not do. */
  kind?: 'fine-grained' | 'classic';
  /** Organizations the login belongs to. */
  orgs?: string[];
  /** May create repositories (Administration: write). Default true. */
  createRepos?: boolean;
}

export interface RateBudget {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
  used: number;
}

export interface RequestRecord {
  method: string;
  /** Path without the query string. */
  path: string;
  /** A stable name of the endpoint: `contents.get`, `contents.put`, `trees.get`, `git.smart`, … */
  route: string;
  status: number;
  login: string | null;
  conditional: boolean;
}

interface Reply {
  status: number;
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
  /** Does this answer cost rate limit (304 and /rate_limit do not). */
  free?: boolean;
}

interface RepoState extends RepoRecord {
  bare: BareRepo;
  /** Serializes writes through the API; ref moves are still checked with update-ref's old value. */
  lock: Promise<void>;
}

const ANON = '(anonymous)';
const RATE_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

export class FakeGitHub {
  readonly requests: RequestRecord[] = [];
  /** GitHub's OAuth web flow; a token it issues works on the API as its login. */
  readonly oauth = new FakeOAuth((login) => {
    const token = `gho_${randomBytes(18).toString('hex')}`;
    this.addToken(token, { login });
    return token;
  });
  private readonly repos = new Map<string, RepoState>();
  private readonly tokens = new Map<string, Required<FakeTokenOptions>>();
  private readonly budgets = new Map<string, RateBudget>();
  private readonly orgs = new Map<string, Set<string>>();
  private secondary: { count: number; retryAfter: number; status: number } = {
    count: 0,
    retryAfter: 1,
    status: 403,
  };
  private lostAnswers: { count: number; method: string; status: number } = {
    count: 0,
    method: 'PUT',
    status: 502,
  };
  private primaryStatus = 403;
  private nextId = 1;
  /** Requests per window for a new token (GitHub: 5,000/hour; anonymous 60). */
  defaultLimit = 5000;
  windowSeconds = 3600;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly root: string,
  ) {}

  static async start(): Promise<FakeGitHub> {
    const root = mkdtempSync(join(tmpdir(), 'fake-github-'));
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeGitHub(server, `http://127.0.0.1:${port}`, root);
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `fake-github: ${String(err)}` }));
      });
    });
    return fake;
  }

  // ---- knobs -------------------------------------------------------------------------------

  addToken(token: string, options: FakeTokenOptions): void {
    this.tokens.set(token, {
      login: options.login,
      permission: options.permission ?? 'write',
      repos: (options.repos ?? []).map((r) => r.toLowerCase()),
      kind: options.kind ?? 'fine-grained',
      orgs: options.orgs ?? [],
      createRepos: options.createRepos ?? true,
    });
    for (const org of options.orgs ?? []) {
      const members = this.orgs.get(org.toLowerCase()) ?? new Set<string>();
      members.add(options.login.toLowerCase());
      this.orgs.set(org.toLowerCase(), members);
    }
  }

  /** Sets a token's primary budget (`null` token: anonymous). */
  setRateLimit(
    token: string | null,
    budget: { limit?: number; remaining?: number; resetInSeconds?: number },
  ): void {
    const current = this.budget(token ?? ANON);
    if (budget.limit !== undefined) current.limit = budget.limit;
    if (budget.remaining !== undefined) current.remaining = budget.remaining;
    if (budget.resetInSeconds !== undefined)
      current.reset = Math.floor(Date.now() / 1000) + budget.resetInSeconds;
    current.used = current.limit - current.remaining;
  }

  rateLimit(token: string | null): RateBudget {
    return { ...this.budget(token ?? ANON) };
  }

  /** Answer a spent primary limit with 403 (GitHub's usual) or 429. */
  setPrimaryLimitStatus(status: 403 | 429): void {
    this.primaryStatus = status;
  }

  /** The next `count` API requests get a secondary rate limit answer with `retry-after`. */
  injectSecondaryLimit(
    count: number,
    options: { retryAfter?: number; status?: 403 | 429 } = {},
  ): void {
    this.secondary = { count, retryAfter: options.retryAfter ?? 1, status: options.status ?? 403 };
  }

  /** The next `count` requests of `method` are carried out, but their answer is replaced by a 5xx. */
  loseAnswers(count: number, options: { method?: string; status?: number } = {}): void {
    this.lostAnswers = {
      count,
      method: options.method ?? 'PUT',
      status: options.status ?? 502,
    };
  }

  count(filter?: string | ((r: RequestRecord) => boolean)): number {
    if (filter === undefined) return this.requests.length;
    const f = typeof filter === 'string' ? (r: RequestRecord) => r.route === filter : filter;
    return this.requests.filter(f).length;
  }

  resetRequests(): void {
    this.requests.length = 0;
  }

  addOrg(org: string, members: string[] = []): void {
    this.orgs.set(org.toLowerCase(), new Set(members.map((m) => m.toLowerCase())));
  }

  async createRepo(
    fullName: string,
    options: {
      private?: boolean;
      defaultBranch?: string;
      files?: Record<string, string>;
      description?: string;
    } = {},
  ): Promise<void> {
    const [owner = '', name = ''] = fullName.split('/');
    await this.makeRepo(owner, name, {
      private: options.private ?? true,
      defaultBranch: options.defaultBranch ?? 'main',
      description: options.description ?? null,
      ownerType: this.orgs.has(owner.toLowerCase()) ? 'Organization' : 'User',
    });
    if (options.files && Object.keys(options.files).length > 0) {
      await this.commitFiles(fullName, options.files, { message: 'Initial commit' });
    }
  }

  /** Commits files straight into the bare repo (another writer, outside the API). */
  async commitFiles(
    fullName: string,
    files: Record<string, string | null>,
    options: { branch?: string; message?: string } = {},
  ): Promise<string> {
    const repo = this.mustRepo(fullName);
    return this.withLock(repo, async () => {
      const branch = options.branch ?? repo.defaultBranch;
      for (;;) {
        const head = repo.bare.resolveBranch(branch);
        let tree = head === null ? null : (await repo.bare.readCommit(head)).tree;
        for (const [path, text] of Object.entries(files)) {
          const blob = text === null ? null : await repo.bare.writeBlob(Buffer.from(text));
          tree = await repo.bare.withPath(tree, path, blob);
        }
        const who = { name: 'Fixture', email: 'fixture@example.com' };
        const commit = await repo.bare.commitTree(
          tree ?? (await repo.bare.writeTree([])),
          head === null ? [] : [head],
          options.message ?? 'fixture',
          who,
          who,
        );
        if (await repo.bare.updateBranch(branch, commit, head)) return commit;
      }
    });
  }

  /** The text of a file on a branch (null when missing), read with git. */
  async readFile(fullName: string, path: string, branch?: string): Promise<string | null> {
    const repo = this.mustRepo(fullName);
    const head = repo.bare.resolveBranch(branch ?? repo.defaultBranch);
    if (head === null) return null;
    const entry = await repo.bare.lookup((await repo.bare.readCommit(head)).tree, path);
    if (entry?.type !== 'blob') return null;
    return (await repo.bare.readObject(entry.sha))?.body.toString('utf8') ?? null;
  }

  /** Renames a branch as GitHub's settings page does; the default branch follows it. */
  async renameBranch(fullName: string, from: string, to: string): Promise<void> {
    const repo = this.mustRepo(fullName);
    await repo.bare.git(['branch', '-m', from, to]);
    if (repo.defaultBranch === from) repo.defaultBranch = to;
  }

  gitDir(fullName: string): string {
    return this.mustRepo(fullName).bare.gitDir;
  }

  /** `git <args>` inside the bare repository; stdout as text. */
  async git(fullName: string, args: string[]): Promise<string> {
    return (await this.mustRepo(fullName).bare.git(args)).toString('utf8');
  }

  gitUrl(fullName: string): string {
    return `${this.url}/${fullName}.git`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const repo of this.repos.values()) repo.bare.close();
    rmSync(this.root, { recursive: true, force: true });
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private budget(key: string): RateBudget {
    const now = Math.floor(Date.now() / 1000);
    let b = this.budgets.get(key);
    if (!b) {
      const limit = key === ANON ? 60 : this.defaultLimit;
      b = { limit, remaining: limit, reset: now + this.windowSeconds, used: 0 };
      this.budgets.set(key, b);
    }
    if (now >= b.reset) {
      b.remaining = b.limit;
      b.used = 0;
      b.reset = now + this.windowSeconds;
    }
    return b;
  }

  private mustRepo(fullName: string): RepoState {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`fake-github: no repo ${fullName}`);
    return repo;
  }

  private async makeRepo(
    owner: string,
    name: string,
    o: {
      private: boolean;
      defaultBranch: string;
      description: string | null;
      ownerType: 'User' | 'Organization';
    },
  ): Promise<RepoState> {
    const bare = await BareRepo.init(join(this.root, owner, `${name}.git`), o.defaultBranch);
    const repo: RepoState = {
      id: this.nextId++,
      owner,
      name,
      ownerType: o.ownerType,
      private: o.private,
      defaultBranch: o.defaultBranch,
      description: o.description,
      createdAt: new Date().toISOString(),
      bare,
      lock: Promise.resolve(),
    };
    this.repos.set(`${owner}/${name}`.toLowerCase(), repo);
    return repo;
  }

  private async withLock<T>(repo: RepoState, fn: () => Promise<T>): Promise<T> {
    const previous = repo.lock;
    let release = (): void => {};
    repo.lock = new Promise<void>((r) => (release = r));
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private covers(tok: Required<FakeTokenOptions>, repo: RepoState): boolean {
    const full = `${repo.owner}/${repo.name}`.toLowerCase();
    if (tok.repos.length > 0) return tok.repos.includes(full);
    const owner = repo.owner.toLowerCase();
    return owner === tok.login.toLowerCase() || tok.orgs.some((o) => o.toLowerCase() === owner);
  }

  private permissionsOn(tok: Required<FakeTokenOptions> | null, repo: RepoState) {
    const covered = tok !== null && this.covers(tok, repo);
    return {
      pull: covered || !repo.private,
      push: covered && tok.permission !== 'read',
      admin: covered && tok.permission === 'admin',
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const smart = /^\/([^/]+)\/([^/]+?)\.git(\/.*)$/.exec(url.pathname);
    if (smart) return this.handleSmart(req, res, url, smart);
    if (url.pathname.startsWith('/login/oauth/')) return this.handleOAuth(req, res, url);

    const conditional = req.headers['if-none-match'] !== undefined;
    const record: RequestRecord = {
      method,
      path: url.pathname,
      route: routeName(method, url.pathname),
      status: 0,
      login: null,
      conditional,
    };
    this.requests.push(record);
    const body = method === 'GET' || method === 'HEAD' ? null : await readBody(req);

    const auth = req.headers.authorization;
    let tok: Required<FakeTokenOptions> | null = null;
    let key = ANON;
    if (auth !== undefined) {
      const token = /^(?:token|bearer)\s+(\S+)$/i.exec(auth)?.[1] ?? '';
      const found = this.tokens.get(token);
      if (!found)
        return this.send(
          res,
          record,
          { status: 401, body: errorBody(401, 'Bad credentials') },
          null,
        );
      tok = found;
      key = token;
      record.login = found.login;
    }
    const budget = this.budget(key);

    if (this.secondary.count > 0 && record.route !== 'rate_limit') {
      this.secondary.count--;
      return this.send(
        res,
        record,
        {
          status: this.secondary.status,
          headers: { 'retry-after': String(this.secondary.retryAfter) },
          body: errorBody(
            this.secondary.status,
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:FAKE.',
            RATE_DOCS,
          ),
          free: true,
        },
        budget,
      );
    }
    if (budget.remaining <= 0 && record.route !== 'rate_limit') {
      return this.send(
        res,
        record,
        {
          status: this.primaryStatus,
          body: errorBody(
            this.primaryStatus,
            tok
              ? `API rate limit exceeded for user ID ${1000 + tok.login.length}. If you reach out to GitHub Support for help, please include the request ID 0000:FAKE.`
              : "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit.)",
            RATE_DOCS,
          ),
          free: true,
        },
        budget,
      );
    }

    let reply = await this.route(method, url, body, tok, req, key);
    if (reply.status === 304) reply = { ...reply, free: true };
    if (
      this.lostAnswers.count > 0 &&
      method === this.lostAnswers.method &&
      reply.status >= 200 &&
      reply.status < 300
    ) {
      this.lostAnswers.count--;
      reply = {
        status: this.lostAnswers.status,
        body: errorBody(this.lostAnswers.status, 'Server Error'),
      };
    }
    return this.send(res, record, reply, budget, req);
  }

  private send(
    res: ServerResponse,
    record: RequestRecord,
    reply: Reply,
    budget: RateBudget | null,
    req?: IncomingMessage,
  ): void {
    record.status = reply.status;
    const headers: Record<string, string> = {
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `FAKE:${this.requests.length}`,
      ...reply.headers,
    };
    if (budget) {
      if (!reply.free && reply.status !== 401) {
        budget.remaining = Math.max(0, budget.remaining - 1);
        budget.used++;
      }
      Object.assign(headers, {
        'x-ratelimit-limit': String(budget.limit),
        'x-ratelimit-remaining': String(budget.remaining),
        'x-ratelimit-reset': String(budget.reset),
        'x-ratelimit-used': String(budget.used),
        'x-ratelimit-resource': 'core',
      });
    }
    if (reply.status === 304 || req?.method === 'HEAD') {
      res.writeHead(reply.status, headers).end();
      return;
    }
    if (reply.raw) {
      res.writeHead(reply.status, { 'content-type': 'application/vnd.github.raw', ...headers });
      res.end(reply.raw);
      return;
    }
    const text = JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(text);
  }

  /** A cacheable GET answer: ETag over the body, 304 when the client already has it. */
  private cacheable(
    req: IncomingMessage,
    body: unknown,
    headers: Record<string, string> = {},
    known?: string,
  ): Reply {
    const tag = known ?? etagOf(JSON.stringify(body));
    const sent = req.headers['if-none-match'];
    const tags = typeof sent === 'string' ? sent.split(',').map((t) => t.trim()) : [];
    const weak = (t: string) => t.replace(/^W\//, '');
    if (tags.some((t) => t === '*' || weak(t) === weak(tag))) {
      return { status: 304, headers: { etag: tag, ...headers } };
    }
    return {
      status: 200,
      body,
      headers: {
        etag: tag,
        'cache-control': 'private, max-age=60, s-maxage=60',
        vary: 'Accept, Authorization',
        ...headers,
      },
    };
  }

  private async route(
    method: string,
    url: URL,
    body: Buffer | null,
    tok: Required<FakeTokenOptions> | null,
    req: IncomingMessage,
    key: string,
  ): Promise<Reply> {
    const p = url.pathname.replace(/\/+$/, '');
    if (method === 'GET' && p === '/rate_limit') {
      const b = this.budget(key);
      return { status: 200, free: true, body: { resources: { core: b }, rate: b } };
    }
    if (method === 'GET' && p === '/user') {
      if (!tok) return { status: 401, body: errorBody(401, 'Requires authentication') };
      return { status: 200, body: { login: tok.login, id: 1000 + tok.login.length, type: 'User' } };
    }
    if (p === '/user/repos' && method === 'GET') return this.listUserRepos(url, tok);
    if (p === '/user/repos' && method === 'POST')
      return this.createRepoRoute(tok?.login ?? null, body, tok, false);
    const org = /^\/orgs\/([^/]+)\/repos$/.exec(p);
    if (org && method === 'POST')
      return this.createRepoRoute(decodeURIComponent(org[1] ?? ''), body, tok, true);

    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(p);
    if (!m) return { status: 404, body: errorBody(404, 'Not Found') };
    const repo = this.repos.get(
      `${decodeURIComponent(m[1] ?? '')}/${decodeURIComponent(m[2] ?? '')}`.toLowerCase(),
    );
    const perms = repo ? this.permissionsOn(tok, repo) : null;
    if (!repo || !perms?.pull) return { status: 404, body: errorBody(404, 'Not Found') };
    const rest = m[3] ?? '';
    const full = `${repo.owner}/${repo.name}`;

    if (rest === '' && method === 'GET')
      return this.cacheable(req, repoJson(this.url, repo, perms));
    const contents = /^\/contents(?:\/(.*))?$/.exec(rest);
    if (contents) {
      const path = decodeURIComponent(contents[1] ?? '');
      if (method === 'GET') return this.getContents(repo, full, path, url, req);
      if (method === 'PUT') {
        if (!perms.push) return this.noWrite(repo, tok, 'contents=write');
        return this.putContents(repo, full, path, body, tok);
      }
    }
    const tree = /^\/git\/trees\/(.+)$/.exec(rest);
    if (tree && method === 'GET')
      return this.getTree(repo, full, decodeURIComponent(tree[1] ?? ''), url, req);
    const blob = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(rest);
    if (blob && method === 'GET') return this.getBlob(repo, full, blob[1] ?? '', req);
    if (rest === '/commits' && method === 'GET') return this.listCommits(repo, full, url);
    const collaborator = /^\/collaborators\/([^/]+)\/permission$/.exec(rest);
    if (collaborator && method === 'GET')
      return this.collaboratorPermission(repo, decodeURIComponent(collaborator[1] ?? ''));
    const data = await serveGitData({
      method,
      rest,
      body,
      req,
      bare: repo.bare,
      full,
      base: this.url,
      login: tok?.login ?? 'anonymous',
      push: perms.push,
      noWrite: () => this.noWrite(repo, tok, 'contents=write'),
      cacheable: (r, b) => this.cacheable(r, b),
      withLock: (fn) => this.withLock(repo, fn),
    });
    return data ?? { status: 404, body: errorBody(404, 'Not Found') };
  }

  private noWrite(
    repo: RepoState,
    tok: Required<FakeTokenOptions> | null,
    permission: string,
  ): Reply {
    if (tok?.kind === 'classic') return { status: 404, body: errorBody(404, 'Not Found') };
    return {
      status: 403,
      headers: { 'x-accepted-github-permissions': permission },
      body: errorBody(
        403,
        tok
          ? 'Resource not accessible by personal access token'
          : `Must have push access to repository ${repo.owner}/${repo.name}`,
      ),
    };
  }

  /** A branch name or a commit sha → commit sha (null: unknown; 'empty': no commits at all). */
  private resolveRef(repo: RepoState, ref: string): Promise<string | null> | string | null {
    const head = repo.bare.resolveBranch(ref === 'HEAD' ? repo.defaultBranch : ref);
    if (head !== null) return head;
    if (/^[0-9a-f]{40}$/.test(ref)) {
      return repo.bare.readObject(ref).then((o) => (o?.type === 'commit' ? ref : null));
    }
    return null;
  }

  private isEmpty(repo: RepoState): boolean {
    return repo.bare.resolveBranch(repo.defaultBranch) === null;
  }

  private async getContents(
    repo: RepoState,
    full: string,
    path: string,
    url: URL,
    req: IncomingMessage,
  ): Promise<Reply> {
    if (this.isEmpty(repo))
      return { status: 404, body: errorBody(404, 'This repository is empty.') };
    const ref = url.searchParams.get('ref') ?? repo.defaultBranch;
    const commit = await this.resolveRef(repo, ref);
    if (commit === null)
      return { status: 404, body: errorBody(404, `No commit found for the ref ${ref}`) };
    const root = (await repo.bare.readCommit(commit)).tree;
    const entry = await repo.bare.lookup(root, path);
    if (!entry) return { status: 404, body: errorBody(404, 'Not Found') };
    if (entry.type === 'tree') {
      const items = await repo.bare.readTree(entry.sha);
      const list = items.map((e) => ({
        ...(contentFileJson(
          this.url,
          full,
          path === '' ? e.name : `${path}/${e.name}`,
          e.sha,
          null,
          ref,
        ) as object),
        type: e.type === 'tree' ? 'dir' : e.type === 'commit' ? 'submodule' : 'file',
      }));
      return this.cacheable(req, list);
    }
    const accept = req.headers.accept ?? '';
    if (accept.includes('.raw')) {
      const reply = this.cacheable(req, { raw: entry.sha });
      if (reply.status === 304) return reply;
      return { ...reply, raw: (await repo.bare.readObject(entry.sha))?.body ?? Buffer.alloc(0) };
    }
    // The same blob at the same path and ref is the same answer: keep its body and ETag.
    const key = `${full}\0${ref}\0${path}\0${entry.sha}`;
    let hit = this.answers.get(key);
    if (!hit) {
      const data = (await repo.bare.readObject(entry.sha))?.body ?? Buffer.alloc(0);
      const body = contentFileJson(this.url, full, path, entry.sha, data, ref);
      hit = { body, etag: etagOf(JSON.stringify(body)) };
      if (this.answers.size > 256) this.answers.clear();
      this.answers.set(key, hit);
    }
    return this.cacheable(req, hit.body, {}, hit.etag);
  }

  private readonly answers = new Map<string, { body: object; etag: string }>();

  private async putContents(
    repo: RepoState,
    full: string,
    path: string,
    raw: Buffer | null,
    tok: Required<FakeTokenOptions> | null,
  ): Promise<Reply> {
    const docs = 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents';
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(raw?.toString('utf8') ?? '') as Record<string, unknown>;
    } catch {
      return { status: 400, body: errorBody(400, 'Problems parsing JSON', docs) };
    }
    for (const field of ['message', 'content']) {
      if (typeof input[field] !== 'string') {
        return {
          status: 422,
          body: errorBody(422, `Invalid request.\n\n"${field}" wasn't supplied.`, docs),
        };
      }
    }
    if (path === '' || path.endsWith('/'))
      return { status: 422, body: errorBody(422, 'path cannot be empty', docs) };
    const content = Buffer.from(input.content as string, 'base64');
    const identity = (v: unknown, fallback: { name: string; email: string }) => {
      const o = v as { name?: unknown; email?: unknown } | undefined;
      return typeof o?.name === 'string' && typeof o.email === 'string'
        ? { name: o.name, email: o.email }
        : fallback;
    };
    const login = tok?.login ?? 'anonymous';
    const committer = identity(input.committer, {
      name: login,
      email: `${login}@users.noreply.github.com`,
    });
    const author = identity(input.author, committer);
    const branch = typeof input.branch === 'string' ? input.branch : repo.defaultBranch;
    const sha = typeof input.sha === 'string' ? input.sha : undefined;

    // A stale sha is answered from a snapshot taken now, without queueing behind the writes in
    // flight: a 409 decided on the state at one instant is as honest as one decided under the lock.
    const snapshot = repo.bare.resolveBranch(branch);
    if (snapshot !== null && sha !== undefined) {
      const current = await repo.bare.lookup((await repo.bare.readCommit(snapshot)).tree, path);
      if (current?.type === 'blob' && current.sha !== sha) {
        return { status: 409, body: errorBody(409, `${path} does not match ${sha}`, docs) };
      }
    }
    return this.withLock(repo, async () => {
      for (;;) {
        const empty = this.isEmpty(repo);
        const head = repo.bare.resolveBranch(branch);
        if (head === null && !empty)
          return { status: 404, body: errorBody(404, `Branch ${branch} not found`, docs) };
        const rootTree = head === null ? null : (await repo.bare.readCommit(head)).tree;
        const existing = rootTree === null ? null : await repo.bare.lookup(rootTree, path);
        if (existing?.type === 'tree')
          return { status: 422, body: errorBody(422, `${path} is a directory`, docs) };
        if (existing) {
          if (sha === undefined)
            return {
              status: 422,
              body: errorBody(422, 'Invalid request.\n\n"sha" wasn\'t supplied.', docs),
            };
          if (sha !== existing.sha)
            return { status: 409, body: errorBody(409, `${path} does not match ${sha}`, docs) };
        }
        const blob = await repo.bare.writeBlob(content);
        const tree = await repo.bare.withPath(rootTree, path, blob);
        const date = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
        const message = input.message as string;
        const commit = await repo.bare.commitTree(
          tree,
          head === null ? [] : [head],
          message,
          { ...author, date },
          { ...committer, date },
        );
        // update-ref with the old value: a push over smart HTTP in between makes this fail and we redo.
        if (!(await repo.bare.updateBranch(branch, commit, head))) continue;
        return {
          status: existing ? 200 : 201,
          body: {
            content: contentFileJson(this.url, full, path, blob, null, branch),
            commit: commitJson(this.url, full, commit, {
              tree,
              parents: head === null ? [] : [head],
              message,
              author: { ...author, date },
              committer: { ...committer, date },
            }),
          },
        };
      }
    });
  }

  private async getTree(
    repo: RepoState,
    full: string,
    ref: string,
    url: URL,
    req: IncomingMessage,
  ): Promise<Reply> {
    if (this.isEmpty(repo))
      return { status: 409, body: errorBody(409, 'Git Repository is empty.') };
    let treeSha: string | null = null;
    const commit = await this.resolveRef(repo, ref);
    if (commit !== null) treeSha = (await repo.bare.readCommit(commit)).tree;
    else if (/^[0-9a-f]{40}$/.test(ref) && (await repo.bare.readObject(ref))?.type === 'tree')
      treeSha = ref;
    if (treeSha === null) return { status: 404, body: errorBody(404, 'Not Found') };
    const recursive = url.searchParams.has('recursive');
    const entries: object[] = [];
    const walk = async (sha: string, prefix: string): Promise<void> => {
      for (const e of await repo.bare.readTree(sha)) {
        const path = prefix + e.name;
        entries.push(
          treeItem(
            this.url,
            full,
            path,
            e,
            e.type === 'blob' ? await this.blobSize(repo, e.sha) : undefined,
          ),
        );
        if (recursive && e.type === 'tree') await walk(e.sha, `${path}/`);
      }
    };
    await walk(treeSha, '');
    return this.cacheable(req, {
      sha: treeSha,
      url: `${this.url}/repos/${full}/git/trees/${treeSha}`,
      tree: entries,
      truncated: false,
    });
  }

  private readonly sizes = new Map<string, number>();
  private async blobSize(repo: RepoState, sha: string): Promise<number> {
    const hit = this.sizes.get(sha);
    if (hit !== undefined) return hit;
    const size = (await repo.bare.readObject(sha))?.body.length ?? 0;
    this.sizes.set(sha, size);
    return size;
  }

  private async getBlob(
    repo: RepoState,
    full: string,
    sha: string,
    req: IncomingMessage,
  ): Promise<Reply> {
    const obj = await repo.bare.readObject(sha);
    if (obj?.type !== 'blob') return { status: 404, body: errorBody(404, 'Not Found') };
    return this.cacheable(req, {
      sha,
      node_id: `B_${sha}`,
      size: obj.body.length,
      url: `${this.url}/repos/${full}/git/blobs/${sha}`,
      content: wrapBase64(obj.body),
      encoding: 'base64',
    });
  }

  private async listCommits(repo: RepoState, full: string, url: URL): Promise<Reply> {
    if (this.isEmpty(repo))
      return { status: 409, body: errorBody(409, 'Git Repository is empty.') };
    const ref = url.searchParams.get('sha') ?? repo.defaultBranch;
    const commit = await this.resolveRef(repo, ref);
    if (commit === null)
      return { status: 404, body: errorBody(404, `No commit found for SHA: ${ref}`) };
    const args = ['rev-list', commit];
    const path = url.searchParams.get('path');
    if (path) args.push('--', path);
    const shas = (await repo.bare.git(args))
      .toString()
      .split('\n')
      .filter((s) => s !== '');
    const { items, headers } = paginate(url, shas);
    const body = [];
    for (const sha of items) {
      const c = await repo.bare.readCommit(sha);
      const message = c.raw.slice(c.raw.indexOf('\n\n') + 2);
      body.push({
        sha,
        url: `${this.url}/repos/${full}/commits/${sha}`,
        commit: { message, tree: { sha: c.tree } },
        parents: c.parents.map((p) => ({ sha: p })),
      });
    }
    return { status: 200, body, headers };
  }

  private listUserRepos(url: URL, tok: Required<FakeTokenOptions> | null): Reply {
    if (!tok) return { status: 401, body: errorBody(401, 'Requires authentication') };
    const mine = [...this.repos.values()].filter((r) => this.covers(tok, r));
    const { items, headers } = paginate(url, mine);
    return {
      status: 200,
      headers,
      body: items.map((r) => repoJson(this.url, r, this.permissionsOn(tok, r))),
    };
  }

  private async createRepoRoute(
    owner: string | null,
    raw: Buffer | null,
    tok: Required<FakeTokenOptions> | null,
    isOrg: boolean,
  ): Promise<Reply> {
    const docs = isOrg
      ? 'https://docs.github.com/rest/repos/repos#create-an-organization-repository'
      : 'https://docs.github.com/rest/repos/repos#create-a-repository-for-the-authenticated-user';
    if (!tok || owner === null)
      return { status: 401, body: errorBody(401, 'Requires authentication', docs) };
    if (isOrg) {
      const members = this.orgs.get(owner.toLowerCase());
      if (!members) return { status: 404, body: errorBody(404, 'Not Found', docs) };
      if (!members.has(tok.login.toLowerCase())) {
        return {
          status: 403,
          body: errorBody(
            403,
            'You need admin access to the organization before adding a repository to it.',
            docs,
          ),
        };
      }
    }
    if (!tok.createRepos) {
      return {
        status: 403,
        headers: { 'x-accepted-github-permissions': 'administration=write' },
        body: errorBody(403, 'Resource not accessible by personal access token', docs),
      };
    }
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(raw?.toString('utf8') ?? '') as Record<string, unknown>;
    } catch {
      return { status: 400, body: errorBody(400, 'Problems parsing JSON', docs) };
    }
    const name = input.name;
    if (typeof name !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(name)) {
      return {
        status: 422,
        body: errorBody(422, 'Repository creation failed.', docs, {
          errors: [
            { resource: 'Repository', code: 'custom', field: 'name', message: 'name is invalid' },
          ],
        }),
      };
    }
    if (this.repos.has(`${owner}/${name}`.toLowerCase())) {
      return {
        status: 422,
        body: errorBody(422, 'Repository creation failed.', docs, {
          errors: [
            {
              resource: 'Repository',
              code: 'custom',
              field: 'name',
              message: 'name already exists on this account',
            },
          ],
        }),
      };
    }
    const repo = await this.makeRepo(owner, name, {
      // GitHub's default for this endpoint is public; callers that want private say so.
      private: input.private === true || input.visibility === 'private',
      defaultBranch: 'main',
      description: typeof input.description === 'string' ? input.description : null,
      ownerType: isOrg ? 'Organization' : 'User',
    });
    if (!isOrg && !tok.repos.length) {
      // Covered by the token through its login; nothing to record.
    } else if (tok.repos.length > 0) tok.repos.push(`${owner}/${name}`.toLowerCase());
    if (input.auto_init === true) {
      await this.commitFiles(
        `${owner}/${name}`,
        { 'README.md': `# ${name}\n${repo.description ? `\n${repo.description}\n` : ''}` },
        { message: 'Initial commit' },
      );
    }
    return { status: 201, body: repoJson(this.url, repo, { admin: true, push: true, pull: true }) };
  }

  /** What the login may do on the repository: the best any of its tokens is given there. */
  private collaboratorPermission(repo: RepoState, login: string): Reply {
    let best: 'admin' | 'write' | 'read' | 'none' = repo.private ? 'none' : 'read';
    const rank = { none: 0, read: 1, write: 2, admin: 3 };
    for (const tok of this.tokens.values()) {
      if (tok.login.toLowerCase() !== login.toLowerCase() || !this.covers(tok, repo)) continue;
      if (rank[tok.permission] > rank[best]) best = tok.permission;
    }
    return {
      status: 200,
      body: { permission: best, role_name: best, user: { login, type: 'User' } },
    };
  }

  private async handleOAuth(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const route = url.pathname.endsWith('/authorize') ? 'oauth.authorize' : 'oauth.token';
    const record: RequestRecord = {
      method,
      path: url.pathname,
      route,
      status: 0,
      login: null,
      conditional: false,
    };
    this.requests.push(record);
    const body = method === 'POST' ? await readBody(req) : null;
    const reply = this.oauth.handle(method, url, body, req.headers['content-type'] ?? '') ?? {
      status: 404,
      text: 'Not Found',
    };
    record.status = reply.status;
    if (reply.body !== undefined) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    } else {
      res.writeHead(reply.status, { 'content-type': 'text/html', ...reply.headers });
      res.end(reply.text ?? '');
    }
  }

  private handleSmart(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    m: RegExpExecArray,
  ): void {
    const full = `${decodeURIComponent(m[1] ?? '')}/${decodeURIComponent(m[2] ?? '')}`;
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      route: 'git.smart',
      status: 0,
      login: null,
      conditional: false,
    };
    this.requests.push(record);
    const repo = this.repos.get(full.toLowerCase());
    const push =
      url.searchParams.get('service') === 'git-receive-pack' ||
      url.pathname.endsWith('/git-receive-pack');
    let tok: Required<FakeTokenOptions> | null = null;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Basic ')) {
      const [user = '', pass = ''] = Buffer.from(auth.slice(6), 'base64').toString().split(':');
      tok = this.tokens.get(pass) ?? this.tokens.get(user) ?? null;
    }
    const perms = repo ? this.permissionsOn(tok, repo) : null;
    if (!repo || !perms || !(push ? perms.push : perms.pull)) {
      record.status = 401;
      res.writeHead(401, { 'www-authenticate': 'Basic realm="GitHub"' }).end();
      return;
    }
    record.status = 200;
    record.login = tok?.login ?? null;
    serveSmartHttp(req, res, {
      projectRoot: this.root,
      pathInfo: `/${repo.owner}/${repo.name}.git${m[3] ?? ''}`,
      query: url.search.replace(/^\?/, ''),
      remoteUser: tok?.login ?? 'anonymous',
    });
  }
}

function treeItem(
  base: string,
  full: string,
  path: string,
  e: TreeEntry,
  size: number | undefined,
): object {
  const kind = e.type === 'tree' ? 'trees' : 'blobs';
  const item: Record<string, unknown> = { path, mode: e.mode, type: e.type, sha: e.sha };
  if (size !== undefined) item.size = size;
  if (e.type !== 'commit') item.url = `${base}/repos/${full}/git/${kind}/${e.sha}`;
  return item;
}

function paginate<T>(url: URL, all: T[]): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const link = linkHeader(url, page, last);
  return { items: all.slice((page - 1) * perPage, page * perPage), headers: link ? { link } : {} };
}

function routeName(method: string, path: string): string {
  if (path === '/rate_limit') return 'rate_limit';
  if (path === '/user') return 'user.get';
  if (path === '/user/repos') return method === 'GET' ? 'repos.list' : 'repos.create';
  if (/^\/orgs\/[^/]+\/repos$/.test(path)) return 'repos.createInOrg';
  const repo = /^\/repos\/[^/]+\/[^/]+(\/.*)?$/.exec(path);
  if (repo === null) return 'unknown';
  const rest = repo[1] ?? '';
  if (rest === '' || rest === '/') return 'repos.get';
  if (rest.startsWith('/contents')) return method === 'PUT' ? 'contents.put' : 'contents.get';
  if (rest.startsWith('/git/trees/')) return 'trees.get';
  if (rest.startsWith('/git/blobs/')) return 'blobs.get';
  if (rest === '/commits') return 'commits.list';
  if (/^\/collaborators\/[^/]+\/permission$/.test(rest)) return 'collaborators.permission';
  return gitDataRouteName(method, rest) ?? 'unknown';
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
