/**
 * Writes from the TUI: one at a time, through the store, with what happened on the status line
 * (working…, done with the ball, PENDING in the offline outbox, FAILED with the reason). The caller
 * keeps what it sent (the draft) until a write succeeds.
 */
import { useState } from 'react';
import type { Operation, ThreadStore, WriteResult } from '../../core/index.js';
import type { Notice } from './Footer.js';
import { describeError } from './format.js';

export interface Writes {
  busy: boolean;
  notice: Notice | null;
  setNotice: (n: Notice | null) => void;
  /** On a key press: "done" and other good news have been read; errors and pending stay. */
  age: () => void;
  /** Applies `op`; null when it failed (the notice says why). */
  write: (op: Operation, label: string) => Promise<WriteResult | null>;
}

export function failure(label: string, err: unknown): Notice {
  const { message, hint } = describeError(err);
  return { kind: 'error', text: `${label} FAILED: ${message}${hint === null ? '' : ` — ${hint}`}` };
}

export function useWrites(store: ThreadStore, onWritten: () => void): Writes {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const write = async (op: Operation, label: string): Promise<WriteResult | null> => {
    setBusy(true);
    setNotice({ kind: 'busy', text: `${label}…` });
    try {
      const r = await store.apply(op);
      setNotice(
        r.pending
          ? {
              kind: 'pending',
              text: `${label}: PENDING — kept in the offline outbox; it is pushed with the next write. Ball → ${r.ball}`,
            }
          : { kind: 'ok', text: `${label}: done · ball → ${r.ball} · ${r.status}` },
      );
      onWritten();
      return r;
    } catch (err) {
      setNotice(failure(label, err));
      return null;
    } finally {
      setBusy(false);
    }
  };
  const age = () =>
    setNotice((n) => (n !== null && (n.kind === 'ok' || n.kind === 'info') ? null : n));
  return { busy, notice, setNotice, age, write };
}
