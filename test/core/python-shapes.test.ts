/**
 * Thread shapes Python writers and hand edits leave, read the way the Python readers read them,
 * and the rules scripts written for the Python CLI rely on:
 * - a file without a header (first line `---` or `Entry:`) has its entries; an append adds a
 *   header above and keeps every old byte;
 * - a blank line after the `# title` line still reads Status/Ball (a CLOSED thread stays CLOSED);
 * - a blank line after a `---` separator leaves no stray `---` in the previous body;
 * - any one-line status is written upper-cased as typed (`in-progress` → `IN-PROGRESS`);
 * - only say and init-thread start a thread; ack, handoff, set-status, set-ball, redact refuse a
 *   missing one;
 * - a speaker with no counterpart keeps the ball with the holder `init-thread --ball` set;
 * - Claude Code and Codex pass the ball to each other with the default registry.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REGISTRY,
  type Operation,
  type OperationContext,
  applyOperation,
  parseThread,
} from '../../core/index.js';

const ctx: OperationContext = {
  registry: DEFAULT_REGISTRY,
  defaultBall: 'Team',
  user: 'amy',
  now: () => new Date('2026-03-01T10:00:00Z'),
};
const say = (text: string | null, agent: string, extra: Partial<Operation> = {}) =>
  applyOperation(
    text,
    { kind: 'say', topic: 't', agent, title: 'x', body: 'y', ...extra } as Operation,
    ctx,
  );

const ENTRY = (who: string, title: string, body: string) =>
  `---\nEntry: ${who} 2025-10-01T10:00:00Z\nType: Note\nTitle: ${title}\n\n${body}\n`;

describe('files the header rule used to misread', () => {
  it.each([
    ['first line ---', `${ENTRY('Claude', 'one', 'first')}\n${ENTRY('Codex', 'two', 'second')}`],
    [
      'first line Entry:',
      `${ENTRY('Claude', 'one', 'first').slice(4)}\n${ENTRY('Codex', 'two', 'second')}`,
    ],
  ])('a file without a header (%s) has its entries', (_name, text) => {
    const thread = parseThread(text);
    expect(thread.entries.map((e) => [e.title, e.body])).toEqual([
      ['one', 'first'],
      ['two', 'second'],
    ]);
    const next = say(text, 'Claude');
    expect(next.text).toContain(text.trimEnd());
    expect(next.text.startsWith('Ball: Codex\n\n')).toBe(true); // Codex plays on this thread
    expect(parseThread(next.text).entries).toHaveLength(3);
  });

  it('a blank line after the title line keeps the header: CLOSED stays CLOSED', () => {
    const text =
      '# t — Thread\n\nStatus: CLOSED\nBall: Codex (bob)\nTopic: t\nCreated: 2025-10-01T09:00:00Z\n\n' +
      ENTRY('Claude (amy)', 'one', 'done');
    const thread = parseThread(text);
    expect(thread.header).toMatchObject({ status: 'CLOSED', ball: 'Codex (bob)', topic: 't' });
    expect(thread.entries).toHaveLength(1);
    const next = applyOperation(text, { kind: 'set-ball', topic: 't', ball: 'Claude' }, ctx);
    expect(next.text).toBe(text.replace('Ball: Codex (bob)', 'Ball: Claude'));
  });

  it('a blank line after a --- separator leaves no --- in the body before it', () => {
    const text =
      '# t — Thread\nStatus: OPEN\nBall: Codex\nTopic: t\nCreated: 2025-10-01T09:00:00Z\n\n' +
      '---\nEntry: Claude 2025-10-01T10:00:00Z\nTitle: one\n\nfirst\n\n---\n\n' +
      'Entry: Codex 2025-10-01T11:00:00Z\nTitle: two\n\nsecond\n';
    const thread = parseThread(text);
    expect(thread.entries.map((e) => e.body)).toEqual(['first', 'second']);
  });
});

describe('statuses scripts use', () => {
  it.each([
    ['in-progress', 'IN-PROGRESS'],
    ['in_review', 'IN_REVIEW'],
    ['closed', 'CLOSED'],
    ['Waiting on QA', 'WAITING ON QA'],
  ])('%s is written as %s', (given, written) => {
    const text = say(null, 'Claude').text;
    const next = applyOperation(text, { kind: 'set-status', topic: 't', status: given }, ctx);
    expect(next.status).toBe(written);
    expect(say(null, 'Claude', { status: given }).status).toBe(written);
  });
});

describe('which operations start a thread', () => {
  it.each<Operation>([
    { kind: 'ack', topic: 't', agent: 'Claude' },
    { kind: 'handoff', topic: 't', agent: 'Claude' },
    { kind: 'set-status', topic: 't', status: 'open' },
    { kind: 'set-ball', topic: 't', ball: 'Codex' },
    { kind: 'redact', topic: 't', agent: 'A', entry: '0', dropBody: true, reason: 'r' },
  ])('$kind on a missing thread is THREAD_NOT_FOUND', (op) => {
    expect(() => applyOperation(null, op, ctx)).toThrow(/not found/);
  });

  it.each<Operation>([
    { kind: 'say', topic: 't', agent: 'Claude', title: 'x', body: 'y' },
    { kind: 'init-thread', topic: 't' },
  ])('$kind starts it', (op) => {
    expect(applyOperation(null, op, ctx).changed).toBe(true);
  });
});

describe('the ball, as Python-era scripts and MCP clients meet it', () => {
  it('a speaker with no counterpart keeps the ball with the holder init-thread set', () => {
    const init = applyOperation(null, { kind: 'init-thread', topic: 't', ball: 'Alice' }, ctx);
    expect(say(init.text, 'Bob').ball).toBe('Alice');
    // The holder speaking, with nobody else on the thread: the configured default.
    expect(say(init.text, 'Alice').ball).toBe('Team');
  });

  it('Claude Code and Codex pass to each other with the default registry', () => {
    const a = say(null, 'Claude Code (alice)');
    expect(a.ball).toBe('Codex (alice)');
    const b = say(a.text, 'Codex (bob)');
    expect(b.ball).toBe('Claude Code (alice)');
    const c = say(b.text, 'Claude Code (alice)');
    expect(c.ball).toBe('Codex (bob)');
    // Claude (the CLI's name) and Codex still pair as they always did.
    expect(say(null, 'Claude').ball).toBe('Codex (amy)');
    expect(say(say(null, 'Claude (x)').text, 'Codex (y)').ball).toBe('Claude (x)');
  });
});
