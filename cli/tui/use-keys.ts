/**
 * Key routing. ink's `useInput` subscribes in a passive effect, and React may run that effect
 * well after the frame is on screen (seen: a screen that appeared after an async read kept the
 * previous screen's handler until the next render). A user — or tmux send-keys — typing at once
 * would then talk to a screen that is gone. So the App subscribes once, and each screen hands
 * its handler over while it renders: the keys always reach what is on screen.
 */
import { type Key, useInput } from 'ink';
import { createContext, useCallback, useContext, useRef } from 'react';

export type KeyHandler = (input: string, key: Key) => void;
export type KeyRouter = { current: KeyHandler | null };

export const KeyRouterContext = createContext<KeyRouter | null>(null);

/** The App's single subscription; returns the router screens register with. */
export function useKeyRouter(isActive: boolean): KeyRouter {
  const router = useRef<KeyHandler | null>(null);
  const dispatch = useCallback((input: string, key: Key) => router.current?.(input, key), []);
  useInput(dispatch, { isActive });
  return router;
}

/** A screen's keys: active while `isActive`, always with this render's handler. */
export function useKeys(handler: KeyHandler, options: { isActive: boolean }): void {
  const router = useContext(KeyRouterContext);
  if (router !== null && options.isActive) router.current = handler;
  const latest = useRef(handler);
  latest.current = handler;
  const stable = useCallback((input: string, key: Key) => latest.current(input, key), []);
  // Outside an App (a component rendered alone) fall back to ink's own subscription.
  useInput(stable, { isActive: router === null && options.isActive });
}
