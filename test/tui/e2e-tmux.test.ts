/**
 * The TUI end to end in a real terminal (SPEC §8): tmux runs the built `watercooler tui --git
 * <loopback HTTP remote>` at 80×24; another process says on the thread meanwhile and the TUI
 * shows the new entry without a key press (it polls the remote); a reply typed through
 * send-keys lands on the remote with the right ball (a human has no counterpart, so the ball
 * goes to the last other author); capture-pane shows a readable 80×24 screen; q quits with 0.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseThread } from '../../core/index.js';
import { type HttpRemote, remoteFile, startHttpRemote } from '../helpers/git-remote.js';
import { WATERCOOLER_BIN, cleanEnv } from '../helpers/run-bin.js';
import { tmux } from './tmux.js';

const run = promisify(execFile);
const term = tmux('tui-e2e');
const { waitForScreen, keys, type } = term;

let remote: HttpRemote;
let home: string;

/** The CLI as another person on another machine: their own clone of the remote. */
async function cli(who: string, ...args: string[]) {
  const env = cleanEnv({
    WATERCOOLER_USER: 'bob',
    XDG_CACHE_HOME: join(home, `cache-${who}`),
    HOME: home,
  });
  return run(process.execPath, [WATERCOOLER_BIN, ...args, '--git', remote.url], {
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

beforeAll(async () => {
  remote = await startHttpRemote();
  home = mkdtempSync(join(tmpdir(), 'wc-tui-e2e-'));
  await run('git', ['config', '--global', 'user.name', 'E2E'], {
    env: { ...process.env, HOME: home },
  });
  await run('git', ['config', '--global', 'user.email', 'e2e@example.com'], {
    env: { ...process.env, HOME: home },
  });
});

afterAll(async () => {
  await term.kill();
  await remote?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('watercooler tui in tmux against a git remote', () => {
  it('shows live entries, sends a reply with the right ball, fits 80×24, quits cleanly', async () => {
    await cli(
      'claude',
      'say',
      'auth-refactor',
      '--agent',
      'Claude',
      '--title',
      'Plan',
      '--body',
      '# Plan\n\n- JWT sessions\n- keep cookies',
    );
    await cli(
      'codex',
      'say',
      'auth-refactor',
      '--agent',
      'Codex',
      '--title',
      'Review',
      '--body',
      'Looks fine to me.',
    );

    const env = [
      `HOME=${home}`,
      `PATH=${process.env.PATH ?? ''}`,
      'TERM=xterm-256color',
      'WATERCOOLER_USER=carol',
      `XDG_CACHE_HOME=${join(home, 'cache-tui')}`,
      `XDG_STATE_HOME=${join(home, 'state')}`,
    ];
    const command = `env -i ${env.map((e) => `'${e}'`).join(' ')} '${process.execPath}' '${WATERCOOLER_BIN}' tui --git '${remote.url}' --agent Human --poll 300; echo "TUI-EXIT=$?"; sleep 120`;
    await term.start(command, { columns: 80, rows: 24 });

    let s = await waitForScreen((x) => x.includes('auth-refactor'), 'the thread list');
    expect(s).toMatch(/auth-refactor\s+OPEN\s+Claude \(bob\)\s+2\s/);
    await keys('Enter');
    s = await waitForScreen((x) => x.includes('Looks fine to me.'), 'the thread view');
    expect(s).toContain('• JWT sessions');

    // Another process writes; no key is pressed here.
    await cli(
      'claude',
      'say',
      'auth-refactor',
      '--agent',
      'Claude',
      '--title',
      'Live',
      '--body',
      'Pushed while the TUI was open.',
    );
    s = await waitForScreen((x) => x.includes('Pushed while the TUI was open.'), 'the live entry');
    expect(s).toContain('#2 Claude (bob)');

    // A reply typed in the terminal.
    await keys('r');
    await waitForScreen((x) => x.includes('Reply to “auth-refactor”'), 'the composer');
    await type('Human note');
    await keys('Tab', 'Tab', 'Tab');
    await type('Typed in tmux.');
    await keys('Enter');
    await type('- second line');
    await waitForScreen((x) => x.includes('- second line'), 'the typed body');
    await keys('C-s');
    s = await waitForScreen(
      (x) => x.includes('Reply to auth-refactor: done'),
      'the send to finish',
    );
    expect(s).toContain('ball → Claude (bob)');

    const file = remoteFile(remote.bare.dir, 'threads/auth-refactor.md');
    expect(file).not.toBeNull();
    const thread = parseThread(file ?? '');
    const last = thread.entries.at(-1);
    expect(last).toMatchObject({
      agent: 'Human (carol)',
      title: 'Human note',
      body: 'Typed in tmux.\n- second line',
    });
    // A human has no registry counterpart: the ball goes to the last other author.
    expect(thread.header.ball).toBe('Claude (bob)');

    // The screen a person sees: 24 rows of at most 80 columns, header and key hints on it.
    s = await waitForScreen((x) => x.includes('• second line'), 'the reply in the view');
    const rows = s.replace(/\n$/, '').split('\n');
    expect(rows.length).toBe(24);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(80);
    expect(rows[0]).toContain('Watercooler · auth-refactor · OPEN · ball Claude (bob)');
    expect(s).toContain('r reply');
    expect(s).not.toContain('\u001B');

    await keys('q');
    await waitForScreen((x) => x.includes('TOPIC'), 'the list');
    await keys('q');
    s = await waitForScreen((x) => x.includes('TUI-EXIT='), 'the TUI to exit');
    expect(s).toContain('TUI-EXIT=0');
  }, 240_000);
});
