/**
 * mergeThreads(base, ours, theirs), the pure merge of two versions of one thread. Pins:
 * - both sides appended: every entry of both once, ours first then theirs' (so ours reads as a
 *   pure append), each after its own `---`, and the file passes the validator;
 * - an entry both sides hold (same Entry-ID) is kept once; identical sides or an untouched side
 *   give the other side as it is;
 * - Status:/Ball: are merged three-way; when both changed, the side with the newest entry wins;
 * - a side that rewrote the base is refused (a conflict), nothing guessed;
 * - two new threads of the same topic (empty base) keep ours' header and both sides' entries.
 */
import { describe, expect, it } from 'vitest';
import {
  type Operation,
  applyOperation,
  mergeThreads,
  parseThread,
  validateChange,
} from '../../core/index.js';
import { checkAppendOnly } from '../../core/validate/index.js';
import { CONTEXT, say } from '../helpers/thread-repo.js';

const apply = (text: string | null, op: Operation): string =>
  applyOperation(text, op, CONTEXT).text;
const ids = (text: string) => parseThread(text).entries.map((e) => e.title);

function forked() {
  let base = apply(null, say('auth', 0));
  base = apply(base, say('auth', 1));
  const ours = apply(base, say('auth', 2, { agent: 'Claude', title: 'Ours', ball: 'Codex' }));
  const theirs = apply(base, say('auth', 3, { agent: 'Codex', title: 'Theirs', ball: 'Amy' }));
  return { base, ours, theirs };
}

describe('mergeThreads', () => {
  it('keeps every entry of both sides once, ours first, and the result is a clean append to ours', () => {
    const { base, ours, theirs } = forked();
    const merged = mergeThreads(base, ours, theirs);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.added).toBe(1);
    expect(ids(merged.text)).toEqual(['Entry 0', 'Entry 1', 'Ours', 'Theirs']);
    expect(checkAppendOnly(ours, merged.text, 'auth.md').issues).toEqual([]);
    expect(validateChange(base, merged.text, 'auth.md').issues).toEqual([]);
    expect(merged.text).toContain('-->\n\n---\nEntry: Codex');
    expect(merged.text.endsWith('-->\n')).toBe(true);
    // Theirs wrote the newest entry: its Ball wins.
    expect(parseThread(merged.text).header.ball).toBe('Amy');
    expect(merged.text.match(/^Ball:/gm)).toHaveLength(1);
  });

  it('takes Ball from ours when ours wrote the newest entry', () => {
    const { base, theirs } = forked();
    const ours = apply(
      apply(base, say('auth', 4, { title: 'Late', ball: 'Codex' })),
      say('auth', 5, { agent: 'Claude', title: 'Later', ball: 'Zed' }),
    );
    const merged = mergeThreads(base, ours, theirs);
    expect(merged.ok && parseThread(merged.text).header.ball).toBe('Zed');
  });

  it('merges Status three-way: a change on one side only is kept', () => {
    const { base, ours } = forked();
    const theirs = apply(base, { kind: 'set-status', topic: 'auth', status: 'in_review' });
    const merged = mergeThreads(base, ours, theirs);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(parseThread(merged.text).header.status).toBe('IN_REVIEW');
    expect(ids(merged.text)).toEqual(['Entry 0', 'Entry 1', 'Ours']);
    expect(checkAppendOnly(ours, merged.text, 'auth.md').issues).toEqual([]);
  });

  it('keeps an entry both sides hold once', () => {
    const { base, ours } = forked();
    const theirs = apply(ours, say('auth', 6, { title: 'After' }));
    const merged = mergeThreads(base, ours, theirs);
    expect(merged.ok && ids(merged.text)).toEqual(['Entry 0', 'Entry 1', 'Ours', 'After']);
  });

  it('gives the other side back when one is untouched or both are the same', () => {
    const { base, ours, theirs } = forked();
    expect(mergeThreads(base, ours, base)).toEqual({ ok: true, text: ours, added: 0 });
    expect(mergeThreads(base, base, theirs)).toMatchObject({ ok: true, text: theirs });
    expect(mergeThreads(base, ours, ours)).toEqual({ ok: true, text: ours, added: 0 });
  });

  it('refuses a side that rewrote an old entry', () => {
    const { base, ours, theirs } = forked();
    const edited = theirs.replace('Body of entry 0.', 'Rewritten.');
    const merged = mergeThreads(base, ours, edited);
    expect(merged.ok).toBe(false);
    expect(!merged.ok && merged.reason).toMatch(/^theirs did more than append/);
  });

  it('merges two new threads of the same topic (no base)', () => {
    const ours = apply(null, say('auth', 0, { title: 'Mine' }));
    const theirs = apply(null, say('auth', 1, { title: 'Yours' }));
    const merged = mergeThreads('', ours, theirs);
    expect(merged.ok && ids(merged.text)).toEqual(['Mine', 'Yours']);
  });
});
