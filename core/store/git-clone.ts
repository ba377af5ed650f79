import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { WatercoolerError } from '../errors.js';
import { type CatFile, GitError, type GitRunner, classifyFailure, gitFailure } from '../git.js';

/**
 * The clone the git store works in: a bare repository (objects and refs only, no working tree)
 * shared by every process that uses the same remote. Nothing in it is process-private; the
 * remote's tip, learned by `ls-remote`, is the only state that decides anything.
 */
export const NETWORK_TIMEOUT_MS = 20_000;

/** True when git reads `url` as a path on this machine (not `scheme://` nor `host:path`). */
export function isLocalPath(url: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return false;
  const colon = url.indexOf(':');
  const slash = url.indexOf('/');
  return colon === -1 || (slash !== -1 && slash < colon);
}

/** The remote as git will be given it; refuses credentials inside the URL (they would be stored). */
export function normalizeRemoteUrl(url: string): string {
  const trimmed = url.trim();
  if (trimmed === '')
    throw new WatercoolerError('CONFIG', 'The git remote URL is empty.', {
      hint: 'Pass --git URL or set WATERCOOLER_GIT_REPO.',
    });
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/@]*:[^/@]*@/i.test(trimmed)) {
    throw new WatercoolerError('CONFIG', 'The git remote URL carries a password or token.', {
      hint: 'Remove it from the URL and put the token in WATERCOOLER_GITHUB_TOKEN (or GITHUB_TOKEN): it is handed to git without being stored.',
    });
  }
  return isLocalPath(trimmed) ? resolve(trimmed) : trimmed;
}

/** `<cacheDir>/git/<name>-<hash>`: one clone per remote. */
export function defaultCloneDir(cacheDir: string, url: string): string {
  const name =
    basename(url.replace(/\/+$/, ''))
      .replace(/\.git$/, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .slice(0, 40) || 'remote';
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 12);
  return join(cacheDir, 'git', `${name}-${hash}`);
}

/** Creates the bare clone if needed; safe when many processes start at once (build aside, rename). */
export async function ensureClone(
  git: (dir: string) => GitRunner,
  dir: string,
  url: string,
): Promise<void> {
  const marker = join(dir, 'watercooler', 'remote');
  // Checked again after the folder test: another process may have just renamed its clone in.
  if (
    existsSync(marker) ||
    (existsSync(dir) && readdirSync(dir).length > 0 && existsSync(marker))
  ) {
    const known = readFileSync(marker, 'utf8').trim();
    if (known !== url) {
      throw new WatercoolerError('CONFIG', `The clone folder ${dir} belongs to another remote.`, {
        hint: 'Choose another --clone-dir.',
      });
    }
    return;
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new WatercoolerError('CONFIG', `${dir} exists and is not a watercooler clone.`, {
      hint: 'Choose an empty or new --clone-dir.',
    });
  }
  mkdirSync(dirname(dir), { recursive: true });
  const temp = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    await git(dirname(temp)).run(['init', '--bare', '--quiet', temp]);
    const tmp = git(temp);
    for (const [key, value] of [
      ['remote.origin.url', url],
      ['remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*'],
      // Writers share this clone; a gc started by one of them must not race the others.
      ['gc.auto', '0'],
      ['core.logAllRefUpdates', 'false'],
    ] as const) {
      await tmp.run(['config', key, value]);
    }
    mkdirSync(join(temp, 'watercooler'), { recursive: true });
    writeFileSync(join(temp, 'watercooler', 'remote'), `${url}\n`);
    try {
      renameSync(temp, dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
      // Another process made it first: use theirs.
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** The remote's side of the clone: its default branch, its tip, fetching, pushing. */
export class Remote {
  branch: string | null = null;

  constructor(
    private readonly git: GitRunner,
    private readonly cat: () => CatFile,
    private readonly dir: string,
  ) {
    const file = join(dir, 'watercooler', 'branch');
    if (existsSync(file)) this.branch = readFileSync(file, 'utf8').trim() || null;
  }

  /** The branch threads live on: the remote's HEAD, `main` for an empty remote. */
  get branchName(): string {
    return this.branch ?? 'main';
  }

  /** The remote's tip (null: no branch yet), fetched into the clone when it is new to it. */
  async tip(): Promise<string | null> {
    let tip: string | null;
    if (this.branch === null) {
      const { stdout } = await this.git.run(['ls-remote', '--symref', 'origin', 'HEAD'], {
        timeoutMs: NETWORK_TIMEOUT_MS,
      });
      const head = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(stdout)?.[1];
      tip = /^([0-9a-f]{40,64})\tHEAD$/m.exec(stdout)?.[1] ?? null;
      if (head !== undefined) {
        this.branch = head;
        mkdirSync(join(this.dir, 'watercooler'), { recursive: true });
        writeFileSync(join(this.dir, 'watercooler', 'branch'), `${head}\n`);
      } else {
        tip = await this.lsRemote();
      }
    } else {
      tip = await this.lsRemote();
    }
    await this.have(tip);
    return tip;
  }

  /** Fetches `tip` (a commit the remote was seen to have) unless the clone has it. */
  async have(tip: string | null): Promise<void> {
    if (tip !== null && (await this.cat().get(tip)) === null) await this.fetch(tip);
  }

  private async lsRemote(): Promise<string | null> {
    const { stdout } = await this.git.run(
      ['ls-remote', 'origin', `refs/heads/${this.branchName}`],
      { timeoutMs: NETWORK_TIMEOUT_MS },
    );
    return /^([0-9a-f]{40,64})\t/m.exec(stdout)?.[1] ?? null;
  }

  /** Fetches until `tip` is in the clone. Concurrent fetches may fight over the tracking ref; the objects are what counts. */
  private async fetch(tip: string): Promise<void> {
    const branch = this.branchName;
    const args = [
      'fetch',
      '--quiet',
      '--no-tags',
      '--no-write-fetch-head',
      'origin',
      `+refs/heads/${branch}:refs/remotes/origin/${branch}`,
    ];
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await this.git.run(args, {
        allowFailure: true,
        timeoutMs: NETWORK_TIMEOUT_MS,
      });
      if ((await this.cat().get(tip)) !== null) return;
      if (result.code !== 0 && classifyFailure(result.stderr) !== 'rejected')
        throw gitFailure(args, result);
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40));
    }
    throw new WatercoolerError(
      'GIT',
      `Fetched ${branch} but commit ${tip.slice(0, 12)} is still missing from the clone.`,
      {
        hint: 'The remote may have been rewritten; run `watercooler sync` again.',
      },
    );
  }

  /** The last tip this clone fetched (for reading while the remote is unreachable). */
  async localTip(): Promise<string | null> {
    const object = await this.cat().get(`refs/remotes/origin/${this.branchName}`);
    return object?.type === 'commit' ? object.sha : null;
  }

  /**
   * Pushes `commit` only if the remote's branch is still at `parent` (a compare-and-swap through
   * `--force-with-lease`; the commit is a child of `parent`, so the push is a fast-forward anyway).
   * False: somebody else moved the branch first. `also`: refspecs that land with it or not at all.
   */
  async push(
    commit: string,
    parent: string | null,
    also: readonly string[] = [],
  ): Promise<boolean> {
    const ref = `refs/heads/${this.branchName}`;
    const args = [
      'push',
      '--porcelain',
      '--quiet',
      ...(also.length === 0 ? [] : ['--atomic']),
      `--force-with-lease=${ref}:${parent ?? ''}`,
      'origin',
      `${commit}:${ref}`,
      ...also,
    ];
    const result = await this.git.run(args, { allowFailure: true, timeoutMs: NETWORK_TIMEOUT_MS });
    const line = result.stdout.split('\n').find((l) => l.includes(`:${ref}\t`));
    const flag = line?.[0];
    if (flag !== undefined && flag !== '!') return true;
    if (line !== undefined) {
      const reason = line.split('\t')[2] ?? '';
      if (
        classifyFailure(reason) === 'rejected' ||
        // An atomic push reports a ref that moved under it as a failed transaction.
        /stale info|fetch first|non-fast-forward|atomic transaction failed/.test(reason)
      )
        return false;
      throw new GitError('GIT', `The remote refused the push: ${reason}`, {
        exitCode: result.code,
        stderr: result.stderr,
        kind: 'other',
        hint: 'A hook or a branch protection on the remote declined it; ask its owner, or point --git at a branch you may write.',
      });
    }
    if (result.code === 0) return true;
    const failure = gitFailure(args, result);
    if (failure.kind === 'rejected') return false;
    throw failure;
  }
}
