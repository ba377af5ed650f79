/**
 * The sanctioned rewrite (SPEC §6): the `redact` operation and its commit message.
 * - only the target entry's body changes: its header, its Entry-ID and every other byte stay, so
 *   the validator names exactly that entry (and nothing else) as touched;
 * - --drop-body leaves the header's blank line leading to the Entry-ID; replacing after a drop
 *   and repeating a redaction are both well-defined (the second is a no-op);
 * - an unknown entry, an empty reason, a missing thread and a body that would break parsing are
 *   refused;
 * - commitMessageFor puts `Watercooler-Redact: <reason>` (one line) in a redaction's commit and
 *   `Watercooler-Entry-ID` in an append's.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY, type Operation, applyOperation } from '../../core/index.js';
import { commitMessageFor } from '../../core/store/commit-message.js';
import { checkAppendOnly } from '../../core/validate/append-only.js';

let t = Date.UTC(2026, 0, 1);
const ctx = {
  registry: DEFAULT_REGISTRY,
  defaultBall: 'Team',
  user: 'amy',
  now: () => new Date((t += 1000)),
};

function thread(): { text: string; ids: string[] } {
  let text: string | null = null;
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const r = applyOperation(
      text,
      { kind: 'say', topic: 'r', agent: 'Claude', title: `T${i}`, body: `secret ${i}\nline two` },
      ctx,
    );
    text = r.text;
    ids.push(r.entryId ?? '');
  }
  return { text: text ?? '', ids };
}

const redact = (text: string, op: Partial<Extract<Operation, { kind: 'redact' }>>) =>
  applyOperation(
    text,
    { kind: 'redact', topic: 'r', agent: 'Claude', entry: '', reason: 'token', ...op },
    ctx,
  );

describe('redact operation', () => {
  it('replaces only the body of the target entry', () => {
    const { text, ids } = thread();
    const r = redact(text, { entry: ids[1], replace: '[removed]' });
    expect(r.changed).toBe(true);
    expect(r.text).toBe(text.replace('secret 1\nline two', '[removed]'));
    const check = checkAppendOnly(text, r.text, 'r.md');
    expect(check.touched.map((e) => [e.entryId, e.how])).toEqual([[ids[1], 'edited']]);
    expect(r.thread.entries[1]?.body).toBe('[removed]');
    expect(r.thread.entries[1]?.entryId).toBe(ids[1]);
  });

  it('drops a body, refills it, and repeats as a no-op', () => {
    const { text, ids } = thread();
    const dropped = redact(text, { entry: ids[2], dropBody: true });
    expect(dropped.text).toContain(`Title: T2\n\n<!-- Entry-ID: ${ids[2]} -->\n`);
    expect(dropped.thread.entries[2]?.body).toBe('');
    expect(redact(dropped.text, { entry: ids[2], dropBody: true }).changed).toBe(false);
    const refilled = redact(dropped.text, { entry: ids[2], replace: 'back' });
    expect(refilled.text).toContain(`Title: T2\n\nback\n<!-- Entry-ID: ${ids[2]} -->\n`);
    expect(redact(refilled.text, { entry: ids[2], replace: 'back' }).changed).toBe(false);
  });

  it('works on the last entry of a file without a trailing newline and on a legacy entry with an id', () => {
    const legacy =
      '# r — Thread\nStatus: OPEN\nBall: x\nTopic: r\nCreated: 2025-01-01T00:00:00Z\n\n---\nEntry: Codex (j) 2025-01-01T00:00:01Z\nType: Note\nTitle: old\n\nold secret\n\n<!-- Entry-ID: 01KTMMG3MTKFGRKYEJGHN65QY8 -->';
    const r = redact(legacy, { entry: '01KTMMG3MTKFGRKYEJGHN65QY8', replace: 'gone' });
    expect(r.thread.entries[0]?.body).toBe('gone');
    expect(r.text.endsWith('<!-- Entry-ID: 01KTMMG3MTKFGRKYEJGHN65QY8 -->')).toBe(true);
  });

  it('refuses what it cannot do safely', () => {
    const { text, ids } = thread();
    expect(() => redact(text, { entry: '01KTMMG3MTKFGRKYEJGHN65QY0', replace: 'x' })).toThrow(
      /No entry with Entry-ID/,
    );
    expect(() => redact(text, { entry: ids[0], replace: 'x', reason: '  ' })).toThrow(
      /needs a reason/,
    );
    expect(() => redact(text, { entry: ids[0], replace: '```\nunclosed' })).toThrow(/never closed/);
    expect(() =>
      applyOperation(
        null,
        {
          kind: 'redact',
          topic: 'r',
          agent: 'a',
          entry: ids[0] ?? '',
          reason: 'x',
          dropBody: true,
        },
        ctx,
      ),
    ).toThrow(/not found/);
  });
});

describe('commitMessageFor', () => {
  it('puts the Redact trailer in a redaction and the Entry-ID in an append', () => {
    const op: Operation = {
      kind: 'redact',
      topic: 'auth',
      agent: 'Claude',
      entry: 'X',
      reason: 'pasted\na token',
      dropBody: true,
    };
    expect(commitMessageFor([{ op, entryId: null }], ctx)).toBe(
      'Claude (amy): redact auth\n\nWatercooler-Redact: pasted a token\nWatercooler-Topic: auth\n',
    );
    const say: Operation = { kind: 'say', topic: 'auth', agent: 'Codex', title: 't', body: 'b' };
    expect(
      commitMessageFor(
        [{ op: { ...say, spec: 'gpt-5:implementer' }, entryId: '01KTMMG3MTKFGRKYEJGHN65QY8' }],
        ctx,
      ),
    ).toBe(
      'Codex (amy): say auth\n\nWatercooler-Entry-ID: 01KTMMG3MTKFGRKYEJGHN65QY8\nWatercooler-Topic: auth\nSpec: gpt-5:implementer\n',
    );
    expect(
      commitMessageFor(
        [{ op: { kind: 'set-status', topic: 'auth', status: 'CLOSED' }, entryId: null }],
        ctx,
      ),
    ).toBe('watercooler: set-status auth\n\nWatercooler-Topic: auth\n');
    // The git store's group commit: one line per operation, every trailer.
    expect(
      commitMessageFor(
        [
          { op: say, entryId: '01KTMMG3MTKFGRKYEJGHN65QY8' },
          { op, entryId: null },
        ],
        ctx,
      ),
    ).toBe(
      'watercooler: 2 operations\n\nCodex (amy): say auth\nClaude (amy): redact auth\n\n' +
        'Watercooler-Entry-ID: 01KTMMG3MTKFGRKYEJGHN65QY8\nWatercooler-Redact: pasted a token\nWatercooler-Topic: auth\n',
    );
  });
});
