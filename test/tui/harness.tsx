/**
 * Renders the TUI's App with ink-testing-library against a real local store in a temp folder
 * (no mocks of core), at a chosen terminal size, with helpers to type keys and wait for frames.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { onTestFinished } from 'vitest';
import { type Operation, type ThreadStore, openStore } from '../../core/index.js';
import { App, type Props } from '../../cli/tui/App.js';

export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  ctrlS: '\u0013',
  ctrlX: '\u0018',
  ctrlC: '\u0003',
  ctrlG: '\u0007',
  ctrlU: '\u0015',
} as const;

/** A fixed clock: frames do not depend on when the test runs. */
export const NOW = new Date('2026-11-20T12:00:00Z');
let tick = 0;
const clock = () => new Date(NOW.getTime() + tick++ * 1000);

export interface Workspace {
  dir: string;
  threadsDir: string;
  stateDir: string;
  store: ThreadStore;
  /** Applies operations through the store (another writer, as far as the App knows). */
  write: (...ops: Operation[]) => Promise<void>;
}

export async function workspace(): Promise<Workspace> {
  const dir = mkdtempSync(join(tmpdir(), 'wc-tui-'));
  const threadsDir = join(dir, 'threads');
  const store = await openStore({
    kind: 'local',
    threadsDir,
    context: { user: 'alice', now: clock },
  });
  onTestFinished(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    threadsDir,
    stateDir: join(dir, 'state'),
    store,
    write: async (...ops) => {
      for (const op of ops) await store.apply(op);
    },
  };
}

export type Rendered = ReturnType<typeof render> & {
  /** The latest frame (throws if none). */
  frame: () => string;
  /** Waits until the latest frame satisfies `check` (bounded: fails with the last frame). */
  waitFor: (
    check: string | RegExp | ((frame: string) => boolean),
    what?: string,
  ) => Promise<string>;
  /** Types keys one by one, waiting a turn between them so each is its own key press. */
  press: (...keys: string[]) => Promise<void>;
};

export async function renderApp(
  props: Partial<Props> & Pick<Props, 'store'>,
  size: { columns: number; rows: number } = { columns: 80, rows: 24 },
): Promise<Rendered> {
  const instance = render(
    <App me="Human (alice)" stateDir={null} now={() => NOW} pollMs={0} color={false} {...props} />,
  );
  onTestFinished(() => instance.unmount());
  resize(instance, size);
  const frame = () => instance.lastFrame() ?? '';
  const waitFor: Rendered['waitFor'] = async (check, what) => {
    const test =
      typeof check === 'string'
        ? (f: string) => f.includes(check)
        : check instanceof RegExp
          ? (f: string) => check.test(f)
          : check;
    for (let i = 0; i < 500; i++) {
      if (test(frame())) return frame();
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`Timed out waiting for ${what ?? String(check)}; last frame:\n${frame()}`);
  };
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      instance.stdin.write(key);
      await new Promise((r) => setTimeout(r, 15));
    }
  };
  // Let effects (input listeners, the first list) run before the test types.
  await new Promise((r) => setTimeout(r, 20));
  return Object.assign(instance, { frame, waitFor, press });
}

/** Gives the fake terminal a size and tells ink (and the App) it changed. */
export function resize(
  instance: ReturnType<typeof render>,
  size: { columns: number; rows: number },
): void {
  Object.defineProperty(instance.stdout, 'columns', {
    configurable: true,
    get: () => size.columns,
  });
  Object.defineProperty(instance.stdout, 'rows', { configurable: true, get: () => size.rows });
  instance.stdout.emit('resize');
}

/** A `say` with sensible defaults. */
export function say(
  topic: string,
  agent: string,
  title: string,
  body: string,
  extra: Partial<Operation> = {},
): Operation {
  return { kind: 'say', topic, agent, title, body, ...extra } as Operation;
}
