/**
 * Renders the TUI on a terminal: the alternate screen (so quitting restores the shell's screen),
 * the user's state folder and colour choice from the environment, and cleanup on exit.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink';
import type { ThreadStore } from '../../core/index.js';
import { App } from './App.js';
import { MOUSE_OFF, MOUSE_ON, externalEditor } from './external-editor.js';

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
function stateDirFor(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_STATE_HOME;
  return join(
    xdg !== undefined && xdg.trim() !== '' ? xdg : join(env.HOME ?? homedir(), '.local', 'state'),
    'watercooler',
  );
}

/** no-color.org: colour is off when NO_COLOR is present and not empty. */
function colorWanted(env: NodeJS.ProcessEnv): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}

/**
 * The store as the App sees it, closed off once the App has exited: React may run the effects'
 * cleanups (the poll interval) after the caller closed the store, and a poll then would start
 * new git processes that keep the process alive. Calls after the exit never settle and hold nothing.
 */
function gated(store: ThreadStore): { store: ThreadStore; shut: () => Promise<void> } {
  let open = true;
  // Calls still running at exit (a poll's fetch) are awaited before the caller closes the store,
  // or they would go on to start processes on a closed store.
  const inFlight = new Set<Promise<unknown>>();
  const gate =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (!open) return new Promise<R>(() => undefined);
      const call = fn(...args);
      inFlight.add(call);
      const forget = () => inFlight.delete(call);
      call.then(forget, forget);
      return call;
    };
  return {
    store: {
      info: store.info,
      list: gate(() => store.list()),
      read: gate((topic: string) => store.read(topic)),
      apply: gate((op: Parameters<ThreadStore['apply']>[0]) => store.apply(op)),
      config: gate(() => store.config()),
      sync: gate(() => store.sync()),
      pending: gate(() => store.pending()),
      close: async () => undefined,
    },
    shut: async () => {
      open = false;
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** Runs until the user quits (q on the list, or Ctrl+C; SIGTERM and SIGHUP end it too). */
export async function runTui(options: TuiOptions): Promise<void> {
  const { stdout } = options;
  const { store, shut } = gated(options.store);
  // The alternate screen, and mouse reports (wheel and clicks; SGR encoding, any width).
  stdout.write(`\u001B[?1049h\u001B[H${MOUSE_ON}`);
  const instance = render(
    <App
      store={store}
      me={options.me}
      stateDir={stateDirFor(options.env)}
      color={colorWanted(options.env)}
      editor={externalEditor(options.env, options.stdin, stdout)}
      {...(options.pollMs === undefined ? {} : { pollMs: options.pollMs })}
    />,
    // Ctrl+C is the App's: over a draft it asks first, and it saves drafts before quitting.
    { stdin: options.stdin, stdout, exitOnCtrlC: false, patchConsole: true },
  );
  // A closed terminal or a kill: unmount, so the drafts are saved on the way out.
  const stop = () => instance.unmount();
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGHUP', stop);
    instance.cleanup();
    stdout.write(`${MOUSE_OFF}\u001B[?1049l`);
    await shut();
    // ink leaves stdin flowing; paused, it no longer keeps the process alive.
    options.stdin.pause();
  }
}
