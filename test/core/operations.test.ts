/**
 * Operations write the Python tool's bytes (SPEC §1.5, §2):
 * - the seven operations of fixtures/python-operations produce the same files, plus our
 *   `<!-- Entry-ID: … -->` line after each body;
 * - every append is `bump(S).trimEnd() + "\n\n" + block`, header lines rewritten in place;
 * - a retry with the same Entry-ID changes nothing; bad input is refused.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REGISTRY,
  type Operation,
  type OperationContext,
  WatercoolerError,
  applyOperation,
  bumpHeader,
  parseThread,
  topicFileStem,
} from '../../core/index.js';

const STEPS = new URL('../fixtures/python-operations/', import.meta.url);
const step = (n: number) => readFileSync(new URL(`step${n}.md`, STEPS), 'utf8');
// Python ends a block with a blank line where ours ends with the Entry-ID line; the next append
// strips trailing whitespace either way, so only the end of the file differs.
const stripIds = (text: string) => text.replace(/<!-- Entry-ID: [0-9A-Z]{26} -->\n/g, '').trimEnd();

function ctx(iso: string): OperationContext {
  return { registry: DEFAULT_REGISTRY, defaultBall: 'Team', user: 'amy', now: () => new Date(iso) };
}

describe("the Python tool's seven operations", () => {
  const ops: Array<[Operation, string]> = [
    [{ kind: 'init-thread', topic: 'plan-review', ball: 'Claude' }, '2026-11-25T09:39:59Z'],
    [
      {
        kind: 'say',
        topic: 'plan-review',
        agent: 'Codex',
        role: 'planner',
        type: 'Plan',
        title: 'First plan',
        body: parseThread(step(2)).entries[0]?.body ?? '',
      },
      '2026-11-25T09:40:02Z',
    ],
    [
      {
        kind: 'say',
        topic: 'plan-review',
        agent: 'Claude',
        role: 'critic',
        title: 'Review',
        body: 'Looks right.   ',
      },
      '2026-11-25T09:40:02Z',
    ],
    [
      { kind: 'ack', topic: 'plan-review', agent: 'Codex', role: 'implementer' },
      '2026-11-25T09:40:02Z',
    ],
    [
      { kind: 'handoff', topic: 'plan-review', agent: 'Codex', note: 'Over to you' },
      '2026-11-25T09:40:02Z',
    ],
    [{ kind: 'set-status', topic: 'plan-review', status: 'in_review' }, '2026-11-25T09:40:02Z'],
    [{ kind: 'set-ball', topic: 'plan-review', ball: 'Team (amy)' }, '2026-11-25T09:40:02Z'],
  ];

  it('produce the same bytes, step by step, plus one Entry-ID line per entry', () => {
    let text: string | null = null;
    ops.forEach(([op, at], i) => {
      const before: string | null = text;
      const result = applyOperation(before, op, ctx(at));
      text = result.text;
      expect(stripIds(text), `step ${i + 1}`).toBe(step(i + 1).trimEnd());
      expect(
        text.endsWith('\n') && !text.endsWith('\n\n') ? true : op.kind.startsWith('set-'),
      ).toBe(true);
      const ids = parseThread(text).entries.map((e) => e.entryId);
      expect(ids.every((id) => id !== null && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
      if (before !== null && (op.kind === 'say' || op.kind === 'ack' || op.kind === 'handoff')) {
        // The append-only byte rule: old header with only Status/Ball changed, old rest trimmed, new block.
        const bumped = bumpHeader(before, { ball: result.ball, status: result.status });
        expect(text.startsWith(`${bumped.trimEnd()}\n\n---\nEntry: `)).toBe(true);
      }
    });
  });

  it('a retried append with the same Entry-ID is a no-op', () => {
    const say: Operation = {
      kind: 'say',
      topic: 't',
      agent: 'Claude',
      title: 'x',
      body: 'y',
      entryId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    };
    const first = applyOperation(null, say, ctx('2026-01-01T00:00:00Z'));
    const again = applyOperation(first.text, say, ctx('2026-01-01T00:00:05Z'));
    expect(again).toMatchObject({ changed: false, alreadyApplied: true, text: first.text });
  });
});

describe('the ball', () => {
  const c = ctx('2026-01-01T00:00:00Z');
  const say = (text: string | null, agent: string, extra: Partial<Operation> = {}) =>
    applyOperation(
      text,
      { kind: 'say', topic: 't', agent, title: 'x', body: 'y', ...extra } as Operation,
      c,
    );

  it('passes to the registry counterpart, keeping the user tag', () => {
    expect(say(null, 'codex (bob)').ball).toBe('Claude (bob)');
  });

  it('passes to whoever plays the counterpart on this thread, or to the person the registry names', () => {
    const team = {
      ...DEFAULT_REGISTRY,
      counterpart: { Claude: 'Codex', Codex: 'Claude', 'Cursor (carol)': 'Claude (dan)' },
    };
    const cx = { ...c, registry: team };
    const first = applyOperation(
      null,
      { kind: 'say', topic: 't', agent: 'Codex (bob)', title: 'x', body: 'y' },
      cx,
    );
    expect(first.ball).toBe('Claude (bob)'); // nobody plays Claude here yet: the Python tool's rule
    const second = applyOperation(
      first.text,
      { kind: 'say', topic: 't', agent: 'Claude (alice)', title: 'x', body: 'y' },
      cx,
    );
    expect(second.ball).toBe('Codex (bob)');
    const third = applyOperation(
      second.text,
      { kind: 'say', topic: 't', agent: 'Codex (bob)', title: 'x', body: 'y' },
      cx,
    );
    expect(third.ball).toBe('Claude (alice)');
    const named = applyOperation(
      third.text,
      { kind: 'say', topic: 't', agent: 'Cursor (carol)', title: 'x', body: 'y' },
      cx,
    );
    expect(named.ball).toBe('Claude (dan)');
  });

  it('passes between agents the registry does not know: to the last other author', () => {
    const a = say(null, 'Windsurf (alice)');
    expect(a.ball).toBe('Team'); // nobody else yet: the configured default
    const b = say(a.text, 'Cursor (bob)');
    expect(b.ball).toBe('Windsurf (alice)');
    const c2 = say(b.text, 'Windsurf (alice)');
    expect(c2.ball).toBe('Cursor (bob)');
  });

  it("--ball wins; ack keeps the ball; handoff without --to goes to the holder's counterpart", () => {
    const a = say(null, 'Claude', { ball: 'Zed (z)' } as Partial<Operation>);
    expect(a.ball).toBe('Zed (z)');
    const ack = applyOperation(a.text, { kind: 'ack', topic: 't', agent: 'Codex' }, c);
    expect(ack.ball).toBe('Zed (z)');
    const h = applyOperation(
      say(null, 'Claude').text,
      { kind: 'handoff', topic: 't', agent: 'Team' },
      c,
    );
    expect(h.ball).toBe('Claude (amy)');
  });
});

describe('bad input changes nothing', () => {
  const c = ctx('2026-01-01T00:00:00Z');
  it.each<[string, Operation]>([
    ['empty body', { kind: 'say', topic: 't', agent: 'A', title: 'x', body: '  ' }],
    ['newline in title', { kind: 'say', topic: 't', agent: 'A', title: 'x\ny', body: 'b' }],
    ['unknown role', { kind: 'say', topic: 't', agent: 'A', title: 'x', body: 'b', role: 'boss' }],
    ['unknown type', { kind: 'say', topic: 't', agent: 'A', title: 'x', body: 'b', type: 'Memo' }],
    ['parenthesis in agent', { kind: 'say', topic: 't', agent: 'A (b) c', title: 'x', body: 'b' }],
    [
      'entry look-alike',
      { kind: 'say', topic: 't', agent: 'A', title: 'x', body: 'Entry: X 2020-01-01T00:00:00Z' },
    ],
    ['unclosed fence', { kind: 'say', topic: 't', agent: 'A', title: 'x', body: '```\ncode' }],
    ['a status on two lines', { kind: 'set-status', topic: 't', status: 'in\nprogress' }],
  ])('%s is refused with a hint', (_name, op) => {
    const text = applyOperation(null, { kind: 'init-thread', topic: 't' }, c).text;
    let caught: unknown;
    try {
      applyOperation(text, op, c);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(WatercoolerError);
    expect((caught as WatercoolerError).hint).toBeTruthy();
  });

  it.each(['a\0b', '../x', 'a/b', 'a\\b', '.hidden', '', 'index', 'nul', 'COM1'])(
    'topic %j never reaches the file system',
    (topic) => {
      expect(() => topicFileStem(topic)).toThrow(WatercoolerError);
    },
  );

  it('a topic keeps its spelling inside the file while its file name is sanitized', () => {
    expect(topicFileStem('Weird Topic: auth & “tokens”')).toBe('Weird-Topic-auth-tokens');
    const text = applyOperation(null, { kind: 'init-thread', topic: 'Weird Topic' }, c).text;
    expect(text).toContain('# Weird Topic — Thread\n');
    expect(text).toContain('Topic: Weird Topic\n');
  });

  it('set-status on a missing thread is THREAD_NOT_FOUND', () => {
    expect(() =>
      applyOperation(null, { kind: 'set-status', topic: 't', status: 'open' }, c),
    ).toThrow(/not found/);
  });
});
