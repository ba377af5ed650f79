/**
 * The Action in repositories shaped the way teams shape them, run as the runner runs it: the
 * bundle vendored into the repository (`.github/actions/validate/`, as create-watercooler does),
 * INPUT_* and GITHUB_* variables, a real event payload, real commits, on Node 20 and Node 24.
 * Pins:
 * - the bundle loads whatever package.json the repository holds (`"type": "commonjs"` as
 *   `npm init -y` writes, `"type": "module"`, none) and still catches an edit;
 * - a shallow checkout (`fetch-depth: 1`) never passes: a new-branch push with an edit of an old
 *   entry fails with SHALLOW_CLONE and the fix (`fetch-depth: 0`); the full checkout names the edit;
 * - a forced push says history was rewritten, from which sha, and how to put it back, not
 *   "fetch-depth";
 * - a 200-entry thread re-saved with CRLF is one CRLF error (not 201), a BOM one BOM error; a real
 *   edit in the same push is still named;
 * - a Watercooler-Redact trailer covers only rewritten entry bodies: a header change and a deleted
 *   entry in the same commit stay errors; each error blames the commit that made it.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type ThreadRepo, createThreadRepo, say } from '../helpers/thread-repo.js';
import { type Checkout, checkout, withRemote } from './checkout.js';
import { type ActionRun, ZERO, actionNodes, pushPayload, runAction } from './harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VENDORED = '.github/actions/validate';

const repos: { cleanup(): void }[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

/** A threads repository with the Action vendored into it and one thread of three entries. */
function threadsRepo(): { repo: ThreadRepo; base: string } {
  const repo = createThreadRepo();
  repos.push(repo);
  mkdirSync(join(repo.dir, VENDORED, 'dist'), { recursive: true });
  copyFileSync(join(ROOT, 'action/action.yml'), join(repo.dir, VENDORED, 'action.yml'));
  copyFileSync(join(ROOT, 'action/dist/index.mjs'), join(repo.dir, VENDORED, 'dist/index.mjs'));
  repo.write('watercooler.json', '{ "threadsDir": "threads" }\n');
  for (let i = 0; i < 3; i++) repo.apply('threads/auth.md', say('auth', i));
  return { repo, base: repo.commit('seed threads') };
}

describe.each(actionNodes())('on $name', ({ node }) => {
  /** Runs the repository's own vendored copy, as `uses: ./.github/actions/validate` does. */
  const vendored = (repo: { dir: string }, eventName: string, payload: unknown): ActionRun =>
    runAction({
      workspace: repo.dir,
      eventName,
      payload,
      node,
      bundle: join(repo.dir, VENDORED, 'dist/index.mjs'),
    });
  const checkedOut = (...args: Parameters<typeof checkout>): Checkout => {
    const co = checkout(...args);
    repos.push(co);
    return co;
  };

  describe('module format', () => {
    it.each([
      ['"type": "commonjs" (npm init -y)', '{ "name": "threads", "type": "commonjs" }\n'],
      ['"type": "module"', '{ "name": "threads", "type": "module" }\n'],
      ['no type', '{ "name": "threads" }\n'],
    ])('loads beside a package.json with %s, and catches an edit', (_name, pkg) => {
      const { repo } = threadsRepo();
      repo.write('package.json', pkg);
      const base = repo.commit('npm init -y');
      repo.apply('threads/auth.md', say('auth', 3));
      repo.commit('append');
      const ok = vendored(repo, 'push', pushPayload(base, repo.head()));
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.outputs['entries-added']).toBe('1');
      repo.write('threads/auth.md', repo.read('threads/auth.md').replace('entry 1.', 'one.'));
      repo.commit('edit');
      const bad = vendored(repo, 'push', pushPayload(base, repo.head()));
      expect(bad.stderr).toBe('');
      expect(bad.code).toBe(1);
      expect(bad.annotations.map((a) => a.code)).toContain('ENTRY_EDITED');
    });
  });

  describe('shallow checkouts', () => {
    it('a new-branch push with an edit fails and says fetch-depth: 0 (the full checkout names the edit)', () => {
      const { repo } = threadsRepo();
      const remote = withRemote(repo);
      repos.push({ cleanup: remote.remove });
      repo.git('push', '--quiet', 'origin', 'main');
      repo.git('checkout', '--quiet', '-b', 'topic');
      repo.write('threads/auth.md', repo.read('threads/auth.md').replace('entry 1.', 'one.'));
      const first = repo.commit('tidy an old entry');
      repo.apply('threads/auth.md', say('auth', 3));
      const head = repo.commit('append');
      repo.git('push', '--quiet', 'origin', 'topic');
      const payload = pushPayload(ZERO, head, { ref: 'refs/heads/topic', commits: [first, head] });

      const run = vendored(checkedOut(remote, 'topic', head, 1), 'push', payload);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const [shallow] = run.annotations;
      expect(shallow?.code).toBe('SHALLOW_CLONE');
      expect(shallow?.message).toContain('fetch-depth: 0');
      expect(run.outputs['threads-checked']).toBe('0');
      expect(run.summary).toContain('SHALLOW_CLONE');

      const full = vendored(checkedOut(remote, 'topic', head, 0), 'push', payload);
      expect(full.code).toBe(1);
      expect(full.annotations.map((a) => a.code)).toContain('ENTRY_EDITED');
    });
  });

  describe('forced pushes', () => {
    it('say that history was rewritten, from which sha, and what to do', () => {
      const { repo, base } = threadsRepo();
      const remote = withRemote(repo);
      repos.push({ cleanup: remote.remove });
      repo.apply('threads/auth.md', say('auth', 3));
      const pushed = repo.commit('append');
      repo.git('push', '--quiet', 'origin', 'main');
      repo.git('reset', '--quiet', '--hard', base);
      repo.write('threads/auth.md', repo.read('threads/auth.md').replace('entry 2.', 'two.'));
      const head = repo.commit('rewrite');
      repo.git('push', '--quiet', '--force', 'origin', 'main');

      const run = vendored(
        checkedOut(remote, 'main', head, 0),
        'push',
        pushPayload(pushed, head, { forced: true }),
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const [rewritten] = run.annotations;
      expect(rewritten?.code).toBe('HISTORY_REWRITTEN');
      expect(rewritten?.message).toContain(`rewritten by a forced push: main was at ${pushed}`);
      expect(rewritten?.message).toContain(`git push --force-with-lease origin ${pushed}:main`);
      expect(rewritten?.message).not.toContain('fetch-depth');
    });
  });

  describe('line endings', () => {
    function big(): { repo: ThreadRepo; base: string } {
      const { repo } = threadsRepo();
      for (let i = 3; i < 200; i++) repo.apply('threads/auth.md', say('auth', i));
      return { repo, base: repo.commit('200 entries') };
    }
    const located = (run: ActionRun) =>
      run.annotations.filter((a) => a.file !== undefined).map((a) => `${a.level} ${a.code}`);

    it('a CRLF re-save is one error that says CRLF, and a real edit beside it is still named', () => {
      const { repo, base } = big();
      repo.apply('threads/auth.md', say('auth', 200));
      repo.write('threads/auth.md', repo.read('threads/auth.md').replace(/\n/g, '\r\n'));
      repo.commit('saved on Windows');
      const run = vendored(repo, 'push', pushPayload(base, repo.head()));
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      expect(located(run)).toEqual(['error CRLF']);
      expect(run.annotations[0]?.message).toContain('CRLF');
      expect(run.annotations[0]?.message).toContain('eol=lf');
      expect(run.outputs['entries-added']).toBe('1');

      repo.write('threads/auth.md', repo.read('threads/auth.md').replace('entry 7.', 'seven.'));
      repo.commit('and an edit');
      const edited = vendored(repo, 'push', pushPayload(base, repo.head()));
      expect(located(edited)).toEqual(['error CRLF', 'error ENTRY_EDITED']);
    });

    it('a byte order mark is one BOM error, not an invisible header change', () => {
      const { repo, base } = big();
      repo.write('threads/auth.md', `\uFEFF${repo.read('threads/auth.md')}`);
      repo.commit('saved as UTF-8 with BOM');
      const run = vendored(repo, 'push', pushPayload(base, repo.head()));
      expect(run.code).toBe(1);
      expect(located(run)).toEqual(['error BOM']);
      expect(run.annotations[0]?.message).toContain('byte order mark');
    });
  });

  describe('redactions', () => {
    it('a trailer covers the rewritten body, not a header change or a deleted entry in the same commit', () => {
      const { repo } = threadsRepo();
      repo.apply('threads/auth.md', say('auth', 3));
      const base = repo.commit('append');
      const blocks = repo.read('threads/auth.md').split('\n---\n');
      const text = [blocks[0], blocks[1]?.replace('entry 0.', '[redacted]'), blocks[2], blocks[4]]
        .join('\n---\n')
        .replace('Topic: auth', 'Topic: secrets');
      repo.write('threads/auth.md', text);
      const redact = repo.commit('Scrub\n\nWatercooler-Redact: pasted a token');
      const run = vendored(repo, 'push', pushPayload(base, repo.head()));
      expect(run.code).toBe(1);
      const found = run.annotations
        .filter((a) => a.file !== undefined)
        .map((a) => `${a.level} ${a.code}`);
      expect(found.sort()).toEqual([
        'error ENTRY_DELETED',
        'error HEADER_CHANGED',
        'notice REDACTED',
      ]);
      for (const a of run.annotations.filter((x) => x.level === 'error' && x.file !== undefined))
        expect(a.message).toContain(
          `Commit ${redact.slice(0, 7)} carries a Watercooler-Redact trailer, but the trailer sanctions only rewriting an entry's body`,
        );
    });

    it('a trailered redaction and an untrailered edit in one push: the error blames the untrailered commit only', () => {
      const { repo, base } = threadsRepo();
      repo.write('threads/auth.md', repo.read('threads/auth.md').replace('entry 0.', '[redacted]'));
      const redact = repo.commit('Scrub\n\nWatercooler-Redact: pasted a token');
      repo.write('threads/auth.md', repo.read('threads/auth.md').replace('entry 2.', 'two.'));
      const edit = repo.commit('tidy');
      const run = vendored(repo, 'push', pushPayload(base, repo.head()));
      expect(run.code).toBe(1);
      const notice = run.annotations.find((a) => a.code === 'REDACTED');
      expect(notice?.message).toContain(`Entry 1 `);
      expect(notice?.message).toContain(`by commit ${redact.slice(0, 7)}`);
      const errors = run.annotations.filter((a) => a.level === 'error' && a.file !== undefined);
      expect(errors.map((a) => a.code)).toEqual(['ENTRY_EDITED']);
      expect(errors[0]?.message).toMatch(/entry 3 /);
      expect(errors[0]?.message).toContain(`Rewritten without the trailer by ${edit.slice(0, 7)}.`);
      expect(errors[0]?.message).not.toContain(redact.slice(0, 7));
    });
  });
});
