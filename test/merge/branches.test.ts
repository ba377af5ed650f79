/**
 * Two branches that both appended to one thread (agents writing to main, a human's pull request),
 * merged the three ways GitHub offers, then checked by the vendored Action bundle as the runner
 * runs it, on Node 20 and Node 24. Pins:
 * - with the merge driver (`merge=watercooler` in .gitattributes, as create-watercooler writes
 *   it, and the clone's `merge.watercooler.driver`): a merge commit, a rebase-merge and a
 *   squash-merge are clean, the push to main is green and every entry is there once;
 * - without it: git conflicts; the usual "keep both" resolution (a dropped `---`, two Ball:
 *   lines) and `merge=union` fail the Action, whose message gives the one command that redoes the
 *   merge; running that command makes the pull request green with every entry once.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeDriverCommand, parseThread } from '../../core/index.js';
import { withRemote } from '../action/checkout.js';
import {
  type ActionRun,
  actionNodes,
  pullRequestPayload,
  pushPayload,
  runAction,
} from '../action/harness.js';
import { type ThreadRepo, createThreadRepo, say } from '../helpers/thread-repo.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VENDORED = '.github/actions/validate';
const THREAD = 'threads/auth.md';
// The driver as a clone registers it, pointing at this build instead of the registry's.
const DRIVER = mergeDriverCommand().replace(
  'npx -y watercooler',
  `${process.execPath} ${join(ROOT, 'dist/watercooler.js')}`,
);

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

interface Forked {
  repo: ThreadRepo;
  /** main's tip before the merge: the base plus the agents' entry. */
  mainTip: string;
  featureTip: string;
}

/**
 * A threads repository made from the template's .gitattributes, with the Action vendored; main
 * gains an agent's entry while `feature` gains a human's.
 */
function forked(attributes = readFileSync(join(ROOT, 'template/.gitattributes'), 'utf8')): Forked {
  const repo = createThreadRepo();
  cleanups.push(repo.cleanup);
  mkdirSync(join(repo.dir, VENDORED, 'dist'), { recursive: true });
  copyFileSync(join(ROOT, 'action/action.yml'), join(repo.dir, VENDORED, 'action.yml'));
  copyFileSync(join(ROOT, 'action/dist/index.mjs'), join(repo.dir, VENDORED, 'dist/index.mjs'));
  repo.write('.gitattributes', attributes);
  repo.write('watercooler.json', '{ "threadsDir": "threads" }\n');
  for (let i = 0; i < 3; i++) repo.apply(THREAD, say('auth', i));
  repo.commit('seed');
  repo.git('checkout', '--quiet', '-b', 'feature');
  repo.apply(
    THREAD,
    say('auth', 3, { agent: 'Amy', title: 'From the pull request', ball: 'Claude' }),
  );
  const featureTip = repo.commit('Amy: say auth');
  repo.git('checkout', '--quiet', 'main');
  repo.apply(THREAD, say('auth', 4, { agent: 'Claude', title: 'From main', ball: 'Amy' }));
  const mainTip = repo.commit('Claude: say auth');
  return { repo, mainTip, featureTip };
}

const withDriver = (repo: ThreadRepo) => repo.git('config', 'merge.watercooler.driver', DRIVER);

/** `git …` that may fail (a conflicting merge): its exit status. */
function tryGit(repo: ThreadRepo, ...args: string[]): number {
  try {
    repo.git(...args);
    return 0;
  } catch (err) {
    return (err as { status?: number }).status ?? 1;
  }
}

/** The usual hand resolution: delete the conflict markers, keep both sides' lines. */
function keepBoth(repo: ThreadRepo): void {
  const text = repo.read(THREAD);
  repo.write(THREAD, text.replace(/^(<<<<<<<|=======|>>>>>>>|\|\|\|\|\|\|\|).*\n/gm, ''));
}

const titles = (text: string) => parseThread(text).entries.map((e) => e.title);
const EVERY_ENTRY = ['Entry 0', 'Entry 1', 'Entry 2', 'From main', 'From the pull request'];

describe.each(actionNodes())('on $name', ({ node }) => {
  const action = (repo: ThreadRepo, eventName: string, payload: unknown): ActionRun => {
    const run = runAction({
      workspace: repo.dir,
      eventName,
      payload,
      node,
      bundle: join(repo.dir, VENDORED, 'dist/index.mjs'),
    });
    expect(run.stderr).toBe('');
    return run;
  };
  const green = (run: ActionRun) => {
    expect(run.annotations.filter((a) => a.level !== 'notice')).toEqual([]);
    expect(run.code).toBe(0);
  };

  describe('with the merge driver', () => {
    it('a merge commit is clean, green, and holds every entry once', () => {
      const { repo, mainTip } = forked();
      withDriver(repo);
      expect(tryGit(repo, 'merge', '--quiet', '--no-ff', '-m', 'Merge feature', 'feature')).toBe(0);
      expect(titles(repo.read(THREAD))).toEqual(EVERY_ENTRY);
      expect(parseThread(repo.read(THREAD)).header.ball).toBe('Amy');
      green(action(repo, 'push', pushPayload(mainTip, repo.head())));
    });

    it('a rebase-merge is clean, the rebased pull request and the push to main are green', () => {
      const { repo, mainTip } = forked();
      withDriver(repo);
      repo.git('checkout', '--quiet', 'feature');
      expect(tryGit(repo, 'rebase', '--quiet', 'main')).toBe(0);
      const rebased = repo.head();
      green(action(repo, 'pull_request', pullRequestPayload(mainTip, rebased)));
      repo.git('checkout', '--quiet', 'main');
      repo.git('merge', '--quiet', '--ff-only', 'feature');
      expect(titles(repo.read(THREAD))).toEqual(EVERY_ENTRY);
      green(action(repo, 'push', pushPayload(mainTip, repo.head())));
    });

    it('a squash-merge is clean, green, and holds every entry once', () => {
      const { repo, mainTip } = forked();
      withDriver(repo);
      expect(tryGit(repo, 'merge', '--quiet', '--squash', 'feature')).toBe(0);
      repo.commit('Squashed feature');
      expect(titles(repo.read(THREAD))).toEqual(EVERY_ENTRY);
      green(action(repo, 'push', pushPayload(mainTip, repo.head())));
    });
  });

  describe('without it', () => {
    const FIX = `git -c merge.watercooler.driver="${mergeDriverCommand()}" rebase origin/main`;

    it('"keep both" on a merge commit fails, and the message gives the one command', () => {
      const { repo, mainTip } = forked();
      expect(
        tryGit(repo, 'merge', '--quiet', '--no-ff', '-m', 'Merge feature', 'feature'),
      ).not.toBe(0);
      keepBoth(repo);
      repo.commit('Merge feature (kept both)');
      const run = action(repo, 'push', pushPayload(mainTip, repo.head()));
      expect(run.code).toBe(1);
      const errors = run.annotations.filter((a) => a.level === 'error' && a.file === THREAD);
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) expect(e.message).toContain(FIX);
      expect(errors.map((e) => e.message).join('\n')).toMatch(/two Ball: lines|no `---` line/);
    });

    it('merge=union fails on its two Ball: lines, with the one command', () => {
      const { repo, mainTip } = forked('threads/*.md merge=union\n');
      expect(tryGit(repo, 'merge', '--quiet', '--no-ff', '-m', 'Merge feature', 'feature')).toBe(0);
      const run = action(repo, 'push', pushPayload(mainTip, repo.head()));
      expect(run.code).toBe(1);
      const header = run.annotations.find((a) => a.code === 'HEADER_CHANGED');
      expect(header?.message).toContain('two Ball: lines');
      expect(header?.message).toContain(FIX);
    });

    it('a pull request updated by "keep both" fails; the command it gives makes it green', () => {
      const { repo, mainTip } = forked();
      const remote = withRemote(repo);
      cleanups.push(remote.remove);
      repo.git('push', '--quiet', 'origin', 'main', 'feature');
      repo.git('fetch', '--quiet', 'origin');
      repo.git('checkout', '--quiet', 'feature');
      expect(tryGit(repo, 'merge', '--quiet', '-m', 'Merge main into feature', 'main')).not.toBe(0);
      keepBoth(repo);
      const merged = repo.commit('Merge main into feature (kept both)');
      const run = action(repo, 'pull_request', pullRequestPayload(mainTip, merged));
      expect(run.code).toBe(1);
      const messages = run.annotations.filter((a) => a.file === THREAD).map((a) => a.message);
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) expect(m).toContain(FIX);

      // The command, as given (with this build's driver in place of the registry's).
      const command = FIX.replace(mergeDriverCommand(), DRIVER);
      const [, config, ...rest] = command.replace(/"/g, '').split(/ (?=-c |rebase )/);
      expect(
        tryGit(repo, '-c', (config ?? '').replace(/^-c /, ''), ...(rest[0] ?? '').split(' ')),
      ).toBe(0);
      expect(titles(repo.read(THREAD))).toEqual(EVERY_ENTRY);
      green(action(repo, 'pull_request', pullRequestPayload(mainTip, repo.head())));
    });
  });
});
