/**
 * State whose latest value is readable at once. Key handlers run once per key press, and a fast
 * typist (or a paste, or tmux send-keys) sends the next key before React re-renders: a handler
 * that read its state from the last render would act on a stale value and drop keystrokes. So
 * handlers read `get()` and write `set()`, which update a ref synchronously; rendering uses `value`.
 */
import { useCallback, useRef, useState } from 'react';

export interface SyncState<T> {
  value: T;
  get: () => T;
  set: (next: T | ((prev: T) => T)) => void;
}

export function useSyncState<T>(initial: T | (() => T)): SyncState<T> {
  const [value, setValue] = useState(initial);
  const ref = useRef(value);
  const get = useCallback(() => ref.current, []);
  const set = useCallback((next: T | ((prev: T) => T)) => {
    ref.current = typeof next === 'function' ? (next as (prev: T) => T)(ref.current) : next;
    setValue(ref.current);
  }, []);
  return { value, get, set };
}
