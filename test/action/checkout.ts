/**
 * A remote and the checkout actions/checkout makes of it: `git init`, a fetch of every branch
 * (`fetch-depth: 0`) or of the one pushed commit (`fetch-depth: 1`, its default) over the git
 * transport (file://, so unreachable objects stay behind as they do on GitHub), then the branch.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BareRemote, createBareRemote } from '../helpers/git-remote.js';
import type { ThreadRepo } from '../helpers/thread-repo.js';

const ENV = {
  ...process.env,
  LC_ALL: 'C',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: ENV, encoding: 'utf8' });
}

/** A bare remote that `repo` pushes to as `origin`. */
export function withRemote(repo: ThreadRepo): BareRemote {
  const remote = createBareRemote();
  repo.git('remote', 'add', 'origin', pathToFileURL(remote.dir).href);
  return remote;
}

export interface Checkout {
  dir: string;
  cleanup(): void;
}

/** What actions/checkout leaves in GITHUB_WORKSPACE for a run on `branch` at `sha`. */
export function checkout(
  remote: BareRemote,
  branch: string,
  sha: string,
  fetchDepth: 0 | 1,
): Checkout {
  const dir = mkdtempSync(join(tmpdir(), 'wc-workspace-'));
  git(dir, 'init', '--quiet');
  git(dir, 'remote', 'add', 'origin', pathToFileURL(remote.dir).href);
  if (fetchDepth === 0)
    git(dir, 'fetch', '--quiet', '--prune', 'origin', '+refs/heads/*:refs/remotes/origin/*');
  else git(dir, 'fetch', '--quiet', '--depth=1', 'origin', `+${sha}:refs/remotes/origin/${branch}`);
  git(dir, 'checkout', '--quiet', '--force', '-B', branch, `refs/remotes/origin/${branch}`);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
