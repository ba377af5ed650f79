/**
 * `--git` remotes as a user meets them (the built CLI, real bare repositories, loopback HTTP):
 * - a path, `file://` URL, folder or HTTP repository that does not exist is "no repository
 *   there", exit 1, and nothing is cloned or kept for it; a refused port or a host that does not
 *   resolve is "cannot reach it": the write is kept in the outbox, exit 4;
 * - an empty remote whose HEAD names `master` gets `master` (a plain `git clone` of it is not
 *   empty), over a path and over HTTP; a non-empty one gets its own default branch; a local
 *   remote that hides its unborn HEAD gets `main`, and its HEAD is pointed there;
 * - a token in the URL's user part (`http://TOKEN@host/…`) is dropped and stored nowhere,
 *   `user:password@` is refused (exit 2); no output and no file under the cache holds either;
 * - a clone an older version made with the token in its config is scrubbed (`--clone-dir`) or
 *   removed (the default folder), its waiting writes moved over and sent.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type HttpRemote,
  createBareRemote,
  gitIn,
  remoteFile,
  startHttpRemote,
} from '../helpers/git-remote.js';
import { defaultCloneDir } from '../../core/store/git-clone.js';
import { cleanEnv, runBin } from '../helpers/run-bin.js';

const exec = promisify(execFile);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function httpRemote(options: { branch?: string; password?: string } = {}) {
  const r = await startHttpRemote(options);
  cleanups.push(() => r.close());
  return r;
}

function bare(branch: string) {
  const r = createBareRemote({ branch });
  cleanups.push(() => r.remove());
  return r;
}

const envFor = (cache: string, extra: Record<string, string> = {}) =>
  cleanEnv({
    XDG_CACHE_HOME: cache,
    WATERCOOLER_AGENT: 'Claude',
    WATERCOOLER_GIT_AUTHOR: 'Tester',
    WATERCOOLER_GIT_EMAIL: 'tester@example.com',
    ...extra,
  });

const say = (url: string, env: Record<string, string>, topic = 'plan') =>
  runBin(['say', topic, '--title', 'Hi', '--body', 'hello', '--git', url], { env });

/** What a plain `git clone` of the remote checks out (async: the HTTP remote runs in this process). */
async function clonedFiles(url: string): Promise<string[]> {
  const into = join(tempDir('wc-plain-clone-'), 'c');
  await exec('git', ['clone', '--quiet', url, into]);
  return (await exec('git', ['-C', into, 'ls-files'])).stdout.trim().split('\n');
}

const clonesIn = (cache: string) =>
  existsSync(join(cache, 'watercooler', 'git'))
    ? readdirSync(join(cache, 'watercooler', 'git'))
    : [];

describe('a remote that is not there', { timeout: 120_000 }, () => {
  it.each<[string, (root: string) => string]>([
    ['a path that does not exist', (root) => join(root, 'missing.git')],
    ['a file:// URL that does not exist', (root) => `file://${join(root, 'missing.git')}`],
    ['a folder that is not a repository', (root) => root],
  ])('%s: exit 1, "no repository there", nothing cloned or kept', async (_, urlOf) => {
    const cache = tempDir('wc-cache-');
    const url = urlOf(tempDir('wc-nothing-'));
    const env = envFor(cache);
    for (const args of [
      ['say', 'plan', '--title', 'Hi', '--body', 'hello'],
      ['read', 'plan'],
      ['list'],
      ['sync'],
    ]) {
      const r = await runBin([...args, '--git', url], { env });
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(/There is no git repository at .*git init --bare/);
      expect(r.stderr).not.toMatch(/outbox|offline/i);
    }
    expect(clonesIn(cache)).toEqual([]);
  });

  it('an HTTP repository that does not exist: exit 1, nothing kept', async () => {
    const r = await httpRemote();
    const cache = tempDir('wc-cache-');
    const env = envFor(cache);
    const url = r.url.replace('threads.git', 'missing.git');
    const said = await say(url, env);
    expect(said.code, said.stderr).toBe(1);
    expect(said.stderr).toMatch(/There is no git repository at http:\/\/127\.0\.0\.1/);
    const status = await runBin(['sync', '--status', '--json', '--git', url], { env });
    expect(JSON.parse(status.stdout)).toEqual({ replayed: [], pending: [] });
  });

  it.each<[string, () => Promise<string>]>([
    [
      'a refused loopback port',
      async () => {
        const r = await httpRemote();
        await r.stop();
        return r.url;
      },
    ],
    ['a host that does not resolve', async () => 'http://no-such-host.invalid/threads.git'],
  ])('%s is "cannot reach it": the write is kept, exit 4', async (_, urlOf) => {
    const cache = tempDir('wc-cache-');
    const env = envFor(cache);
    const url = await urlOf();
    const said = await say(url, env);
    expect(said.code, said.stderr).toBe(4);
    expect(said.stderr).toMatch(/kept in the outbox/);
    expect(said.stderr).not.toMatch(/no git repository/i);
    const status = await runBin(['sync', '--status', '--json', '--git', url], { env });
    expect((JSON.parse(status.stdout) as { pending: unknown[] }).pending).toHaveLength(1);
  });
});

describe("the remote's default branch", { timeout: 120_000 }, () => {
  it('an empty bare remote whose HEAD names master gets master (a path)', async () => {
    const remote = bare('master');
    const env = envFor(tempDir('wc-cache-'));
    expect((await say(remote.dir, env)).code).toBe(0);
    expect(gitIn(remote.dir, ['for-each-ref', '--format=%(refname)'])).toBe('refs/heads/master\n');
    expect(await clonedFiles(remote.dir)).toEqual(['threads/plan.md']);

    // A second machine (a fresh cache) writes to the same branch, and creates no other.
    const other = envFor(tempDir('wc-cache-'), { WATERCOOLER_AGENT: 'Codex' });
    expect((await say(remote.dir, other, 'second')).code).toBe(0);
    expect(gitIn(remote.dir, ['for-each-ref', '--format=%(refname)'])).toBe('refs/heads/master\n');
    expect(remoteFile(remote.dir, 'threads/second.md', 'master')).toMatch(/Codex/);
  });

  it('an empty HTTP remote whose HEAD names master gets master', async () => {
    const r: HttpRemote = await httpRemote({ branch: 'master' });
    const env = envFor(tempDir('wc-cache-'));
    const said = await say(r.url, env);
    expect(said.code, said.stderr).toBe(0);
    expect(gitIn(r.bare.dir, ['for-each-ref', '--format=%(refname)'])).toBe('refs/heads/master\n');
    expect(await clonedFiles(r.url)).toEqual(['threads/plan.md']);
  });

  it('a local remote that hides its unborn HEAD gets main, and its HEAD points there', async () => {
    const remote = bare('master');
    gitIn(remote.dir, ['config', 'lsrefs.unborn', 'ignore']);
    const env = envFor(tempDir('wc-cache-'));
    expect((await say(remote.dir, env)).code).toBe(0);
    expect(gitIn(remote.dir, ['symbolic-ref', 'HEAD'])).toBe('refs/heads/main\n');
    expect(await clonedFiles(remote.dir)).toEqual(['threads/plan.md']);
  });
});

/** Every file under `dir`, as bytes. */
const allFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => statSync(p).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));

describe('credentials in the URL', { timeout: 120_000 }, () => {
  it('a token as the user part is dropped: stored nowhere, printed nowhere', async () => {
    const token = 'wc_url_token_9d41be27c0';
    const r = await httpRemote({ password: token });
    const cache = tempDir('wc-cache-');
    const url = r.url.replace('http://', `http://${token}@`);
    const outputs: string[] = [];
    const run = async (args: string[], extra: Record<string, string> = {}) => {
      const res = await runBin([...args, '--git', url], { env: envFor(cache, extra) });
      outputs.push(res.stdout, res.stderr);
      return res;
    };
    // Without the token anywhere else, the remote refuses: a clear AUTH failure that says where it goes.
    const refused = await run(['say', 'plan', '--title', 'Hi', '--body', 'hello']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/user part of the git remote URL is dropped/);
    expect(refused.stderr).toMatch(/WATERCOOLER_GITHUB_TOKEN/);
    // With it in the environment, the same URL works.
    const said = await run(['say', 'plan', '--title', 'Hi', '--body', 'hello'], {
      WATERCOOLER_GITHUB_TOKEN: token,
    });
    expect(said.code, said.stderr).toBe(0);
    expect((await run(['read', 'plan'], { WATERCOOLER_GITHUB_TOKEN: token })).code).toBe(0);
    expect(remoteFile(r.bare.dir, 'threads/plan.md')).toMatch(/hello/);

    for (const text of outputs) expect(text).not.toContain(token);
    expect(allFiles(cache).length).toBeGreaterThan(0);
    for (const { path, bytes } of allFiles(cache)) expect(bytes.includes(token), path).toBe(false);
  });

  it('user:password@ is refused before anything is cloned, and not repeated', async () => {
    const secret = 'wc_url_password_41c9e0';
    const cache = tempDir('wc-cache-');
    for (const url of [
      `https://alice:${secret}@example.invalid/team/threads.git`,
      `http://x-access-token:${secret}@127.0.0.1:9/threads.git`,
    ]) {
      const r = await runBin(['say', 'plan', '--title', 'Hi', '--body', 'hello', '--git', url], {
        env: envFor(cache),
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/carries a password or token/);
      expect(r.stdout + r.stderr).not.toContain(secret);
      const viaEnv = await runBin(['list'], {
        env: envFor(cache, { WATERCOOLER_GIT_REPO: url }),
      });
      expect(viaEnv.code).toBe(2);
      expect(viaEnv.stdout + viaEnv.stderr).not.toContain(secret);
    }
    expect(existsSync(cache) ? allFiles(cache) : []).toEqual([]);
  });

  it('an SSH login name stays (it is no secret): ssh://git@host/… is not rewritten', async () => {
    const cache = tempDir('wc-cache-');
    // The host does not resolve: the write is kept, under the URL as given.
    const url = 'ssh://git@no-such-host.invalid/team/threads.git';
    const said = await say(url, envFor(cache));
    expect(said.code, said.stderr).toBe(4);
    expect(said.stderr).not.toMatch(/user part/);
    const [clone] = clonesIn(cache);
    expect(
      readFileSync(join(cache, 'watercooler', 'git', clone ?? '', 'watercooler', 'remote'), 'utf8'),
    ).toBe(`${url}\n`);
  });
});

describe('a clone an older version made with the token in its URL', { timeout: 120_000 }, () => {
  /** Makes the clone an older version left: a waiting write, the token URL in config and marker. */
  async function oldClone(r: HttpRemote, dir: string, tokenUrl: string, token: string) {
    const env = envFor(tempDir('wc-cache-'), { WATERCOOLER_GITHUB_TOKEN: token });
    expect(
      (
        await runBin(
          ['say', 'plan', '--title', 'Hi', '--body', 'one', '--git', r.url, '--clone-dir', dir],
          { env },
        )
      ).code,
    ).toBe(0);
    await r.stop();
    const kept = await runBin(
      ['say', 'plan', '--title', 'Hi', '--body', 'kept', '--git', r.url, '--clone-dir', dir],
      { env },
    );
    expect(kept.code, kept.stderr).toBe(4);
    await r.start();
    gitIn(dir, ['config', 'remote.origin.url', tokenUrl]);
    writeFileSync(join(dir, 'watercooler', 'remote'), `${tokenUrl}\n`);
  }

  it.each(['--clone-dir', 'the default folder'])(
    'in %s: no longer holds the token, and its write lands',
    async (where) => {
      const token = 'wc_old_clone_token_77a1';
      const r = await httpRemote({ password: token });
      const cache = tempDir('wc-cache-');
      const tokenUrl = r.url.replace('http://', `http://${token}@`);
      const old =
        where === '--clone-dir'
          ? join(tempDir('wc-clone-'), 'c')
          : defaultCloneDir(join(cache, 'watercooler'), tokenUrl);
      await oldClone(r, old, tokenUrl, token);
      const flags = where === '--clone-dir' ? ['--clone-dir', old] : [];
      const env = envFor(cache, { WATERCOOLER_GITHUB_TOKEN: token });
      const synced = await runBin(['sync', '--git', tokenUrl, ...flags], { env });
      expect(synced.code, synced.stderr).toBe(0);
      expect(synced.stdout + synced.stderr).not.toContain(token);
      expect(remoteFile(r.bare.dir, 'threads/plan.md')).toMatch(/kept/);
      if (where !== '--clone-dir') expect(existsSync(old)).toBe(false);
      for (const root of [cache, old])
        if (existsSync(root))
          for (const { path, bytes } of allFiles(root))
            expect(bytes.includes(token), path).toBe(false);
    },
  );
});
