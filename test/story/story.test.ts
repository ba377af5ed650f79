/**
 * SPEC §10, end to end with real parts: the scaffolder makes and pushes a threads repository whose
 * own Action is green on the first push; Alice's Claude Code and Bob's Codex (two SDK clients on two
 * `watercooler mcp --git` servers with their own clones) hold a conversation in which the ball
 * passes from one person to the other; a human adds a note from the command line; every push
 * passes the Action, and a force-pushed edit of an old entry turns it red on the file and line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_RELEASE_SPEC } from '../../cli/version.js';
import { ZERO, pushPayload, runAction } from '../action/harness.js';
import { createBareRemote } from '../helpers/git-remote.js';
import { cleanEnv, runBin, runNode } from '../helpers/run-bin.js';
import { call, data, stdioClient } from '../mcp/harness.js';

const CREATE_BIN = fileURLToPath(new URL('../../dist/create-watercooler.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'wc-story-'));
const remote = createBareRemote();
afterAll(() => {
  remote.remove();
  rmSync(work, { recursive: true, force: true });
});

const git = (cwd: string, args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** A fresh clone of the remote, as the Action's checkout (fetch-depth 0) sees it. */
function checkout(): string {
  const dir = mkdtempSync(join(work, 'checkout-'));
  execFileSync('git', ['clone', '--quiet', remote.dir, dir]);
  return dir;
}

describe('the story of SPEC §10', () => {
  it('plays from scaffold to a red Action', async () => {
    // 1. The threads repository, made and pushed; its own Action is green on the first push.
    const made = await runNode(
      [
        CREATE_BIN,
        'team-threads',
        '--yes',
        '--remote',
        remote.dir,
        '--agents',
        'Claude Code (alice),Codex (bob)',
      ],
      { cwd: work, env: cleanEnv() },
    );
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain(`${CLI_RELEASE_SPEC} mcp --git ${remote.dir}`);
    let ws = checkout();
    const first = git(ws, ['rev-parse', 'HEAD']);
    const green = runAction({
      workspace: ws,
      eventName: 'push',
      payload: pushPayload(ZERO, first, { commits: [first] }),
      sha: first,
    });
    expect(green.code, green.stdout).toBe(0);

    // 2. Alice and Bob register the server against the same remote, each with a clone of their own.
    const store = (who: string) => ['--git', remote.dir, '--clone-dir', join(work, `clone-${who}`)];
    const alice = await stdioClient('', {
      name: 'claude-code',
      env: { WATERCOOLER_USER: 'alice' },
      store: store('alice'),
    });
    const bob = await stdioClient('', {
      name: 'codex',
      env: { WATERCOOLER_USER: 'bob' },
      store: store('bob'),
    });
    expect(data<{ agent: string }>(await call(bob.client, 'watercooler_whoami')).agent).toBe(
      'Codex (bob)',
    );

    // Bob's agent is already waiting for the ball.
    const waiting = call(bob.client, 'watercooler_wait_for_ball', {
      topic: 'auth-refactor',
      timeout_seconds: 120,
    });

    // 3. Alice starts the thread; the ball goes to Bob's agent.
    const started = data<{ ball: string; entry_id: string }>(
      await call(alice.client, 'watercooler_say', {
        topic: 'auth-refactor',
        title: 'Refactor auth',
        body: 'Split token handling out of the login flow.',
        role: 'planner',
        entry_type: 'Plan',
      }),
    );
    expect(started.ball).toBe('Codex (bob)');
    expect(data<{ reason: string }>(await waiting).reason).toBe('ball');
    const mine = data<{ threads: Array<{ topic: string; is_your_turn: boolean }> }>(
      await call(bob.client, 'watercooler_list_threads', { format: 'json' }),
    );
    expect(mine.threads.find((t) => t.topic === 'auth-refactor')?.is_your_turn).toBe(true);

    // 4. Bob's agent reads (a pull happens) and replies with a plan; the ball goes back to Alice.
    const read = data<{ entries: Array<{ title: string }> }>(
      await call(bob.client, 'watercooler_read_thread', { topic: 'auth-refactor', format: 'json' }),
    );
    expect(read.entries.map((e) => e.title)).toEqual(['Refactor auth']);
    const reply = data<{ ball: string }>(
      await call(bob.client, 'watercooler_say', {
        topic: 'auth-refactor',
        title: 'Plan',
        body: '1. tokens.ts\n2. tests',
      }),
    );
    expect(reply.ball).toBe('Claude Code (alice)');
    await alice.close();
    await bob.close();

    // 5. A human sees both entries and who holds the ball, and adds a note.
    const env = cleanEnv({ WATERCOOLER_USER: 'dana', XDG_CACHE_HOME: join(work, 'cache-dana') });
    const listed = await runBin(['list', '--git', remote.dir, '--json'], { env });
    const row = (
      JSON.parse(listed.stdout) as Array<{ topic: string; entry_count: number; ball: string }>
    ).find((t) => t.topic === 'auth-refactor');
    expect(row).toMatchObject({ entry_count: 2, ball: 'Claude Code (alice)' });
    const noted = await runBin(
      [
        'ack',
        'auth-refactor',
        '--git',
        remote.dir,
        '--agent',
        'Dana',
        '--body',
        'Looks good to me.',
      ],
      { env },
    );
    expect(noted.code, noted.stderr).toBe(0);

    // 6. The Action passes every push since the first; a hand edit of an old entry, force-pushed, fails it.
    ws = checkout();
    const head = git(ws, ['rev-parse', 'HEAD']);
    const range = runAction({
      workspace: ws,
      eventName: 'push',
      payload: pushPayload(first, head),
      sha: head,
    });
    expect(range.code, range.stdout).toBe(0);
    expect(range.outputs['entries-added']).toBe('3');

    const file = join(ws, 'threads', 'auth-refactor.md');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('Split token handling', 'Rewrite everything'),
    );
    git(ws, ['commit', '--quiet', '-am', 'tidy up', '--amend']);
    git(ws, ['push', '--quiet', '--force', 'origin', 'HEAD:main']);
    const forced = git(ws, ['rev-parse', 'HEAD']);
    const red = runAction({
      workspace: ws,
      eventName: 'push',
      payload: pushPayload(head, forced, { forced: true }),
      sha: forced,
    });
    expect(red.code).not.toBe(0);
    expect(
      red.annotations.some((a) => a.file === 'threads/auth-refactor.md' && a.line !== undefined),
    ).toBe(true);
  }, 300_000);
});
