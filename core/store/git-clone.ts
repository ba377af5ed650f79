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
import { basename, dirname, join } from 'node:path';
import { WatercoolerError } from '../errors.js';
import { type CatFile, GitError, type GitRunner, classifyFailure, gitFailure } from '../git.js';
import { writeFileAtomic } from './atomic.js';
import { LINE_FETCH } from './git-line.js';
import { localRemotePath, noRepository } from './git-url.js';

/**
 * The clone the git store works in: a bare repository (objects and refs only, no working tree)
 * shared by every process that uses the same remote. Nothing in it is process-private; the
 * remote's tip, learned by `ls-remote`, is the only state that decides anything.
 */
export const NETWORK_TIMEOUT_MS = 20_000;

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

const withoutUser = (url: string) => url.replace(/^(https?:\/\/)[^/?#@]*@/i, '$1');

/** A clone made before URLs lost their user part kept it in its config and marker: rewrite both. */
async function scrubUser(git: GitRunner, dir: string, url: string): Promise<void> {
  await git.run(['config', 'remote.origin.url', url]);
  writeFileAtomic(join(dir, 'watercooler', 'remote'), `${url}\n`);
}

/**
 * The clone an older version made for `given` (the URL with its user part) in the default
 * folder: its waiting writes move to `dir`'s outbox, then it is deleted, token and all. Null:
 * there is none.
 */
export function foldOldClone(old: string, given: string, dir: string): number | null {
  const marker = join(old, 'watercooler', 'remote');
  if (old === dir || !existsSync(marker) || readFileSync(marker, 'utf8').trim() !== given)
    return null;
  const from = join(old, 'watercooler', 'outbox');
  const to = join(dir, 'watercooler', 'outbox');
  const waiting = existsSync(from) ? readdirSync(from).filter((f) => f.endsWith('.json')) : [];
  mkdirSync(to, { recursive: true });
  for (const name of waiting) renameSync(join(from, name), join(to, name));
  rmSync(old, { recursive: true, force: true });
  return waiting.length;
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
    if (known !== url && withoutUser(known) === url) await scrubUser(git(dir), dir, url);
    else if (known !== url) {
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

// A branch name no remote uses: a probe clone that comes back with it learned nothing.
const UNKNOWN_HEAD = 'watercooler-probe-unknown-head';

/** The remote's side of the clone: its default branch, its tip, fetching, pushing. */
export class Remote {
  branch: string | null = null;
  private probed = false;

  constructor(
    private readonly git: GitRunner,
    private readonly cat: () => CatFile,
    private readonly dir: string,
    private readonly url: string,
    private readonly runnerFor: (gitDir: string) => GitRunner,
  ) {
    const file = join(dir, 'watercooler', 'branch');
    if (existsSync(file)) this.branch = readFileSync(file, 'utf8').trim() || null;
  }

  /** The branch threads live on: the remote's HEAD, `main` for an empty remote that names none. */
  get branchName(): string {
    return this.branch ?? 'main';
  }

  /** The remote's tip (null: no branch yet), fetched into the clone when it is new to it. */
  async tip(): Promise<string | null> {
    let tip: string | null;
    if (this.branch === null) {
      const { stdout } = await this.ask(['ls-remote', '--symref', 'origin', 'HEAD']);
      const head = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(stdout)?.[1];
      tip = /^([0-9a-f]{40,64})\tHEAD$/m.exec(stdout)?.[1] ?? null;
      if (head !== undefined) this.remember(head);
      else tip = await this.tipWithoutHead();
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

  private remember(branch: string): void {
    this.branch = branch;
    mkdirSync(join(this.dir, 'watercooler'), { recursive: true });
    writeFileSync(join(this.dir, 'watercooler', 'branch'), `${branch}\n`);
  }

  /** A network call to the remote; "not found" there is "no repository there", not "offline". */
  private async ask(args: string[]) {
    try {
      return await this.git.run(args, { timeoutMs: NETWORK_TIMEOUT_MS });
    } catch (err) {
      if (err instanceof GitError && err.kind === 'not-found')
        throw noRepository(this.url, err.stderr);
      throw err;
    }
  }

  /**
   * `ls-remote` shows no HEAD: the remote is empty (git's `ls-remote` hides an unborn HEAD, so a
   * probe clone asks for the branch a clone of it would get), or its HEAD names a missing branch.
   */
  private async tipWithoutHead(): Promise<string | null> {
    const { stdout } = await this.ask(['ls-remote', '--heads', 'origin']);
    if (stdout.trim() === '' && !this.probed) {
      this.probed = true;
      const unborn = await this.unbornHead();
      if (unborn !== null) this.remember(unborn);
      return null;
    }
    const heads = new Map(
      stdout
        .split('\n')
        .map((line) => /^([0-9a-f]{40,64})\trefs\/heads\/(.+)$/.exec(line))
        .filter((m) => m !== null)
        .map((m) => [m[2] ?? '', m[1] ?? ''] as const),
    );
    return heads.get(this.branchName) ?? null;
  }

  /** The branch an empty remote's HEAD names (null: it does not say). */
  private async unbornHead(): Promise<string | null> {
    const probe = join(
      this.dir,
      'watercooler',
      `probe-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    );
    try {
      const result = await this.git.run(
        [
          '-c',
          `init.defaultBranch=${UNKNOWN_HEAD}`,
          'clone',
          '--bare',
          '--quiet',
          '--no-tags',
          this.url,
          probe,
        ],
        { timeoutMs: NETWORK_TIMEOUT_MS, allowFailure: true },
      );
      if (result.code !== 0) return null;
      const head = /^ref: refs\/heads\/(\S+)$/m.exec(
        readFileSync(join(probe, 'HEAD'), 'utf8'),
      )?.[1];
      return head === undefined || head === UNKNOWN_HEAD ? null : head;
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
  }

  /**
   * We made the first branch of a local remote that did not say which one its HEAD names: point
   * its HEAD at it when HEAD names nothing, so that a plain `git clone` of it is not empty.
   */
  private async pointLocalHead(): Promise<void> {
    const path = localRemotePath(this.url);
    if (path === null) return;
    const remote = this.runnerFor(path);
    const head = await remote.run(['rev-parse', '--quiet', '--verify', 'HEAD'], {
      allowFailure: true,
    });
    if (head.code === 0) return;
    await remote.run(['symbolic-ref', 'HEAD', `refs/heads/${this.branchName}`], {
      allowFailure: true,
    });
  }

  private async lsRemote(): Promise<string | null> {
    const { stdout } = await this.ask(['ls-remote', 'origin', `refs/heads/${this.branchName}`]);
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
      LINE_FETCH,
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
   * False: somebody else moved the branch first. `also`: refspecs that land with it or not at all,
   * `leases` (`ref:expected`) that must all hold for any of it to land.
   */
  async push(
    commit: string,
    parent: string | null,
    also: readonly string[] = [],
    leases: readonly string[] = [],
  ): Promise<boolean> {
    const ref = `refs/heads/${this.branchName}`;
    const args = [
      'push',
      '--porcelain',
      '--quiet',
      ...(also.length === 0 ? [] : ['--atomic']),
      `--force-with-lease=${ref}:${parent ?? ''}`,
      ...leases.map((l) => `--force-with-lease=${l}`),
      'origin',
      `${commit}:${ref}`,
      ...also,
    ];
    const result = await this.git.run(args, { allowFailure: true, timeoutMs: NETWORK_TIMEOUT_MS });
    const line = result.stdout.split('\n').find((l) => l.includes(`:${ref}\t`));
    const flag = line?.[0];
    if ((flag !== undefined && flag !== '!') || (line === undefined && result.code === 0)) {
      if (parent === null && this.branch === null) await this.pointLocalHead();
      return true;
    }
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
    const failure = gitFailure(args, result);
    if (failure.kind === 'rejected') return false;
    throw failure;
  }
}
