/**
 * The git store through the CLI, against a loopback HTTP remote (SPEC §3, §4):
 * - a token from WATERCOOLER_GITHUB_TOKEN reaches the remote (basic auth) yet appears in no
 *   stdout, stderr, commit, or file under the clone; a wrong token is a clear AUTH failure
 *   (exit 1) that queues nothing;
 * - remote down during a write → exit 4, `"pending": true`, the operation is in the outbox and
 *   `status` shows it; remote back → `sync` lands it exactly once and empties the outbox;
 * - a push that landed but whose answer was lost (connection dropped; or the writer SIGKILLed
 *   while waiting) and a retry with the same Entry-ID → one entry, not two.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseThread } from '../../core/index.js';
import { type HttpRemote, gitIn, remoteFile, startHttpRemote } from '../helpers/git-remote.js';
import { WATERCOOLER_BIN, cleanEnv, runBin } from '../helpers/run-bin.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function remote(password?: string): Promise<HttpRemote> {
  const r = await startHttpRemote(password === undefined ? {} : { password });
  cleanups.push(() => r.close());
  return r;
}

function cacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wc-cache-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function env(cache: string, extra: Record<string, string> = {}): Record<string, string> {
  return cleanEnv({
    XDG_CACHE_HOME: cache,
    WATERCOOLER_GIT_AUTHOR: 'Tester',
    WATERCOOLER_GIT_EMAIL: 'tester@example.com',
    WATERCOOLER_RETRY_BUDGET_MS: '20000',
    ...extra,
  });
}

function entriesOf(r: HttpRemote, topic: string): string[] {
  return parseThread(remoteFile(r.bare.dir, `threads/${topic}.md`) ?? '').entries.map(
    (e) => e.entryId ?? '',
  );
}

/** Every file under `dir`, as bytes. */
function allFiles(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => statSync(p).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

const ENTRY = '01K9ZZZZZZZZZZZZZZZZZZZZZ1';

describe('git store over HTTP, through the CLI', { timeout: 240_000 }, () => {
  it('uses a token from the environment without ever printing or storing it', async () => {
    const token = 'wc_secret_token_5f3a9c1e7b';
    const r = await remote(token);
    const cache = cacheDir();
    const e = env(cache, { WATERCOOLER_GITHUB_TOKEN: token });
    const outputs: string[] = [];
    const run = async (args: string[], extra = e) => {
      const res = await runBin([...args, '--git', r.url], { env: extra });
      outputs.push(res.stdout, res.stderr);
      return res;
    };
    const said = await run([
      'say',
      'secure',
      '--agent',
      'Claude',
      '--title',
      'Hi',
      '--body',
      'hello',
      '--json',
    ]);
    expect(said.code, said.stderr).toBe(0);
    expect((await run(['read', 'secure'])).code).toBe(0);
    expect((await run(['list', '--json'])).code).toBe(0);
    expect((await run(['status'])).code).toBe(0);
    expect((await run(['sync'])).code).toBe(0);
    const basic = `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
    expect(r.authHeaders).toContain(basic);

    const wrong = await run(
      ['say', 'secure', '--agent', 'Claude', '--title', 'x', '--body', 'y'],
      env(cache, { WATERCOOLER_GITHUB_TOKEN: 'wc_wrong_token_0000' }),
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/credential|auth/i);
    const pending = await run(['sync', '--status', '--json']);
    expect(JSON.parse(pending.stdout)).toEqual({ replayed: [], pending: [] });

    for (const text of outputs) {
      expect(text).not.toContain(token);
      expect(text).not.toContain('wc_wrong_token_0000');
    }
    const history = gitIn(r.bare.dir, ['log', '-p', '--all', '--format=%H %an %ae%n%B']);
    expect(history).not.toContain(token);
    for (const { path, bytes } of allFiles(cache)) {
      expect(bytes.includes(token), path).toBe(false);
      expect(bytes.includes(Buffer.from(basic.slice(6))), path).toBe(false);
    }
  });

  it('keeps a write made while the remote is down, and sync lands it exactly once', async () => {
    const r = await remote();
    const cache = cacheDir();
    const e = env(cache);
    expect(
      (
        await runBin(
          ['say', 't', '--agent', 'Claude', '--title', 'one', '--body', 'one', '--git', r.url],
          { env: e },
        )
      ).code,
    ).toBe(0);
    await r.stop();
    const down = await runBin(
      ['say', 't', '--agent', 'Codex', '--title', 'two', '--body', 'two', '--json', '--git', r.url],
      { env: e },
    );
    expect(down.code, down.stderr).toBe(4);
    const result = JSON.parse(down.stdout) as { pending: boolean; entry_id: string };
    expect(result.pending).toBe(true);
    expect(down.stderr).toMatch(/outbox/);
    const status = await runBin(['status', '--json', '--git', r.url], { env: e });
    const shown = JSON.parse(status.stdout) as {
      pending: { op: { kind: string; topic: string } }[];
    };
    expect(shown.pending.map((p) => [p.op.kind, p.op.topic])).toEqual([['say', 't']]);
    const stillDown = await runBin(['sync', '--git', r.url], { env: e });
    expect(stillDown.code).toBe(4);

    await r.start();
    const synced = await runBin(['sync', '--json', '--git', r.url], { env: e });
    expect(synced.code, synced.stderr).toBe(0);
    const report = JSON.parse(synced.stdout) as {
      replayed: { entry_id: string }[];
      pending: unknown[];
    };
    expect(report.replayed.map((x) => x.entry_id)).toEqual([result.entry_id]);
    expect(report.pending).toEqual([]);
    expect((await runBin(['sync', '--git', r.url], { env: e })).code).toBe(0);
    const ids = entriesOf(r, 't');
    expect(ids).toHaveLength(2);
    expect(ids.filter((id) => id === result.entry_id)).toHaveLength(1);
  });

  it('counts a push whose answer was lost as done when retried with the same Entry-ID', async () => {
    const r = await remote();
    const cache = cacheDir();
    const e = env(cache);
    r.fault = { kind: 'drop-after-push' };
    const lost = await runBin(
      [
        'say',
        't',
        '--agent',
        'Claude',
        '--title',
        'once',
        '--body',
        'once',
        '--entry-id',
        ENTRY,
        '--git',
        r.url,
      ],
      { env: e },
    );
    expect(lost.code, lost.stderr).toBe(4);
    expect(entriesOf(r, 't')).toEqual([ENTRY]);
    r.fault = { kind: 'none' };
    const again = await runBin(
      [
        'say',
        't',
        '--agent',
        'Claude',
        '--title',
        'once',
        '--body',
        'once',
        '--entry-id',
        ENTRY,
        '--git',
        r.url,
      ],
      { env: e },
    );
    expect(again.code, again.stderr).toBe(0);
    expect((await runBin(['sync', '--git', r.url], { env: e })).code).toBe(0);
    expect(entriesOf(r, 't')).toEqual([ENTRY]);
  });

  it('survives a writer SIGKILLed between its push and the answer', async () => {
    const r = await remote();
    const cache = cacheDir();
    const e = env(cache);
    let pushed!: () => void;
    const landed = new Promise<void>((resolve) => (pushed = resolve));
    r.fault = { kind: 'hold-after-push', onPushed: () => pushed() };
    const args = [
      'say',
      't',
      '--agent',
      'Claude',
      '--title',
      'once',
      '--body',
      'once',
      '--entry-id',
      ENTRY,
      '--git',
      r.url,
    ];
    const child = spawn(process.execPath, [WATERCOOLER_BIN, ...args], { env: e, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('close', (_c, signal) => resolve(signal)),
    );
    await landed;
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    r.fault = { kind: 'none' };
    const again = await runBin(args, { env: e });
    expect(again.code, again.stderr).toBe(0);
    expect(entriesOf(r, 't')).toEqual([ENTRY]);
    const next = await runBin(
      ['say', 't', '--agent', 'Codex', '--title', 'next', '--body', 'next', '--git', r.url],
      { env: e },
    );
    expect(next.code, next.stderr).toBe(0);
    expect(entriesOf(r, 't')).toHaveLength(2);
  });
});
