/**
 * Mutation test of the append-only rule (SPEC §1.5, §6):
 * - thousands of random byte edits (replace, insert, delete) anywhere in the old part of valid
 *   threads — except the Status:/Ball: header lines, which operations may rewrite — are all
 *   flagged, whether or not a valid entry is appended after the edit;
 * - thousands of valid changes made by our own operations (say, ack, handoff, set-status,
 *   set-ball, with bodies holding fences, `---` and `Entry:` look-alikes inside fences) all pass:
 *   no history finding and no error on what they added.
 * Seeded, so a failure names a reproducible case.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY, type Operation, applyOperation } from '../../core/index.js';
import { checkAppendOnly } from '../../core/validate/append-only.js';
import { isFailing } from '../../core/validate/issue.js';
import { checkRules } from '../../core/validate/rules.js';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENTS = ['Claude', 'Codex', 'Cursor (bob)', 'Claude Code (amy)', 'GPT-5 (jay)'];
const BODIES = [
  'Plain text.',
  'Line one\nline two\n\nA second paragraph with trailing spaces   ',
  '```text\n---\nEntry: Fake (x) 2020-01-01T00:00:00Z\n```\nafter the fence',
  '~~~~\n```\nnested\n```\n~~~~',
  '- list\n- items\n\n> quote',
  'unicode: café — naïve ✓ 日本語',
  'a rule below\n\n***\n\nand text',
  'Entry: not at a line start? no, it is — but no timestamp follows',
];
const STATUSES = ['OPEN', 'in_review', 'blocked', 'CLOSED'];

function randomOp(topic: string, r: () => number): Operation {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const roll = r();
  const agent = pick(AGENTS);
  if (roll < 0.55) {
    return {
      kind: 'say',
      topic,
      agent,
      title: `Title ${Math.floor(r() * 1e6)}`,
      body: pick(BODIES),
      role: pick(['planner', 'critic', 'tester', 'pm']),
      type: pick(['Note', 'Plan', 'Decision']),
    };
  }
  if (roll < 0.7) return { kind: 'ack', topic, agent };
  if (roll < 0.8) return { kind: 'handoff', topic, agent, note: pick(BODIES) };
  if (roll < 0.9) return { kind: 'set-status', topic, status: pick(STATUSES) };
  return { kind: 'set-ball', topic, ball: pick(AGENTS) };
}

function context(r: () => number) {
  let t = Date.UTC(2026, 0, 1) + Math.floor(r() * 1e9);
  return {
    registry: DEFAULT_REGISTRY,
    defaultBall: 'Team',
    user: 'amy',
    now: () => new Date((t += 1000)),
  };
}

/** A valid thread built by our own operations. */
function validThread(seed: number): string {
  const r = rng(seed);
  const ctx = context(r);
  let text = applyOperation(
    null,
    { kind: 'say', topic: 'mutation-topic', agent: 'Claude', title: 'first', body: 'first body' },
    ctx,
  ).text;
  const n = Math.floor(r() * 12);
  for (let i = 0; i < n; i++) text = applyOperation(text, randomOp('mutation-topic', r), ctx).text;
  return text;
}

/** Byte ranges an operation may rewrite: the first Status: and Ball: lines of the header. */
function mutableRanges(text: string): [number, number][] {
  const headerEnd = text.indexOf('\n\n') === -1 ? text.length : text.indexOf('\n\n');
  const ranges: [number, number][] = [];
  for (const key of ['status:', 'ball:']) {
    let pos = 0;
    while (pos < headerEnd) {
      const end = text.indexOf('\n', pos) === -1 ? text.length : text.indexOf('\n', pos);
      if (text.slice(pos, end).toLowerCase().startsWith(key)) {
        ranges.push([pos, end]);
        break;
      }
      pos = end + 1;
    }
  }
  return ranges;
}

const CHARS = 'abcXYZ019 -:#<>!`~\n\t—é';

describe('mutations of the old part are all flagged', () => {
  it('3,000 random byte edits', () => {
    const misses: string[] = [];
    let tried = 0;
    for (let seed = 1; tried < 3000; seed++) {
      const r = rng(seed * 7919);
      const old = validThread(seed);
      const limit = old.trimEnd().length;
      const protectedRanges = mutableRanges(old);
      for (let k = 0; k < 6 && tried < 3000; k++) {
        const at = Math.floor(r() * limit);
        if (protectedRanges.some(([a, b]) => at >= a && at <= b)) continue;
        const kind = r();
        let mutated: string;
        if (kind < 0.4) {
          const c = CHARS[Math.floor(r() * CHARS.length)] as string;
          if (old[at] === c) continue;
          mutated = old.slice(0, at) + c + old.slice(at + 1);
        } else if (kind < 0.7) {
          mutated =
            old.slice(0, at) + (CHARS[Math.floor(r() * CHARS.length)] as string) + old.slice(at);
        } else {
          mutated = old.slice(0, at) + old.slice(at + 1);
        }
        // Half the time a valid entry is appended after the edit, as a careless client would.
        let next = mutated;
        if (r() < 0.5) {
          try {
            next = applyOperation(
              mutated,
              {
                kind: 'say',
                topic: 'mutation-topic',
                agent: 'Codex',
                title: 'after',
                body: 'appended',
              },
              context(r),
            ).text;
          } catch {
            next = mutated;
          }
        }
        tried++;
        const check = checkAppendOnly(old, next, 't.md');
        if (check.issues.length === 0)
          misses.push(
            `seed ${seed} k ${k} at ${at}: ${JSON.stringify(old.slice(Math.max(0, at - 20), at + 20))}`,
          );
      }
    }
    expect(tried).toBe(3000);
    expect(misses).toEqual([]);
  });
});

describe('our own operations always pass', () => {
  it('3,000 random valid changes', () => {
    const failures: string[] = [];
    let changes = 0;
    for (let seed = 1; changes < 3000; seed++) {
      const r = rng(seed * 104729);
      const ctx = context(r);
      let text: string | null = null;
      const steps = 2 + Math.floor(r() * 25);
      for (let i = 0; i < steps; i++) {
        const op: Operation =
          text === null
            ? {
                kind: 'init-thread',
                topic: 'valid-topic',
                ...(r() < 0.5 ? { body: 'Free text before the first entry.' } : {}),
              }
            : randomOp('valid-topic', r);
        const next: string = applyOperation(text, op, ctx).text;
        if (text !== null) {
          changes++;
          const check = checkAppendOnly(text, next, 'valid-topic.md');
          const rules = checkRules(check.thread, {
            file: 'valid-topic.md',
            firstNew: check.firstNew,
            newThread: false,
          });
          if (check.issues.length > 0 || isFailing(rules))
            failures.push(
              `seed ${seed} step ${i}: ${[...check.issues, ...rules].map((x) => x.code).join(',')}`,
            );
        } else {
          const rules = checkRules(
            applyOperation(null, { kind: 'init-thread', topic: 'valid-topic' }, ctx).thread,
            { file: 'valid-topic.md', firstNew: 0, newThread: true },
          );
          if (isFailing(rules))
            failures.push(`seed ${seed} new thread: ${rules.map((x) => x.code).join(',')}`);
        }
        text = next;
      }
    }
    expect(failures).toEqual([]);
  });
});
