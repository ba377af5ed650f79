/**
 * Key routing. ink's `useInput` subscribes in a passive effect, and React may run that effect
 * well after the frame is on screen (seen: a screen that appeared after an async read kept the
 * previous screen's handler until the next render). A user — or tmux send-keys — typing at once
 * would then talk to a screen that is gone. So the App subscribes once, and each screen hands
 * its handler over while it renders: the keys always reach what is on screen. (The App must not
 * clear the handler in its own render: React may run the App and bail out without re-rendering
 * the screens below, which would leave nobody listening. That was seen, with a 300 ms poll.)
 */
import { type Key, useInput } from 'ink';
import { createContext, useCallback, useContext, useEffect, useRef } from 'react';

export type KeyHandler = (input: string, key: Key) => void;
export type KeyRouter = { current: { owner: object; handler: KeyHandler } | null };

export const KeyRouterContext = createContext<KeyRouter | null>(null);

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** The key a lone control character stands for. */
function controlKey(ch: string): [string, Key] {
  const code = ch.charCodeAt(0);
  if (ch === '\t') return ['', { ...NO_KEY, tab: true }];
  if (ch === '\r' || ch === '\n') return ['', { ...NO_KEY, return: true }];
  if (code === 0x7f || code === 0x08) return ['', { ...NO_KEY, backspace: true }];
  if (code === 0x1b) return ['', { ...NO_KEY, escape: true, meta: true }];
  return [String.fromCharCode(code + 96), { ...NO_KEY, ctrl: true }];
}

/**
 * ink hands over several keys that arrive in one read (tmux send-keys, key repeat while a frame
 * renders, a fast typist, a paste) as one string: `jjjjj` would reach a screen as one "key" that
 * is no command at all, and the moves were lost. Every character is a key press of its own;
 * control characters among them become the keys they stand for (Tab, Enter, Backspace, Ctrl+S).
 * A paste then arrives as single characters too, which the editor inserts one by one.
 */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
  if (input.length <= 1 || key.ctrl || key.meta) return [[input, key]];
  const chars = Array.from(input);
  if (chars.length === 1) return [[input, key]];
  const isControl = (c: string) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;
  return chars.map((c) =>
    isControl(c) ? controlKey(c) : [c, { ...NO_KEY, shift: c !== c.toLowerCase() }],
  );
}

/**
 * The App's single subscription; returns the router screens register with. `intercept` sees
 * every key first (Ctrl+C) and returns true when it took it.
 */
export function useKeyRouter(
  isActive: boolean,
  intercept: (input: string, key: Key) => boolean,
): KeyRouter {
  const router: KeyRouter = useRef<KeyRouter['current']>(null);
  const first = useRef(intercept);
  first.current = intercept;
  const dispatch = useCallback((input: string, key: Key) => {
    for (const [i, k] of splitKeys(input, key)) {
      if (!first.current(i, k)) router.current?.handler(i, k);
    }
  }, []);
  useInput(dispatch, { isActive });
  return router;
}

/** A screen's keys: active while `isActive`, always with this render's handler. */
export function useKeys(handler: KeyHandler, options: { isActive: boolean }): void {
  const router = useContext(KeyRouterContext);
  const owner = useRef({});
  // Set while rendering, not in an effect: the screen on display owns the keys from its first frame.
  if (router !== null && options.isActive) router.current = { owner: owner.current, handler };
  useEffect(
    () => () => {
      if (router?.current?.owner === owner.current) router.current = null;
    },
    [router],
  );
  const latest = useRef(handler);
  latest.current = handler;
  const stable = useCallback((input: string, key: Key) => latest.current(input, key), []);
  // Outside an App (a component rendered alone) fall back to ink's own subscription.
  useInput(stable, { isActive: router === null && options.isActive });
}
