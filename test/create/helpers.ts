/**
 * Shared by the scaffolder tests: the built bin, a snapshot of a folder (to show a refusal left
 * nothing behind), and the new repository's own workflow step run the way the runner runs it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ActionRun, ZERO, pushPayload, runAction } from '../action/harness.js';
import { type BinResult, cleanEnv, runNode } from '../helpers/run-bin.js';

export const CREATE_BIN = fileURLToPath(
  new URL('../../dist/create-watercooler.js', import.meta.url),
);

/** Runs the built `create-watercooler` with a clean environment (and its own HOME). */
export function runCreate(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<BinResult> {
  return runNode([CREATE_BIN, ...args], { cwd: options.cwd, env: cleanEnv(options.env) });
}

/** Every path under `dir` (dot files included), sorted: equal before and after means untouched. */
export function listing(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      out.push(relative(dir, p));
      if (statSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

export function git(dir: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      LC_ALL: 'C',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();
}

/**
 * Runs the repository's own validation step: reads `.github/workflows/watercooler.yml`, follows
 * its local `uses: ./…` to that action's `action.yml`, and runs the script its `runs.main` names
 * with runner variables and a real push payload for `before..after`.
 */
export function runWorkflowStep(repo: string, before: string, after: string): ActionRun {
  const workflow = readFileSync(join(repo, '.github/workflows/watercooler.yml'), 'utf8');
  const uses = /^\s*-?\s*uses:\s*(\.\/\S+)\s*$/m.exec(workflow)?.[1];
  if (uses === undefined) throw new Error('the workflow has no local `uses: ./…` step');
  const actionDir = join(repo, uses);
  const yml = readFileSync(join(actionDir, 'action.yml'), 'utf8');
  const using = /^\s*using:\s*(\S+)/m.exec(yml)?.[1];
  const main = /^\s*main:\s*(\S+)/m.exec(yml)?.[1];
  if (using !== 'node24' || main === undefined) throw new Error(`unexpected runs: ${using}`);
  return runAction({
    workspace: repo,
    eventName: 'push',
    payload: pushPayload(before, after, {
      commits: before === ZERO ? [after] : [after],
    }),
    sha: after,
    bundle: join(actionDir, main),
  });
}

export { ZERO };
