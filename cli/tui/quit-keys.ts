/**
 * Quitting (q, Ctrl+C), and what the key router runs before any screen sees a key: every key
 * ages the status line's good news, and Ctrl+C quits from anywhere.
 */
import type { Key } from 'ink';
import { type Draft, isDirty } from './draft.js';
import type { Route } from './route.js';
import type { Drafts } from './use-drafts.js';
import type { SyncState } from './use-sync-state.js';
import type { Writes } from './use-writes.js';

export function quitKeys(
  exit: () => void,
  drafts: Drafts,
  draftSlot: SyncState<Draft | null>,
  route: Route,
  writes: Writes,
) {
  const quit = () => {
    drafts.flush();
    exit();
  };
  // Ctrl+C: quits at once, except over a draft, which asks first (the draft is saved either way).
  const intercept = (input: string, key: Key): boolean => {
    writes.age();
    if (!(key.ctrl && input === 'c')) return false;
    const d = draftSlot.get();
    if (route.kind === 'compose' && isDirty(d) && d !== null && d.confirm !== 'quit') {
      draftSlot.set({ ...d, confirm: 'quit' });
      return true;
    }
    quit();
    return true;
  };
  return { quit, intercept };
}
