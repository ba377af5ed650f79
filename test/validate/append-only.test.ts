/**
 * Pins the append-only rule (SPEC §1.5, §6) on bytes, no git:
 * - every step of the Python tool's own operation sequence passes against the step before it;
 * - an edited, deleted or reordered entry, a changed header line (other than Status/Ball), an
 *   edited preamble, text slipped between entries or after the last one are each flagged, on the
 *   line where the change is in the new file;
 * - Status/Ball may change, and a missing one may be added at the end of the header.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAppendOnly } from '../../core/validate/append-only.js';
import { validateChange } from '../../core/validate/thread.js';

const OPS = new URL('./fixtures', import.meta.url).pathname;
const step = (n: number): string => readFileSync(join(OPS, `step${n}.md`), 'utf8');

const BASE = `# t — Thread
Status: OPEN
Ball: Codex (amy)
Topic: t
Created: 2026-01-01T00:00:00Z

---
Entry: Claude (amy) 2026-01-01T00:00:01Z
Role: planner
Type: Plan
Title: One

first body
<!-- Entry-ID: 01KTMMG3MTKFGRKYEJGHN65QY1 -->

---
Entry: Codex (amy) 2026-01-01T00:00:02Z
Role: critic
Type: Note
Title: Two

second body
line two
<!-- Entry-ID: 01KTMMG3MTKFGRKYEJGHN65QY2 -->

---
Entry: Claude (amy) 2026-01-01T00:00:03Z
Role: implementer
Type: Note
Title: Three

third body
<!-- Entry-ID: 01KTMMG3MTKFGRKYEJGHN65QY3 -->
`;

const APPEND = `\n---\nEntry: Codex (amy) 2026-01-01T00:00:04Z\nRole: tester\nType: Note\nTitle: Four\n\nfourth\n<!-- Entry-ID: 01KTMMG3MTKFGRKYEJGHN65QY4 -->\n`;

const blocks = BASE.split('\n---\n');
const codes = (oldText: string, newText: string): string[] =>
  checkAppendOnly(oldText, newText, 't.md').issues.map((i) => i.code);
const lineOfText = (text: string, needle: string): number =>
  text.slice(0, text.indexOf(needle)).split('\n').length;

describe('the Python tool’s own operations', () => {
  it.each([2, 3, 4, 5, 6, 7])('step %i is an append-only change of the step before', (n) => {
    const r = checkAppendOnly(step(n - 1), step(n), 'plan-review.md');
    expect(r.issues).toEqual([]);
    const added = r.thread.entries.length - r.firstNew;
    expect(added).toBe(n <= 5 ? 1 : 0);
  });
});

describe('appends', () => {
  it('a clean append adds one entry and nothing else', () => {
    const r = validateChange(BASE, BASE.trimEnd() + '\n' + APPEND, 't.md');
    expect(r.issues).toEqual([]);
    expect(r.entriesAdded).toBe(1);
  });
  it('Status and Ball may change, and a missing Status may be added at the end of the header', () => {
    const bumped = BASE.replace('Status: OPEN', 'Status: CLOSED').replace(
      'Ball: Codex (amy)',
      'Ball: Claude (amy)',
    );
    expect(codes(BASE, bumped.trimEnd() + '\n' + APPEND)).toEqual([]);
    const noStatus = BASE.replace('Status: OPEN\n', '');
    expect(
      codes(
        noStatus,
        noStatus.replace(
          'Created: 2026-01-01T00:00:00Z',
          'Created: 2026-01-01T00:00:00Z\nStatus: OPEN',
        ),
      ),
    ).toEqual([]);
  });
});

describe('history rewrites', () => {
  it('an edited body is ENTRY_EDITED on the edited line', () => {
    const edited = BASE.replace('line two', 'line 2');
    const r = checkAppendOnly(BASE, edited, 't.md');
    expect(r.issues.map((i) => i.code)).toEqual(['ENTRY_EDITED']);
    expect(r.issues[0]?.line).toBe(lineOfText(edited, 'line 2'));
    expect(r.touched.map((t) => t.entryId)).toEqual(['01KTMMG3MTKFGRKYEJGHN65QY2']);
  });
  it('an edited title is ENTRY_EDITED, not a deletion', () => {
    expect(codes(BASE, BASE.replace('Title: Two', 'Title: 2'))).toEqual(['ENTRY_EDITED']);
  });
  it('a deleted entry is ENTRY_DELETED', () => {
    const deleted = [blocks[0], blocks[1], blocks[3]].join('\n---\n');
    const r = checkAppendOnly(BASE, deleted, 't.md');
    expect(r.issues.map((i) => i.code)).toEqual(['ENTRY_DELETED']);
    expect(r.issues[0]?.line).toBe(lineOfText(deleted, 'Entry: Claude (amy) 2026-01-01T00:00:03Z'));
  });
  it('a deleted last entry is ENTRY_DELETED', () => {
    expect(codes(BASE, [blocks[0], blocks[1], blocks[2]].join('\n---\n'))).toEqual([
      'ENTRY_DELETED',
    ]);
  });
  it('a reordered entry is ENTRY_REORDERED', () => {
    const swapped = [blocks[0], blocks[1], blocks[3]?.trimEnd(), blocks[2]].join('\n---\n') + '\n';
    expect(codes(BASE, swapped)).toEqual(['ENTRY_REORDERED']);
  });
  it('an entry inserted between old ones is APPEND_NOT_AT_END', () => {
    const inserted = [
      blocks[0],
      blocks[1],
      APPEND.trim().replace(/^---\n/, '') + '\n',
      blocks[2],
      blocks[3],
    ].join('\n---\n');
    expect(codes(BASE, inserted)).toEqual(['APPEND_NOT_AT_END']);
  });
  it('text added to the last entry is ENTRY_EDITED', () => {
    expect(codes(BASE, BASE + 'one more line\n')).toEqual(['ENTRY_EDITED']);
    expect(codes(BASE, BASE.trimEnd() + ' extra\n')).toEqual(['ENTRY_EDITED']);
  });
  it('a header line other than Status/Ball is HEADER_CHANGED on that line', () => {
    const r = checkAppendOnly(BASE, BASE.replace('Topic: t', 'Topic: other'), 't.md');
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([['HEADER_CHANGED', 4]]);
    expect(
      codes(
        BASE,
        BASE.replace(
          'Created: 2026-01-01T00:00:00Z',
          'Created: 2026-01-01T00:00:00Z\nPriority: P1',
        ),
      ),
    ).toEqual(['HEADER_CHANGED']);
  });
  it('an edited preamble is PREAMBLE_EDITED', () => {
    const withPre = BASE.replace('Z\n\n---', 'Z\n\nSome free text.\n\n---');
    expect(codes(withPre, withPre.replace('Some free', 'Other free'))).toEqual(['PREAMBLE_EDITED']);
  });
  it('a file emptied to nothing loses every entry', () => {
    expect(codes(BASE, '')).toContain('ENTRY_DELETED');
  });
});
