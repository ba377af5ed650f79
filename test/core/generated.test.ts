/**
 * Random valid threads round-trip (SPEC §1.4): for thousands of seeded threads written by our
 * operations — bodies with fences, `---`, `Entry:` look-alikes inside fences, unicode — the
 * bytes re-serialize identically and re-parse to exactly the entries that were written.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REGISTRY,
  type Operation,
  applyOperation,
  parseThread,
  serializeThread,
} from '../../core/index.js';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLAIN = [
  'A plain line.',
  'héllo — ✓ 🎉 日本語',
  '---',
  'Entry: not a header without a timestamp',
  'Title: looks like a field',
  'Role: planner',
  '<!-- a comment -->',
  '  indented text',
  '- a list item',
  '# A heading',
  'trailing spaces   ',
  '',
];
const FENCED = [
  '---',
  'Entry: Fake (x) 2020-01-01T00:00:00Z',
  '<!-- Entry-ID: 01ARZ3NDEKTSV4RRFFQ69G5FAV -->',
  'code()',
  '``` not a closer',
  '',
];

function body(rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const lines: string[] = [];
  const n = 1 + Math.floor(rand() * 8);
  for (let i = 0; i < n; i++) {
    if (rand() < 0.25) {
      const fence = (rand() < 0.5 ? '`' : '~').repeat(3 + Math.floor(rand() * 3));
      lines.push(fence + (rand() < 0.5 ? 'text' : ''));
      for (let j = Math.floor(rand() * 4); j >= 0; j--) lines.push(pick(FENCED));
      lines.push(fence);
    } else {
      lines.push(pick(PLAIN));
    }
  }
  const text = lines.join('\n');
  return text.trim() === '' ? 'x' : text;
}

describe('seeded random threads', () => {
  it('round-trip and re-parse to the entries written (3,000 threads)', () => {
    const agents = ['Claude (a)', 'Codex (b)', 'Claude Code (c)', 'GPT-5 (d1)', 'Cursor'];
    for (let seed = 1; seed <= 3000; seed++) {
      const rand = mulberry32(seed);
      const ctx = {
        registry: DEFAULT_REGISTRY,
        defaultBall: 'Team',
        user: 'u',
        now: () => new Date(1_700_000_000_000 + seed * 1000),
      };
      let text: string | null = null;
      const written: Array<{ agent: string; title: string; body: string }> = [];
      const count = Math.floor(rand() * 6);
      for (let i = 0; i < count; i++) {
        const op: Operation = {
          kind: 'say',
          topic: `t${seed}`,
          agent: agents[Math.floor(rand() * agents.length)] as string,
          title: `Title ${i} — ${seed}`,
          body: body(rand),
        };
        const result = applyOperation(text, op, ctx);
        text = result.text;
        written.push({
          agent: result.thread.entries.at(-1)?.agent ?? '',
          title: op.title,
          body: op.body.replace(/\s+$/, ''),
        });
      }
      if (text === null) continue;
      const thread = parseThread(text);
      expect(serializeThread(thread)).toBe(text);
      expect(thread.entries.map((e) => ({ agent: e.agent, title: e.title, body: e.body }))).toEqual(
        written,
      );
      expect(new Set(thread.entries.map((e) => e.entryId)).size).toBe(count);
    }
  });
});
