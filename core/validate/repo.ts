import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { type CatFile, GitRunner } from '../git.js';

/**
 * The few git questions the validator asks, through the project's one git runner: one
 * `cat-file --batch` process answers every blob read.
 */
export class ValidationRepo {
  readonly git: GitRunner;
  private cat: CatFile | null = null;

  constructor(repo: string, env: Record<string, string | undefined> = {}) {
    this.git = new GitRunner({ gitDir: gitDirOf(repo), env });
  }

  /** The full sha of a commit, or null when this clone does not have it. */
  async commit(rev: string): Promise<string | null> {
    const r = await this.git.run(
      ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`],
      { allowFailure: true },
    );
    return r.code === 0 ? r.stdout.trim() : null;
  }

  /** True in a shallow clone (actions/checkout's default `fetch-depth: 1`): parents may be missing. */
  async isShallow(): Promise<boolean> {
    const r = await this.git.run(['rev-parse', '--is-shallow-repository']);
    return r.stdout.trim() === 'true';
  }

  async isAncestor(ancestor: string, of: string): Promise<boolean> {
    const r = await this.git.run(['merge-base', '--is-ancestor', ancestor, of], {
      allowFailure: true,
    });
    if (r.code > 1) throw new Error(`git merge-base --is-ancestor failed: ${r.stderr.trim()}`);
    return r.code === 0;
  }

  async mergeBase(a: string, b: string): Promise<string | null> {
    const r = await this.git.run(['merge-base', a, b], { allowFailure: true });
    return r.code === 0 ? r.stdout.trim() : null;
  }

  /** The empty tree's id in this repository's hash (sha1 or sha256). */
  async emptyTree(): Promise<string> {
    return (
      await this.git.run(['hash-object', '-t', 'tree', '--stdin'], { input: '' })
    ).stdout.trim();
  }

  /** The blob at `rev:path`, or null when there is none. */
  async blob(rev: string, path: string): Promise<Buffer | null> {
    this.cat ??= this.git.catFile();
    const obj = await this.cat.get(`${rev}:${path}`);
    return obj === null || obj.type !== 'blob' ? null : obj.content;
  }

  /** Many blobs at once: requests are pipelined into the one cat-file process. */
  blobs(requests: readonly { rev: string; path: string }[]): Promise<(Buffer | null)[]> {
    return Promise.all(requests.map((r) => this.blob(r.rev, r.path)));
  }

  close(): void {
    this.cat?.close();
    this.cat = null;
  }
}

/**
 * The git dir of the repository holding `repo` (a work tree or any folder inside one), or the
 * path itself for a bare repository or a git dir.
 */
function gitDirOf(repo: string): string {
  const start = resolve(repo);
  for (let dir = start; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    try {
      const stat = statSync(dotGit);
      if (stat.isDirectory()) return dotGit;
      // A linked worktree or submodule: `.git` is a file naming the real git dir.
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
      if (pointer !== undefined) return isAbsolute(pointer) ? pointer : resolve(dir, pointer);
    } catch {
      // Not here: look further up.
    }
    if (dirname(dir) === dir) return start;
  }
}

/** The work tree root of the repository holding `path`, or null outside any repository. */
export function workTreeOf(path: string): string | null {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of a blob; undefined when it is not UTF-8. */
export function decodeUtf8(buf: Buffer): string | undefined {
  try {
    return UTF8.decode(buf);
  } catch {
    return undefined;
  }
}

export function short(sha: string): string {
  return sha.slice(0, 7);
}
