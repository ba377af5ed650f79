/**
 * A real terminal for the TUI's end-to-end tests: a private tmux server per test file, one
 * session at a chosen size, keys sent as tmux sends them, and the screen read back with
 * capture-pane (polled until a condition holds, never a fixed sleep).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Tmux {
  start: (command: string, size: { columns: number; rows: number }) => Promise<void>;
  screen: () => Promise<string>;
  waitForScreen: (check: (s: string) => boolean, what: string) => Promise<string>;
  /** Key names as tmux knows them (Enter, Escape, C-s, Tab). */
  keys: (...k: string[]) => Promise<unknown>;
  /** Text sent literally, in one write (a burst, as a fast typist or key repeat gives). */
  type: (text: string) => Promise<unknown>;
  kill: () => Promise<void>;
}

export function tmux(name: string): Tmux {
  const socket = `wc-${name}-${process.pid}`;
  const t = (...args: string[]) =>
    run('tmux', ['-L', socket, ...args], { encoding: 'utf8', timeout: 10_000 });
  const screen = async () => (await t('capture-pane', '-p', '-t', 'tui')).stdout;
  return {
    start: async (command, size) => {
      await t(
        'new-session',
        '-d',
        '-s',
        'tui',
        '-x',
        String(size.columns),
        '-y',
        String(size.rows),
        command,
      );
    },
    screen,
    waitForScreen: async (check, what) => {
      let last = '';
      for (let i = 0; i < 600; i++) {
        last = await screen();
        if (check(last)) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`Timed out waiting for ${what}; screen:\n${last}`);
    },
    keys: (...k) => t('send-keys', '-t', 'tui', ...k),
    type: (text) => t('send-keys', '-t', 'tui', '-l', '--', text),
    kill: async () => {
      await t('kill-server').catch(() => undefined);
    },
  };
}

/**
 * `watercooler tui --threads-dir DIR/threads --agent Human` as carol, with HOME and the state
 * under DIR, as a shell-quoted `env -i …` command line (`extra` adds variables, e.g. EDITOR).
 */
export function localTui(bin: string, dir: string, extra: Record<string, string> = {}): string {
  const env = {
    HOME: dir,
    PATH: process.env.PATH ?? '',
    TERM: 'xterm-256color',
    WATERCOOLER_USER: 'carol',
    XDG_STATE_HOME: join(dir, 'state'),
    ...extra,
  };
  const args = ['tui', '--threads-dir', join(dir, 'threads'), '--agent', 'Human'];
  return tuiCommand(process.execPath, bin, env, args);
}

/** A shell-quoted `env -i … node watercooler …` command line. */
function tuiCommand(node: string, bin: string, env: Record<string, string>, args: string[]) {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const vars = Object.entries(env).map(([k, v]) => q(`${k}=${v}`));
  return `env -i ${vars.join(' ')} ${q(node)} ${q(bin)} ${args.map(q).join(' ')}`;
}
