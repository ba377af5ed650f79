/**
 * A real bare git repository driven with plumbing only (hash-object, mktree, commit-tree,
 * update-ref), so every write of the fake GitHub is a real commit with a real parent and the
 * history can be checked with git itself. Objects are read through one long-lived
 * `git cat-file --batch`; refs are read from disk (loose file, else packed-refs) so pushes made
 * over smart HTTP are seen at once.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  name: string;
}

export interface GitIdentity {
  name: string;
  email: string;
  date?: string;
}

const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
  HOME: process.env.HOME ?? '/tmp',
  PATH: process.env.PATH ?? '/usr/bin:/bin',
};

/** Runs git in `cwd`; resolves stdout (a Buffer), rejects with stderr on a non-zero exit. */
function runGit(
  cwd: string,
  args: string[],
  input?: string | Buffer,
  env: Record<string, string> = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: { ...GIT_ENV, ...env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          Object.assign(
            new Error(`git ${args.join(' ')}: ${Buffer.concat(err).toString().trim()}`),
            {
              exitCode: code,
            },
          ),
        );
    });
    child.stdin.end(input);
  });
}

/** One `git cat-file --batch` process answering object reads in order. */
class ObjectReader {
  private child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private waiting: Array<{
    resolve: (v: { type: string; body: Buffer } | null) => void;
    reject: (e: Error) => void;
  }> = [];
  private closed = false;

  constructor(gitDir: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd: gitDir, env: GIT_ENV });
    this.child.stdout.on('data', (d: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, d]);
      this.drain();
    });
    this.child.on('close', () => {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w.reject(new Error('cat-file exited'));
    });
  }

  read(name: string): Promise<{ type: string; body: Buffer } | null> {
    if (this.closed) return Promise.reject(new Error('cat-file exited'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${name}\n`);
    });
  }

  private drain(): void {
    for (;;) {
      const nl = this.buffer.indexOf(10);
      if (nl === -1 || this.waiting.length === 0) return;
      const head = this.buffer.subarray(0, nl).toString();
      if (head.endsWith(' missing') || head.endsWith(' ambiguous')) {
        this.buffer = this.buffer.subarray(nl + 1);
        this.waiting.shift()?.resolve(null);
        continue;
      }
      const [, type = '', size = '0'] = head.split(' ');
      const length = Number(size);
      if (this.buffer.length < nl + 1 + length + 1) return;
      const body = Buffer.from(this.buffer.subarray(nl + 1, nl + 1 + length));
      this.buffer = this.buffer.subarray(nl + 1 + length + 1);
      this.waiting.shift()?.resolve({ type, body });
    }
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}

/**
 * A long-lived git process answering one line per request (`hash-object --stdin-paths`,
 * `mktree --batch`): a spawn per object would make the fake, not the code under test, the
 * bottleneck of a 50-writer race on a busy machine.
 */
class LineProcess {
  private child: ChildProcessWithoutNullStreams;
  private buffer = '';
  private waiting: Array<{ resolve: (line: string) => void; reject: (e: Error) => void }> = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(gitDir: string, args: string[]) {
    this.child = spawn('git', args, { cwd: gitDir, env: GIT_ENV });
    this.child.stdout.on('data', (d: Buffer) => {
      this.buffer += d.toString();
      for (let nl = this.buffer.indexOf('\n'); nl !== -1; nl = this.buffer.indexOf('\n')) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.waiting.shift()?.resolve(line);
      }
    });
    const stderr: Buffer[] = [];
    this.child.stderr.on('data', (d: Buffer) => stderr.push(d));
    this.child.on('close', () => {
      const why = new Error(`git ${args.join(' ')} exited: ${Buffer.concat(stderr).toString()}`);
      for (const w of this.waiting.splice(0)) w.reject(why);
    });
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `input` (ending in a newline) and resolves the `lines` lines it answers. */
  ask(input: string, lines = 1): Promise<string> {
    const run = () =>
      Promise.all(
        Array.from(
          { length: lines },
          () => new Promise<string>((resolve, reject) => this.waiting.push({ resolve, reject })),
        ).concat(
          // Written after the waiters are queued; a dead process rejects them all on close.
          [new Promise<string>((resolve) => this.child.stdin.write(input, () => resolve('')))],
        ),
      ).then((answers) => answers.slice(0, lines).join('\n'));
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}

export class BareRepo {
  private reader: ObjectReader | null = null;
  private hashers = new Map<string, LineProcess>();
  private treeMaker: LineProcess | null = null;
  private refUpdater: LineProcess | null = null;
  private tmpCount = 0;
  private readonly trees = new Map<string, TreeEntry[]>();

  constructor(readonly gitDir: string) {}

  static async init(gitDir: string, defaultBranch: string): Promise<BareRepo> {
    await runGit('/', ['init', '--bare', '-q', '-b', defaultBranch, gitDir]);
    // Pushes over smart HTTP (http-backend needs this or REMOTE_USER; we set both).
    await runGit(gitDir, ['config', 'http.receivepack', 'true']);
    return new BareRepo(gitDir);
  }

  git(args: string[], input?: string | Buffer, env?: Record<string, string>): Promise<Buffer> {
    return runGit(this.gitDir, args, input, env);
  }

  /** The commit a branch points at, or null (no such branch / empty repository). */
  resolveBranch(branch: string): string | null {
    const ref = `refs/heads/${branch}`;
    try {
      return readFileSync(join(this.gitDir, ref), 'utf8').trim();
    } catch {
      // Not loose: look in packed-refs.
    }
    try {
      for (const line of readFileSync(join(this.gitDir, 'packed-refs'), 'utf8').split('\n')) {
        const [sha, name] = line.split(' ');
        if (name === ref && sha !== undefined) return sha;
      }
    } catch {
      // No packed refs.
    }
    return null;
  }

  async readObject(sha: string): Promise<{ type: string; body: Buffer } | null> {
    this.reader ??= new ObjectReader(this.gitDir);
    return this.reader.read(sha);
  }

  async readTree(sha: string): Promise<TreeEntry[]> {
    const hit = this.trees.get(sha);
    if (hit) return hit;
    const obj = await this.readObject(sha);
    if (obj?.type !== 'tree') throw new Error(`not a tree: ${sha}`);
    const entries: TreeEntry[] = [];
    let at = 0;
    const body = obj.body;
    while (at < body.length) {
      const space = body.indexOf(32, at);
      const nul = body.indexOf(0, space);
      const mode = body.subarray(at, space).toString();
      const name = body.subarray(space + 1, nul).toString('utf8');
      const sha1 = body.subarray(nul + 1, nul + 21).toString('hex');
      const type = mode === '40000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
      entries.push({ mode: mode === '40000' ? '040000' : mode, type, sha: sha1, name });
      at = nul + 21;
    }
    this.trees.set(sha, entries);
    return entries;
  }

  /** The tree and parent list of a commit. */
  async readCommit(sha: string): Promise<{ tree: string; parents: string[]; raw: string }> {
    const obj = await this.readObject(sha);
    if (obj?.type !== 'commit') throw new Error(`not a commit: ${sha}`);
    const raw = obj.body.toString('utf8');
    const tree = /^tree ([0-9a-f]{40})$/m.exec(raw)?.[1] ?? '';
    const parents = [...raw.matchAll(/^parent ([0-9a-f]{40})$/gm)].map((m) => m[1] ?? '');
    return { tree, parents, raw };
  }

  /** The entry at `path` under tree `root` (null when missing). */
  async lookup(root: string, path: string): Promise<TreeEntry | null> {
    let entry: TreeEntry = { mode: '040000', type: 'tree', sha: root, name: '' };
    for (const part of path.split('/').filter((p) => p !== '')) {
      if (entry.type !== 'tree') return null;
      const found = (await this.readTree(entry.sha)).find((e) => e.name === part);
      if (!found) return null;
      entry = found;
    }
    return entry;
  }

  /** `git hash-object -w -t <type>` of `content`, through one long-lived process per type. */
  private async hashObject(type: 'blob' | 'commit', content: Buffer | string): Promise<string> {
    let hasher = this.hashers.get(type);
    if (!hasher) {
      hasher = new LineProcess(this.gitDir, [
        'hash-object',
        '-w',
        '-t',
        type,
        '--no-filters',
        '--stdin-paths',
      ]);
      this.hashers.set(type, hasher);
    }
    const dir = join(this.gitDir, 'fake-tmp');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${process.pid}-${this.tmpCount++}`);
    writeFileSync(file, content);
    try {
      return (await hasher.ask(`${file}\n`)).trim();
    } finally {
      rmSync(file, { force: true });
    }
  }

  async writeBlob(content: Buffer): Promise<string> {
    return this.hashObject('blob', content);
  }

  async writeTree(entries: TreeEntry[]): Promise<string> {
    // mktree --batch reads one tree per blank-line-terminated group; an empty group is ambiguous.
    if (entries.length === 0)
      return (await this.git(['hash-object', '-w', '-t', 'tree', '--stdin'], '')).toString().trim();
    this.treeMaker ??= new LineProcess(this.gitDir, ['mktree', '--batch']);
    const input = entries.map((e) => `${e.mode} ${e.type} ${e.sha}\t${e.name}\n`).join('');
    return (await this.treeMaker.ask(`${input}\n`)).trim();
  }

  /**
   * The tree `root` with `path` set to `blob` (or removed when `blob` is null), building every
   * tree on the way with mktree. `root` null is the empty tree.
   */
  async withPath(root: string | null, path: string, blob: string | null): Promise<string> {
    const parts = path.split('/').filter((p) => p !== '');
    const rebuild = async (tree: string | null, depth: number): Promise<string | null> => {
      const entries = tree === null ? [] : [...(await this.readTree(tree))];
      const name = parts[depth] ?? '';
      const at = entries.findIndex((e) => e.name === name);
      let replacement: TreeEntry | null;
      if (depth === parts.length - 1) {
        replacement = blob === null ? null : { mode: '100644', type: 'blob', sha: blob, name };
      } else {
        const child = at !== -1 && entries[at]?.type === 'tree' ? (entries[at]?.sha ?? null) : null;
        const sub = await rebuild(child, depth + 1);
        replacement = sub === null ? null : { mode: '040000', type: 'tree', sha: sub, name };
      }
      if (at !== -1) entries.splice(at, 1);
      if (replacement) entries.push(replacement);
      if (entries.length === 0 && depth > 0) return null;
      return this.writeTree(entries);
    };
    return (await rebuild(root, 0)) ?? this.writeTree([]);
  }

  /** A commit object, written as `git commit-tree` would (hash-object -t commit validates it). */
  async commitTree(
    tree: string,
    parents: string[],
    message: string,
    author: GitIdentity,
    committer: GitIdentity,
  ): Promise<string> {
    const stamp = (who: GitIdentity) => {
      const seconds = Math.floor(
        (who.date === undefined ? Date.now() : Date.parse(who.date)) / 1000,
      );
      return `${who.name} <${who.email}> ${seconds} +0000`;
    };
    const body =
      `tree ${tree}\n` +
      parents.map((p) => `parent ${p}\n`).join('') +
      `author ${stamp(author)}\ncommitter ${stamp(committer)}\n\n` +
      (message.endsWith('\n') ? message : `${message}\n`);
    return this.hashObject('commit', body);
  }

  /**
   * Moves a branch from `old` (null: must not exist) to `next`; false when it had moved. One
   * long-lived `git update-ref --stdin` runs a transaction per move; the old-value check happens
   * under git's ref lock, so a push over smart HTTP in between makes the move fail (and git exit:
   * the next move starts a new process).
   */
  async updateBranch(branch: string, next: string, old: string | null): Promise<boolean> {
    if (this.refUpdater === null || !this.refUpdater.alive) {
      this.refUpdater = new LineProcess(this.gitDir, ['update-ref', '--stdin']);
    }
    const command = `start\nupdate refs/heads/${branch} ${next} ${old ?? '0'.repeat(40)}\ncommit\n`;
    try {
      const answer = await this.refUpdater.ask(command, 2);
      return answer === 'start: ok\ncommit: ok';
    } catch {
      this.refUpdater = null;
      return false;
    }
  }

  close(): void {
    this.reader?.close();
    this.reader = null;
    for (const h of this.hashers.values()) h.close();
    this.hashers.clear();
    this.treeMaker?.close();
    this.treeMaker = null;
    this.refUpdater?.close();
    this.refUpdater = null;
  }
}
