/**
 * The GitHub store from the built `watercooler` bin, as a user in a cloud sandbox reaches it
 * (SPEC §4 store flags, §3 GitHub store):
 * - `--github OWNER/REPO[@BRANCH]` or WATERCOOLER_GITHUB_REPO picks the store; the token comes from
 *   WATERCOOLER_GITHUB_TOKEN or GITHUB_TOKEN; WATERCOOLER_GITHUB_API_URL points at the API (the
 *   fake here, GitHub Enterprise in life). No git binary is needed on the write path: PATH holds
 *   only node.
 * - `say`, `list --json`, `read --json` work end to end and the commits land in the repository.
 * - Failures are one line on stderr with exit 1: bad token, no write permission, repo missing,
 *   rate limit spent (with the reset time); the thread is unchanged afterwards.
 * - The token appears in no stdout or stderr of any run.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../helpers/fake-github.js';
import { type BinResult, cleanEnv, runBin } from '../helpers/run-bin.js';

const TOKEN = 'ghp_cliTestTokenThatMustNeverBePrinted01';
const READER = 'github_pat_cliTestReadOnlyToken000000001';
let fake: FakeGitHub;
let cwd: string;
let nodeOnly: string;
const outputs: BinResult[] = [];

async function wc(args: string[], env: Record<string, string> = {}): Promise<BinResult> {
  const result = await runBin(args, {
    cwd,
    env: cleanEnv({
      PATH: nodeOnly,
      XDG_CACHE_HOME: join(cwd, 'cache'),
      WATERCOOLER_GITHUB_API_URL: fake.url,
      WATERCOOLER_GITHUB_TOKEN: TOKEN,
      ...env,
    }),
  });
  outputs.push(result);
  return result;
}

beforeAll(async () => {
  fake = await FakeGitHub.start();
  fake.addToken(TOKEN, { login: 'alice' });
  fake.addToken(READER, { login: 'rita', permission: 'read', repos: ['alice/threads'] });
  await fake.createRepo('alice/threads');
  cwd = mkdtempSync(join(tmpdir(), 'wc-github-cli-'));
  // A PATH with node and nothing else: the GitHub store must not need git.
  nodeOnly = join(cwd, 'nodebin');
  mkdirSync(nodeOnly);
  symlinkSync(process.execPath, join(nodeOnly, 'node'));
});
afterAll(async () => {
  await fake.close();
  rmSync(cwd, { recursive: true, force: true });
  const all = outputs.map((o) => o.stdout + o.stderr).join('\n');
  expect(outputs.length).toBeGreaterThan(5);
  expect(all).not.toContain(TOKEN);
  expect(all).not.toContain(READER);
});

describe('watercooler --github', () => {
  it('says, lists and reads through the API', async () => {
    const said = await wc([
      'say',
      'auth refactor',
      '--github',
      'alice/threads',
      '--agent',
      'Claude',
      '--title',
      'Plan',
      '--body',
      'Split the token code out.',
      '--json',
    ]);
    expect(said.stderr).toBe('');
    expect(said.code).toBe(0);
    const write = JSON.parse(said.stdout) as { entry_id: string; ball: string; pending: boolean };
    expect(write).toMatchObject({ ball: 'Codex (tester)', pending: false });

    const replied = await wc(
      ['say', 'auth refactor', '--agent', 'Codex', '--title', 'OK', '--body', 'Agreed.'],
      {
        WATERCOOLER_GITHUB_REPO: 'alice/threads@main',
        WATERCOOLER_GITHUB_TOKEN: '',
        GITHUB_TOKEN: TOKEN,
      },
    );
    expect(replied.code).toBe(0);

    const listed = await wc(['list', '--github', 'alice/threads', '--json']);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as {
      topic: string;
      entry_count: number;
      ball: string;
    }[];
    expect(rows).toEqual([
      expect.objectContaining({ topic: 'auth refactor', entry_count: 2, ball: 'Claude (tester)' }),
    ]);

    const read = await wc(['read', 'auth refactor', '--github', 'alice/threads', '--json']);
    expect(read.code).toBe(0);
    const thread = JSON.parse(read.stdout) as { entries: { entry_id: string; body: string }[] };
    expect(thread.entries.map((e) => e.body)).toEqual(['Split the token code out.', 'Agreed.']);
    expect(thread.entries[0]?.entry_id).toBe(write.entry_id);

    const log = await fake.git('alice/threads', ['log', '--format=%s']);
    expect(log.trim().split('\n')).toEqual([
      'Codex (tester): say auth refactor',
      'Claude (tester): say auth refactor',
    ]);
  });

  it('fails with one clear line and exit 1, changing nothing', async () => {
    const before = await fake.readFile('alice/threads', 'threads/auth-refactor.md');
    const say = [
      'say',
      'auth refactor',
      '--github',
      'alice/threads',
      '--title',
      'x',
      '--body',
      'y',
    ];

    const bad = await wc(say, {
      WATERCOOLER_GITHUB_TOKEN: 'ghp_expiredCliTestToken0000000000000001',
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/401.*invalid, expired or revoked/);
    expect(bad.stderr).not.toContain('ghp_expiredCliTestToken');

    const reader = await wc(say, { WATERCOOLER_GITHUB_TOKEN: READER });
    expect(reader.code).toBe(1);
    expect(reader.stderr).toMatch(/Contents: read and write/);

    const missing = await wc(['list', '--github', 'alice/nothing-here']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/alice\/nothing-here not found/);

    fake.setRateLimit(TOKEN, { remaining: 0, resetInSeconds: 3600 });
    const spent = await wc(say);
    fake.setRateLimit(TOKEN, { remaining: 5000 });
    expect(spent.code).toBe(1);
    expect(spent.stderr).toMatch(/rate limit.*resets at \d\d:\d\d:\d\d UTC/);

    const noToken = await wc(say, { WATERCOOLER_GITHUB_TOKEN: '' });
    expect(noToken.code).not.toBe(0);
    expect(noToken.stderr).toMatch(/WATERCOOLER_GITHUB_TOKEN/);

    for (const r of [bad, reader, missing, spent, noToken]) {
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(await fake.readFile('alice/threads', 'threads/auth-refactor.md')).toBe(before);
  });
});
