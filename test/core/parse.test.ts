/**
 * Reading every generation of thread file (SPEC §1.4):
 * - parse ∘ serialize reproduces each Python fixture byte for byte;
 * - entries start at `Entry:` lines outside code fences, never at `---`;
 * - the `---` separator belongs to no entry; bodies carry no separator and no Entry-ID comment;
 * - fractional/offset timestamps, a missing `Role:`, both Entry-ID placements, digits in names.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseThread, serializeThread } from '../../core/index.js';

const FIXTURES = new URL('../fixtures/python-watercooler/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

describe('Python fixtures', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.md'));

  it.each(files)('%s round-trips byte for byte', (name) => {
    const text = read(name);
    expect(serializeThread(parseThread(text))).toBe(text);
  });

  it.each([
    ['cloud-sync-strategy.md', 5, 0],
    ['mcp-testing.md', 11, 0],
    ['phase2a-git-sync-implementation.md', 11, 0],
    ['smoke.md', 8, 0],
    ['unified-branch-parity-protocol.md', 13, 11],
    ['newest-format-sample.md', 2, 2],
  ])('%s has %i entries, %i with Entry-IDs', (name, count, ids) => {
    const { entries } = parseThread(read(name));
    expect(entries).toHaveLength(count);
    expect(entries.filter((e) => e.entryId !== null)).toHaveLength(ids);
    for (const e of entries) {
      expect(e.body).not.toMatch(/\n---\s*$/);
      expect(e.body).not.toMatch(/<!--\s*Entry-ID:[^>]*-->\s*$/i);
    }
  });

  it('reads the 2026 line: fractional offsets, an Entry-ID after a blank line, a fenced fake entry', () => {
    const thread = parseThread(read('newest-format-sample.md'));
    expect(thread.header).toMatchObject({
      topic: 'markdown-rendering',
      status: 'OPEN',
      ball: 'Claude Code (caleb)',
    });
    const [first, second] = thread.entries;
    expect(first).toMatchObject({
      agent: 'Claude Code (caleb)',
      timestamp: '2026-06-08T22:08:54.949872+00:00',
      role: 'scribe',
      type: 'Note',
      title: 'Toggle keeps per-side scroll',
      entryId: '01KTMMG3MTKFGRKYEJGHN65QY8',
      line: 8,
    });
    expect(first?.body).toContain('Entry: Not An Entry (inside a fence) 2026-01-01T00:00:00Z');
    expect(first?.body.endsWith('- 82dc9d8 — four new unit tests pin the rule')).toBe(true);
    expect(second).toMatchObject({
      agent: 'Codex (caleb)',
      type: 'Decision',
      entryId: '01KTMMGRQ8WXQQA9Y0AWPS5X9Z',
    });
    expect(second?.body).toBe('Agreed. The fallback on a first visit stays proportional.');
  });

  it('reads the 2025-10 line without Role: and the 2025-12 line with the Entry-ID right after the body', () => {
    const old = parseThread(read('cloud-sync-strategy.md')).entries[0];
    expect(old).toMatchObject({ agent: 'Codex (agent)', role: null, type: 'Note', entryId: null });
    const head = parseThread(read('unified-branch-parity-protocol.md')).entries;
    expect(head[0]).toMatchObject({ role: 'planner', entryId: '01KC0FDPSVV2GBZN0FN68A61NB' });
    expect(head[1]).toMatchObject({ title: 'Handoff to Caleb', entryId: null });
  });
});

describe('edge cases of the reader', () => {
  const header =
    '# t — Thread\nStatus: OPEN\nBall: Codex\nTopic: t\nCreated: 2025-01-01T00:00:00Z\n';

  it('does not end a fence on a shorter or different fence, and accepts digits in agent names', () => {
    const text =
      `${header}\n---\nEntry: GPT-5 (user1) 2025-01-01T00:00:00Z\nType: Note\nTitle: a\n\n` +
      '````\n```\nEntry: Fake 2020-01-01T00:00:00Z\n~~~\n````\n\n---\nEntry: Claude (u2) 2025-01-01T00:00:01.5Z\nType: Note\nTitle: b\n\nbody\n';
    const { entries } = parseThread(text);
    expect(entries.map((e) => e.agent)).toEqual(['GPT-5 (user1)', 'Claude (u2)']);
    expect(entries[0]?.body).toContain('Entry: Fake');
    expect(entries[1]?.timestamp).toBe('2025-01-01T00:00:01.5Z');
  });

  it('gives a header-only file no entries and keeps unknown header lines', () => {
    const text = `${header.trimEnd()}\nPriority: P1\nUpdated: x\n`;
    const thread = parseThread(text);
    expect(thread.entries).toEqual([]);
    expect(thread.header.lines).toContain('Priority: P1');
    expect(serializeThread(thread)).toBe(text);
  });

  it('keeps duplicate Entry-IDs in file order', () => {
    const block = (title: string) =>
      `---\nEntry: A 2025-01-01T00:00:00Z\nRole: pm\nType: Note\nTitle: ${title}\n\nx\n<!-- entry-id: 01ARZ3NDEKTSV4RRFFQ69G5FAV -->\n`;
    const { entries } = parseThread(`${header}\n${block('one')}\n${block('two')}`);
    expect(entries.map((e) => [e.title, e.entryId])).toEqual([
      ['one', '01ARZ3NDEKTSV4RRFFQ69G5FAV'],
      ['two', '01ARZ3NDEKTSV4RRFFQ69G5FAV'],
    ]);
  });
});
