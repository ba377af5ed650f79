import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * V8's full collection, obtained once. Node exposes it only with --expose-gc, which a bin run
 * by `npx` cannot pass; V8 lets the flag be set at run time and a fresh context then sees it.
 */
function fullGc(): (() => void) | null {
  if (collect !== undefined) return collect;
  const own = (globalThis as { gc?: () => void }).gc;
  if (typeof own === 'function') return (collect = own);
  try {
    setFlagsFromString('--expose-gc');
    const found: unknown = runInNewContext('gc');
    collect = typeof found === 'function' ? (found as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/**
 * Abandoned sessions die in a quiet server: nothing allocates afterwards, so V8 never collects
 * them and their few hundred KB each stay resident. After closing sessions the sweep calls this
 * on its next few runs; each full collection lets V8 hand more of the freed pages back.
 */
export class Reclaimer {
  private remaining = 0;

  /** Sessions were closed: collect on the next five calls of `tick`. */
  request(): void {
    this.remaining = 5;
  }

  tick(): void {
    if (this.remaining === 0) return;
    this.remaining--;
    fullGc()?.();
  }
}
