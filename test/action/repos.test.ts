/**
 * The Action in repositories shaped the way teams shape them, run as the runner runs it: the
 * bundle vendored into the repository (`.github/actions/validate/`, as create-watercooler does),
 * INPUT_* and GITHUB_* variables, a real event payload, real commits, on Node 20 and Node 24.
 * Pins:
 * - the bundle loads whatever package.json the repository holds (`"type": "commonjs"` as
 *   `npm init -y` writes, `"type": "module"`, none) and still catches an edit.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type ThreadRepo, createThreadRepo, say } from '../helpers/thread-repo.js';
import { type ActionRun, actionNodes, pushPayload, runAction } from './harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VENDORED = '.github/actions/validate';

const repos: ThreadRepo[] = [];
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
  const vendored = (repo: ThreadRepo, eventName: string, payload: unknown): ActionRun =>
    runAction({
      workspace: repo.dir,
      eventName,
      payload,
      node,
      bundle: join(repo.dir, VENDORED, 'dist/index.mjs'),
    });

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
});
