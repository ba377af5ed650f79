/**
 * Where the first commit goes (SPEC §7), with the built bin:
 * - `--remote` at an empty bare repository pushes `main`; the local repo tracks origin; the next
 *   steps use `--git <that path>`;
 * - `--remote` at a loopback smart-HTTP remote that needs a password pushes with the token from
 *   the environment through a scoped credential helper: the token is in no output, no
 *   `.git/config` and no remote URL;
 * - `--github OWNER/NAME` against the fake GitHub creates the repository through the API
 *   (private by default; `--public`; an organization through /orgs/{org}/repos), says what it
 *   created, and pushes to it over its smart-HTTP endpoint;
 * - `--action-ref` points the workflow at a published Action and vendors nothing.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_RELEASE_SPEC as CLI } from '../../cli/version.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { createBareRemote, gitIn, remoteFile, startHttpRemote } from '../helpers/git-remote.js';
import { git, runCreate } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wc-create-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const author = { WATERCOOLER_GIT_AUTHOR: 'Amy', WATERCOOLER_GIT_EMAIL: 'amy@example.com' };

describe('create-watercooler --remote', () => {
  it('pushes the first commit to an empty bare repository', async () => {
    const cwd = scratch();
    const remote = createBareRemote();
    cleanups.push(() => remote.remove());
    const r = await runCreate(['team-threads', '--yes', '--remote', remote.dir], {
      cwd,
      env: { ...author, HOME: cwd },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const repo = join(cwd, 'team-threads');
    const head = git(repo, ['rev-parse', 'HEAD']);
    expect(gitIn(remote.dir, ['rev-parse', 'refs/heads/main']).trim()).toBe(head);
    expect(remoteFile(remote.dir, 'threads/welcome.md')).toBe(
      readFileSync(join(repo, 'threads/welcome.md'), 'utf8'),
    );
    expect(git(repo, ['rev-parse', '--abbrev-ref', 'main@{upstream}'])).toBe('origin/main');
    expect(r.stdout).toContain(`Pushed to ${remote.dir}.`);
    expect(r.stdout).toContain(
      `claude mcp add watercooler -- npx -y ${CLI} mcp --git ${remote.dir}`,
    );
    expect(r.stdout).toContain(`npx -y ${CLI} tui --git ${remote.dir}`);
    expect(readFileSync(join(repo, 'README.md'), 'utf8')).toContain(`mcp --git ${remote.dir}`);
  });

  it('pushes over HTTP with the token through a scoped credential helper, never storing it', async () => {
    const cwd = scratch();
    const token = 'tok-Zq81-secret';
    const remote = await startHttpRemote({ password: token });
    cleanups.push(() => remote.close());
    const r = await runCreate(['team-threads', '--yes', '--remote', remote.url], {
      cwd,
      env: { ...author, HOME: cwd, WATERCOOLER_GITHUB_TOKEN: token },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const repo = join(cwd, 'team-threads');
    expect(gitIn(remote.bare.dir, ['rev-parse', 'refs/heads/main']).trim()).toBe(
      git(repo, ['rev-parse', 'HEAD']),
    );
    expect(r.stdout).not.toContain(token);
    expect(readFileSync(join(repo, '.git/config'), 'utf8')).not.toContain(token);
    expect(git(repo, ['remote', 'get-url', 'origin'])).toBe(remote.url);
    expect(remote.authHeaders.length).toBeGreaterThan(0);
  });

  it('--action-ref uses a published Action and vendors nothing', async () => {
    const cwd = scratch();
    const r = await runCreate(['t', '--yes', '--action-ref', 'acme/watercooler/action@v1'], {
      cwd,
      env: { ...author, HOME: cwd },
    });
    expect(r.code).toBe(0);
    const repo = join(cwd, 't');
    expect(existsSync(join(repo, '.github/actions'))).toBe(false);
    const workflow = readFileSync(join(repo, '.github/workflows/watercooler.yml'), 'utf8');
    expect(workflow).toContain('uses: acme/watercooler/action@v1');
    expect(workflow).not.toContain('./.github/actions/validate');
  });
});

describe('create-watercooler --github', () => {
  async function fake(): Promise<FakeGitHub> {
    const gh = await FakeGitHub.start();
    cleanups.push(() => gh.close());
    return gh;
  }

  it('creates a private repository through the API and pushes to it', async () => {
    const gh = await fake();
    gh.addToken('ghp-amy', { login: 'amy' });
    const cwd = scratch();
    const r = await runCreate(['team-threads', '--yes', '--github', 'amy/team-threads'], {
      cwd,
      env: {
        ...author,
        HOME: cwd,
        WATERCOOLER_GITHUB_TOKEN: 'ghp-amy',
        WATERCOOLER_GITHUB_API_URL: gh.url,
      },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(gh.count('repos.create')).toBe(1);
    const repo = join(cwd, 'team-threads');
    expect(await gh.readFile('amy/team-threads', 'threads/welcome.md')).toBe(
      readFileSync(join(repo, 'threads/welcome.md'), 'utf8'),
    );
    expect((await gh.git('amy/team-threads', ['rev-parse', 'refs/heads/main'])).trim()).toBe(
      git(repo, ['rev-parse', 'HEAD']),
    );
    const info = (await (
      await fetch(`${gh.url}/repos/amy/team-threads`, {
        headers: { authorization: 'token ghp-amy' },
      })
    ).json()) as { private: boolean };
    expect(info.private).toBe(true);
    expect(r.stdout).toContain(
      `Created the GitHub repository amy/team-threads (private): ${gh.url}/amy/team-threads`,
    );
    expect(r.stdout).toContain(`mcp --git ${gh.gitUrl('amy/team-threads')}`);
    expect(readFileSync(join(repo, 'README.md'), 'utf8')).toContain(
      `mcp --git ${gh.gitUrl('amy/team-threads')}`,
    );
    expect(r.stdout).not.toContain('ghp-amy');
    expect(readFileSync(join(repo, '.git/config'), 'utf8')).not.toContain('ghp-amy');
  });

  it('creates a public repository in an organization', async () => {
    const gh = await fake();
    gh.addToken('ghp-amy', { login: 'amy', orgs: ['acme'] });
    const cwd = scratch();
    const r = await runCreate(['threads', '--yes', '--github', 'acme/threads', '--public'], {
      cwd,
      env: {
        ...author,
        HOME: cwd,
        GITHUB_TOKEN: 'ghp-amy',
        WATERCOOLER_GITHUB_API_URL: gh.url,
      },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(gh.count('repos.createInOrg')).toBe(1);
    expect(r.stdout).toContain('Created the GitHub repository acme/threads (public)');
    expect(await gh.readFile('acme/threads', 'watercooler.json')).toContain('"threadsDir"');
  });

  it('says what it created when the push then fails, and leaves no folder', async () => {
    const gh = await fake();
    // May create repositories but not push to them.
    gh.addToken('ghp-ro', { login: 'amy', permission: 'read' });
    const cwd = scratch();
    const r = await runCreate(['team-threads', '--yes', '--github', 'amy/team-threads'], {
      cwd,
      env: { ...author, HOME: cwd, GITHUB_TOKEN: 'ghp-ro', WATERCOOLER_GITHUB_API_URL: gh.url },
    });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Created the GitHub repository amy/team-threads');
    expect(lines[0]).toContain('the push failed');
    expect(lines[0]).toContain(`--remote ${gh.gitUrl('amy/team-threads')}`);
    expect(r.stderr).not.toContain('ghp-ro');
    expect(readdirSync(cwd)).toEqual([]);
  });
});
