/**
 * `useInput` that always runs the latest render's handler. ink re-subscribes a new handler in an
 * effect, which can run after the next key press has arrived (a fast typist, a paste, tmux
 * send-keys): that key would reach a handler holding the previous frame's rows and callbacks.
 */
import { type Key, useInput } from 'ink';
import { useCallback } from 'react';
import { useLatest } from './use-sync-state.js';

export function useKeys(
  handler: (input: string, key: Key) => void,
  options: { isActive: boolean },
): void {
  const latest = useLatest(handler);
  const stable = useCallback((input: string, key: Key) => latest.current(input, key), [latest]);
  useInput(stable, options);
}
