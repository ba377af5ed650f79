/**
 * Key routing. ink's `useInput` subscribes in a passive effect, and React may run that effect
 * well after the frame is on screen (seen: a screen that appeared after an async read kept the
 * previous screen's handler until the next render). A user — or tmux send-keys — typing at once
 * would then talk to a screen that is gone. So the App subscribes once, and each screen hands
 * its handler over while it renders: the keys always reach what is on screen. (The App must not
 * clear the handler in its own render: React may run the App and bail out without re-rendering
 * the screens below, which would leave nobody listening. That was seen, with a 300 ms poll.)
 */
import { type Key, useInput, useStdin } from 'ink';
import { createContext, useCallback, useContext, useEffect, useRef } from 'react';

export type KeyHandler = (input: string, key: Key) => void;
/** A mouse event: the wheel, or a press of the left button at a cell (1-based, as reported). */
export type MouseEvent = { kind: 'wheel'; by: -1 | 1 } | { kind: 'click'; x: number; y: number };
export type MouseHandler = (event: MouseEvent) => void;
export type KeyRouter = {
  current: { owner: object; handler: KeyHandler; onMouse: MouseHandler | undefined } | null;
  /** Keys held back while the screen changes (null: none held). */
  held: Array<[string, Key]> | null;
  /** True while the screen on display stands in for one being loaded: keys wait for that one. */
  waiting: boolean;
  /** Hands the held keys to the screen on display (unless it is waiting). */
  release: () => void;
};

// SGR mouse reports (mode 1006): ESC [ < button ; x ; y M (press) or m (release).
// eslint-disable-next-line no-control-regex -- the report starts with ESC
const MOUSE = /^\u001B?\[<(\d+);(\d+);(\d+)([Mm])$/;

/** The mouse event a raw input stands for; null when it is not one we act on. */
function parseMouse(raw: string): MouseEvent | null | 'ignored' {
  const m = MOUSE.exec(raw);
  if (m === null) return null;
  const button = Number(m[1]);
  if (button === 64 || button === 65) return { kind: 'wheel', by: button === 64 ? -1 : 1 };
  if (button === 0 && m[4] === 'M') return { kind: 'click', x: Number(m[2]), y: Number(m[3]) };
  return 'ignored';
}

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
): { router: KeyRouter; hold: () => void } {
  const router = useRef<KeyRouter>({
    current: null,
    held: null,
    waiting: false,
    release: () => undefined,
  }).current;
  const first = useRef(intercept);
  first.current = intercept;
  const deliver = useCallback(
    (input: string, key: Key) => {
      // Ctrl+C never waits: quitting works while a screen loads.
      if (router.held !== null && !(key.ctrl && input === 'c')) router.held.push([input, key]);
      else if (!first.current(input, key)) router.current?.handler(input, key);
    },
    [router],
  );
  const release = useCallback(() => {
    if (router.waiting) return;
    const keys = router.held;
    router.held = null;
    for (const [i, key] of keys ?? []) deliver(i, key);
  }, [router, deliver]);
  router.release = release;
  // After each commit the screen on display has registered: hand it the keys held for it.
  useEffect(() => {
    if (router.held !== null) release();
  });
  const dispatch = useCallback(
    (input: string, key: Key) => {
      // A mouse report reaches useInput as text ("[<64;10;5M"): never let it type, or its M
      // would mark everything read. The raw listener below acts on it.
      if (parseMouse(input) !== null) return;
      for (const [i, key2] of splitKeys(input, key)) deliver(i, key2);
    },
    [deliver],
  );
  useInput(dispatch, { isActive });
  // What useInput cannot tell apart: Esc Esc in one read (ink makes it one Alt+Esc, and the
  // second Esc was lost) and mouse reports. Both are seen here, in the raw input.
  const { internal_eventEmitter: events } = useStdin();
  useEffect(() => {
    if (!isActive) return;
    const onRaw = (raw: string) => {
      if (raw === '\u001B\u001B') return deliver('', { ...NO_KEY, escape: true, meta: true });
      const mouse = parseMouse(raw);
      if (mouse !== null && mouse !== 'ignored') router.current?.onMouse?.(mouse);
    };
    events.on('input', onRaw);
    return () => {
      events.off('input', onRaw);
    };
  }, [events, isActive, deliver, router]);
  /**
   * Called before the screen changes: keys after this one wait for the new screen (a key that
   * opens a screen and the next key typed at once, or Esc Esc, went to the old one).
   */
  const hold = useCallback(() => {
    if (router.held !== null) return;
    router.held = [];
    // Should no frame follow (nothing changed after all), the keys are not kept forever.
    setTimeout(release, 100).unref?.();
  }, [router, release]);
  return { router, hold };
}

/** How long keys wait for a screen being loaded before the stand-in gets them (q goes back). */
const WAIT_MS = 2_000;

/**
 * For a stand-in screen ("Loading…"): while `waiting`, keys wait for the screen being loaded, so
 * Enter then `r` typed at once replies instead of reaching "Loading…". Bounded: a read that hangs
 * hands them over after a while.
 */
export function useWaitForScreen(waiting: boolean): void {
  const router = useContext(KeyRouterContext);
  const expired = useRef(false);
  // Set while rendering, not in an effect: a key that arrives before the effects run waits too
  // (under load the screen-change hold ran out first, and the keys went to "Loading…").
  if (router !== null && waiting && !expired.current) {
    router.waiting = true;
    router.held ??= [];
  }
  useEffect(() => {
    if (router === null || !waiting) return;
    const timer = setTimeout(() => {
      expired.current = true;
      router.waiting = false;
      router.release();
    }, WAIT_MS);
    timer.unref?.();
    // The App's next commit hands the keys to the screen that replaced this one.
    return () => {
      clearTimeout(timer);
      router.waiting = false;
    };
  }, [router, waiting]);
}

/** A screen's keys (and mouse): active while `isActive`, always with this render's handlers. */
export function useKeys(
  handler: KeyHandler,
  options: { isActive: boolean; onMouse?: MouseHandler },
): void {
  const router = useContext(KeyRouterContext);
  const owner = useRef({});
  // Set while rendering, not in an effect: the screen on display owns the keys from its first frame.
  if (router !== null && options.isActive)
    router.current = { owner: owner.current, handler, onMouse: options.onMouse };
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
