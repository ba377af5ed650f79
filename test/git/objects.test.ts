/**
 * The git store writes its objects from its own process (core/store/git-objects.ts). They must
 * be the objects git itself would write:
 * - blob, tree and commit ids equal `git hash-object`, `git mktree` and `git commit-tree` for the
 *   same content, author, committer and dates, and `git fsck --strict` finds nothing wrong;
 * - trees come out in git's order (a folder sorts as if its name ended in `/`);
 * - the author is git's: the store's author settings, else git's configuration; where git would
 *   refuse to commit (nobody configured and a bogus guess, `user.useConfigOnly` without an
 *   email) Watercooler signs, as before;
 * - a SHA-256 clone gets SHA-256 ids.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GitRunner } from '../../core/git.js';
import { ObjectWriter, authorEnv } from '../../core/store/git-objects.js';

const FALLBACK = { name: 'Watercooler', email: 'watercooler@localhost' };
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A bare repository with nothing of the user's configuration (HOME is an empty folder). */
function repo(init: string[] = []): { dir: string; env: Record<string, string> } {
  const root = mkdtempSync(join(tmpdir(), 'wc-objects-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, 'repo.git');
  const env = { PATH: process.env.PATH ?? '', HOME: root, GIT_CONFIG_NOSYSTEM: '1' };
  execFileSync('git', ['init', '--quiet', '--bare', ...init, dir], { env });
  return { dir, env };
}

function git(dir: string, env: Record<string, string>, args: string[], input?: string): string {
  return execFileSync('git', ['--git-dir', dir, ...args], { env, input, encoding: 'utf8' }).trim();
}

const writer = (r: { dir: string; env: Record<string, string> }, author?: Record<string, string>) =>
  new ObjectWriter(new GitRunner({ gitDir: r.dir, env: r.env }), r.dir, author, FALLBACK);

const DATES = {
  GIT_AUTHOR_DATE: '1700000000 +0100',
  GIT_COMMITTER_DATE: '1700000100 -0230',
};

describe('the objects a git-store write makes', () => {
  it("are git's own: blob, tree and commit ids equal git's, and fsck finds nothing wrong", async () => {
    const r = repo();
    const author = authorEnv('Ada Lovelace', 'ada@example.com');
    const env = { ...r.env, ...DATES };
    const objects = writer({ ...r, env }, author);
    const text = 'Entry: Ada\r\nnon-ASCII: déjà vu — ✓\n\nno newline at the end';
    const blob = await objects.blob(text);
    expect(blob).toBe(git(r.dir, env, ['hash-object', '-w', '--stdin', '--no-filters'], text));

    const other = await objects.blob('other\n');
    const inner = await objects.tree([{ mode: '100644', name: 'x.md', sha: other }]);
    // Names that sort differently as bytes and as git's tree order ('a' as a folder is 'a/').
    const entries = [
      { mode: '100644', name: 'a.md', sha: blob },
      { mode: '40000', name: 'a', sha: inner },
      { mode: '100644', name: 'a-b', sha: other },
      { mode: '100644', name: 'Z', sha: other },
      { mode: '100644', name: 'é.md', sha: blob },
    ];
    const tree = await objects.tree(entries);
    const mktreeInput = entries
      .map((e) => `${e.mode} ${e.mode === '40000' ? 'tree' : 'blob'} ${e.sha}\t${e.name}\n`)
      .join('');
    expect(tree).toBe(git(r.dir, env, ['mktree'], mktreeInput));
    expect(await objects.tree([])).toBe(git(r.dir, env, ['mktree'], ''));

    for (const message of ['Claude: say topic\n\nWatercooler-Entry-ID: 01J\n', 'no newline']) {
      const first = await objects.commit(tree, null, message);
      const child = await objects.commit(inner, first, message);
      const gitEnv = { ...env, ...author };
      expect(first).toBe(git(r.dir, gitEnv, ['commit-tree', tree, '-F', '-'], message));
      expect(child).toBe(
        git(r.dir, gitEnv, ['commit-tree', inner, '-p', first, '-F', '-'], message),
      );
    }
    expect(git(r.dir, env, ['fsck', '--strict', '--no-dangling'])).toBe('');
    expect(git(r.dir, env, ['cat-file', '-p', `${tree}:a/x.md`])).toBe('other');
  });

  it('stamp each commit with its own time unless git was given dates', async () => {
    const r = repo();
    const objects = writer(r, authorEnv('Ada', 'ada@example.com'));
    const before = Math.floor(Date.now() / 1000);
    const sha = await objects.commit(await objects.tree([]), null, 'm\n');
    const body = git(r.dir, r.env, ['cat-file', 'commit', sha]);
    const stamp = Number(/^author Ada <ada@example.com> (\d+) [+-]\d{4}$/m.exec(body)?.[1]);
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it("sign as the store's author, else as git's configuration says", async () => {
    const r = repo();
    git(r.dir, r.env, ['config', 'user.name', 'Configured Person']);
    git(r.dir, r.env, ['config', 'user.email', 'configured@example.com']);
    const fromConfig = writer(r);
    const configured = await fromConfig.commit(await fromConfig.tree([]), null, 'm\n');
    expect(git(r.dir, r.env, ['log', '-1', '--format=%an <%ae>|%cn <%ce>', configured])).toBe(
      'Configured Person <configured@example.com>|Configured Person <configured@example.com>',
    );
    const given = writer(r, authorEnv('Given', 'given@example.com'));
    const sha = await given.commit(await given.tree([]), null, 'm\n');
    expect(git(r.dir, r.env, ['log', '-1', '--format=%an <%ae>', sha])).toBe(
      'Given <given@example.com>',
    );
  });

  it('sign as Watercooler where git would refuse to guess who commits', async () => {
    const nobody = repo();
    // git guesses from the host name; it refuses a guess it knows is bogus (a host name with no
    // domain) and then so does the store. Where the guess is good, git's guess signs.
    const guess = (() => {
      try {
        return git(nobody.dir, nobody.env, ['var', 'GIT_COMMITTER_IDENT']).replace(
          / \d+ [+-]\d{4}$/,
          '',
        );
      } catch {
        return null;
      }
    })();
    const guessed = writer(nobody);
    const sha = await guessed.commit(await guessed.tree([]), null, 'm\n');
    expect(git(nobody.dir, nobody.env, ['log', '-1', '--format=%cn <%ce>', sha])).toBe(
      guess ?? 'Watercooler <watercooler@localhost>',
    );
    const strict = repo();
    git(strict.dir, strict.env, ['config', 'user.useConfigOnly', 'true']);
    git(strict.dir, strict.env, ['config', 'user.name', 'Only A Name']);
    const onlyName = writer(strict);
    const second = await onlyName.commit(await onlyName.tree([]), null, 'm\n');
    expect(git(strict.dir, strict.env, ['log', '-1', '--format=%an <%ae>|%cn <%ce>', second])).toBe(
      'Watercooler <watercooler@localhost>|Watercooler <watercooler@localhost>',
    );
  });

  it('have SHA-256 ids in a SHA-256 clone', async () => {
    const r = repo(['--object-format=sha256']);
    const env = { ...r.env, ...DATES };
    const author = authorEnv('Ada', 'ada@example.com');
    const objects = writer({ ...r, env }, author);
    const blob = await objects.blob('sha-256\n');
    expect(blob).toHaveLength(64);
    expect(blob).toBe(git(r.dir, env, ['hash-object', '--stdin'], 'sha-256\n'));
    const tree = await objects.tree([{ mode: '100644', name: 'a.md', sha: blob }]);
    const commit = await objects.commit(tree, null, 'm\n');
    expect(commit).toBe(git(r.dir, { ...env, ...author }, ['commit-tree', tree, '-F', '-'], 'm\n'));
    expect(git(r.dir, env, ['fsck', '--strict', '--no-dangling'])).toBe('');
  });
});
