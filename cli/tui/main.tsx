/**
 * Renders the TUI on a terminal: the alternate screen (so quitting restores the shell's screen),
 * the user's state folder and colour choice from the environment, and cleanup on exit.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink';
import type { ThreadStore } from '../../core/index.js';
import { App } from './App.js';

export interface TuiOptions {
  store: ThreadStore;
  /** The user's agent name, canonical: `Name (user)`. */
  me: string;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** Poll interval in ms (`--poll`); the App picks a default per store kind. */
  pollMs?: number;
}

/** `$XDG_STATE_HOME/watercooler`, else `~/.local/state/watercooler`. */
export function stateDirFor(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_STATE_HOME;
  return join(
    xdg !== undefined && xdg.trim() !== '' ? xdg : join(env.HOME ?? homedir(), '.local', 'state'),
    'watercooler',
  );
}

/** no-color.org: colour is off when NO_COLOR is present and not empty. */
export function colorWanted(env: NodeJS.ProcessEnv): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}

/** Runs until the user quits (q on the list, or Ctrl+C). */
export async function runTui(options: TuiOptions): Promise<void> {
  const { stdout } = options;
  stdout.write('\u001B[?1049h\u001B[H');
  const instance = render(
    <App
      store={options.store}
      me={options.me}
      stateDir={stateDirFor(options.env)}
      color={colorWanted(options.env)}
      {...(options.pollMs === undefined ? {} : { pollMs: options.pollMs })}
    />,
    { stdin: options.stdin, stdout, exitOnCtrlC: true, patchConsole: true },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
    stdout.write('\u001B[?1049l');
    // ink leaves stdin flowing; paused, it no longer keeps the process alive.
    options.stdin.pause();
  }
}
