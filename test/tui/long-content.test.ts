/**
 * Long content in thread bodies, as pure functions (issue 16 item 4):
 * - a markdown table is an aligned table: columns line up on every row, it fits the width when
 *   it can, a long cell wraps inside its column (the row stays one row), `--:` aligns right,
 *   `\|` and pipes in `code` do not split cells; too narrow to wrap, it keeps readable columns
 *   and moves sideways as one block;
 * - a code line is kept whole (never cut with `…`) and moves sideways: the view shows a window
 *   of it with `‹` / `›` where there is more, the gutter and indent staying put;
 * - a URL is never split by wrapping (one longer than a line gets a line of its own and moves
 *   sideways), and `[text](url)`, `<url>` and bare URLs are link segments (trailing
 *   punctuation is not part of the URL);
 * - search: every occurrence is found (also across styles), the current one stands out.
 */
import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdown } from '../../cli/tui/markdown.js';
import { findMatches, matchLabel, placeOf } from '../../cli/tui/thread-find.js';
import { overflow, sideways } from '../../cli/tui/sideways.js';
import {
  type Line,
  highlight,
  lineText,
  lineWidth,
  textWidth,
  wrapLine,
} from '../../cli/tui/text.js';

const TABLE = [
  '| Store | Read (ms) | Notes |',
  '|---|--:|---|',
  '| local | 0.3 | a folder on disk, watched with fs.watch and polled every 10 s |',
  '| git | 16 | bare remote; `cat-file --batch` kept open |',
  '| pipe \\| escaped | 1 | `a|b` in code |',
].join('\n');

/** Columns where `│` stands on a row. */
const bars = (row: string) => [...row].flatMap((ch, i) => (ch === '│' || ch === '┼' ? [i] : []));

describe('tables', () => {
  it('line up their columns on every row and fit the width when the content does', () => {
    const rows = renderMarkdown(TABLE, 80).map(lineText);
    expect(rows[0]).toMatch(/^Store +│ Read \(ms\) │ Notes +$/);
    expect(rows[1]).toMatch(/^─+┼─+┼─+$/);
    expect(rows[2]).toMatch(/^local +│ +0\.3 │ a folder on disk/);
    // `--:` aligns right; the escaped pipe and the pipe in code stay in their cells.
    expect(rows.find((r) => r.startsWith('git'))).toMatch(/│ +16 │ bare remote; `?cat-file/);
    expect(rows.find((r) => r.startsWith('pipe | escaped'))).toMatch(/│ +1 │ `?a\|b`? in code/);
    const columns = bars(rows[0] ?? '');
    expect(columns).toHaveLength(2);
    for (const row of rows) {
      expect(bars(row)).toEqual(columns);
      expect(textWidth(row)).toBeLessThanOrEqual(80);
    }
  });

  it('wrap a long cell inside its column at 40 columns: a row never breaks mid-row', () => {
    const rows = renderMarkdown(TABLE, 40).map(lineText);
    const columns = bars(rows[0] ?? '');
    for (const row of rows) {
      expect(bars(row)).toEqual(columns);
      expect(textWidth(row)).toBeLessThanOrEqual(40);
    }
    const local = rows.findIndex((r) => r.startsWith('local'));
    const git = rows.findIndex((r) => r.startsWith('git'));
    // The "local" row takes several lines, the first two cells blank after its first.
    expect(git - local).toBeGreaterThan(2);
    for (const row of rows.slice(local + 1, git)) expect(row).toMatch(/^ +│ +│ \S/);
    const notes = rows
      .slice(local, git)
      .map((r) => r.slice((columns[1] ?? 0) + 2).trim())
      .join(' ');
    expect(notes).toBe('a folder on disk, watched with fs.watch and polled every 10 s');
  });

  it('keep readable columns when the screen is too narrow, and then move sideways', () => {
    const wide =
      '| a | b | c | d | e | f |\n|-|-|-|-|-|-|\n' +
      '| column | column | column | column | column | column |';
    const lines = renderMarkdown(wide, 30);
    expect(lines.map(lineText)[2]).toBe('column │ column │ column │ column │ column │ column');
    expect(lines.every((l) => l.every((s) => s.sideways !== undefined))).toBe(true);
    expect(overflow(lines[2] ?? [], 30)).toBeGreaterThan(0);
  });

  it('render inline markdown in cells, bold headers, and stop at the first line without a pipe', () => {
    const lines = renderMarkdown('| **Who** | What |\n| --- | --- |\n| *me* | `x` |\nAfter.', 40);
    expect(lines.map(lineText)).toEqual(['Who │ What', '────┼─────', 'me  │ x   ', 'After.']);
    expect(lines[0]?.find((s) => s.text === 'What')?.bold).toBe(true);
    expect(lines[2]?.find((s) => s.text === 'me')?.italic).toBe(true);
    // Without colour inline code keeps its backticks, in a cell as anywhere.
    const plain = renderMarkdown('| **Who** | What |\n| --- | --- |\n| *me* | `x` |', 40, false);
    expect(lineText(plain[2] ?? [])).toBe('me  │ `x` ');
  });

  it('a pipe line without a delimiter row below is a paragraph', () => {
    expect(renderMarkdown('a | b\nc | d', 40).map(lineText)).toEqual(['a | b', 'c | d']);
  });
});

describe('code lines and sideways', () => {
  const long = 'const x = ' + 'abcdefghij'.repeat(8) + ';';
  const code = renderMarkdown('```ts\n' + long + '\nshort\n```', 40);

  it('keep a long code line whole, marked to move sideways, its gutter fixed', () => {
    expect(lineText(code[1] ?? [])).toBe(`  │ ${long}`);
    expect(lineText(code[1] ?? [])).not.toContain('…');
    expect(code[1]?.[0]).toMatchObject({ text: '  │ ' });
    expect(code[1]?.[0]?.sideways).toBeUndefined();
    // Its block's widest line: the short line of the block moves as far as the long one.
    expect(code[1]?.[1]?.sideways).toBe(textWidth(long));
    expect(code[2]?.[1]?.sideways).toBe(textWidth(long));
    expect(overflow(code[1] ?? [], 40)).toBe(textWidth(`  │ ${long}`) - 40);
    expect(overflow(code[2] ?? [], 40)).toBe(overflow(code[1] ?? [], 40));
    expect(overflow([{ text: 'prose' }], 4)).toBe(0);
  });

  it('show a window of it with ‹ and › where there is more', () => {
    const at = (left: number) => code.map((l) => lineText(sideways(l, left, 40)));
    expect(at(0)[1]).toBe(`  │ ${long.slice(0, 35)}›`);
    expect(at(0)[2]).toBe('  │ short');
    expect(at(20)[1]).toBe(`  │ ‹${long.slice(21, 55)}›`);
    // Every line of the block moves together: `short` is off to the left.
    expect(at(20)[2]).toBe('  │ ‹');
    const end = textWidth(long) - 36;
    expect(at(end)[1]).toBe(`  │ ‹${long.slice(end + 1)}`);
    for (const row of [...at(0), ...at(20), ...at(end)])
      expect(textWidth(row)).toBeLessThanOrEqual(40);
    // A block that fits never moves; lines that do not move are left as they are.
    const table = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |', 40);
    expect(table.map((l) => lineText(sideways(l, 20, 40)))).toEqual(['a │ b', '──┼──', '1 │ 2']);
    const prose: Line = [{ text: 'plain prose' }];
    expect(sideways(prose, 20, 40)).toBe(prose);
  });

  it('stop a narrower block where its widest line ends, while a wider one moves on', () => {
    const two = renderMarkdown(
      '```\n' + 'a'.repeat(50) + '\n```\n\n```\n' + 'b'.repeat(90) + '\n```',
      40,
    );
    const narrow = two[1] ?? [];
    const wide = two[5] ?? [];
    expect(lineText(sideways(narrow, 30, 40))).toBe(`  │ ‹${'a'.repeat(35)}`);
    expect(lineText(sideways(wide, 30, 40))).toBe(`  │ ‹${'b'.repeat(34)}›`);
  });

  it('cut a wide character in half into a space, never past the width', () => {
    const line: Line = [{ text: '  ' }, { text: '日本語のコード'.repeat(4), sideways: 0 }];
    for (const left of [0, 1, 2, 3]) {
      const seen = lineText(sideways(line, left, 13));
      expect(textWidth(seen)).toBeLessThanOrEqual(13);
    }
    expect(lineText(sideways(line, 1, 13))).toBe('  ‹本語のコ ›');
  });
});

describe('URLs', () => {
  const url = 'https://example.com/a/very/long/path/that/goes/on/and/on?x=1&y=2';

  it('are never split by wrapping: one longer than the line gets a line of its own', () => {
    const lines = renderMarkdown(`See ${url}, then stop.`, 30);
    expect(lines.map(lineText)).toEqual(['See ', url, ', then stop.']);
    expect(lines[1]).toEqual([
      { text: url, underline: true, tone: 'accent', link: url, sideways: textWidth(url) },
    ]);
    const short = 'https://x.y/z';
    const prose = renderMarkdown(`${'word '.repeat(5)}${short} and more words here`, 30);
    expect(prose.map(lineText).filter((l) => l.includes(short))).toHaveLength(1);
    expect(wrapLine([{ text: url, link: url }], 20).map(lineText)).toEqual([url]);
  });

  it('are link segments in [text](url), <url> and bare, without trailing punctuation', () => {
    const segs = renderInline(`[the docs](${url}) or <https://a.b/c> or https://d.e/f.`);
    expect(segs.map((s) => s.text).join('')).toBe(
      `the docs (${url}) or https://a.b/c or https://d.e/f.`,
    );
    expect(segs.filter((s) => s.link !== undefined).map((s) => [s.text, s.link])).toEqual([
      ['the docs', url],
      [` (${url})`, url],
      ['https://a.b/c', 'https://a.b/c'],
      ['https://d.e/f', 'https://d.e/f'],
    ]);
    expect(renderInline('(see https://x.y/z)').map((s) => s.text)).toEqual([
      '(see ',
      'https://x.y/z',
      ')',
    ]);
  });

  it('keep their underscores and asterisks (no emphasis inside a URL)', () => {
    const segs = renderInline('at https://x.y/a_b_c/*d*');
    expect(segs.at(-1)).toMatchObject({
      text: 'https://x.y/a_b_c/*d*',
      link: 'https://x.y/a_b_c/*d*',
    });
  });
});

describe('search inside a thread', () => {
  const lines: Line[] = [
    [{ text: 'Token ' }, { text: 'tok', bold: true }, { text: 'en and TOKEN' }],
    [{ text: '  │ ' }, { text: 'x'.repeat(50) + 'token', sideways: 0 }],
    [{ text: 'nothing here' }],
  ];

  it('finds every occurrence case-insensitively, also across styles, in reading order', () => {
    const found = findMatches(lines, 'token');
    expect(found.map((m) => [m.row, m.start])).toEqual([
      [0, 0],
      [0, 6],
      [0, 16],
      [1, 54],
    ]);
    // Where the hit sits in the part that moves sideways (past the 4-column gutter).
    expect(placeOf(lines[1] ?? [], found[3]?.start ?? 0, 40)).toEqual({
      side: 50,
      pinned: 4,
      limit: 19,
    });
    expect(placeOf(lines[0] ?? [], 0, 40).side).toBeNull();
    expect(findMatches(lines, 'a.b')).toEqual([]);
  });

  it('draws every hit inverse and the current one also bold and underlined', () => {
    const out = highlight(lines[0] ?? [], 'token', 6);
    expect(lineText(out)).toBe(lineText(lines[0] ?? []));
    const hits = out.filter((s) => s.inverse === true);
    expect(hits.map((s) => s.text).join('|')).toBe('Token|tok|en|TOKEN');
    expect(hits.filter((s) => s.underline === true).map((s) => s.text)).toEqual(['tok', 'en']);
    // The bold of "tok" is kept; the rest of the current hit is made bold.
    expect(hits.filter((s) => s.bold === true).map((s) => s.text)).toEqual(['tok', 'en']);
  });

  it('counts as "n of m", with plurals right', () => {
    expect(matchLabel(0, undefined)).toBe('no match');
    expect(matchLabel(1, undefined)).toBe('1 match');
    expect(matchLabel(3, undefined)).toBe('3 matches');
    expect(matchLabel(3, 1)).toBe('2 of 3 · n / N');
  });

  it('line widths count what the view shows', () => {
    expect(lineWidth(lines[1] ?? [])).toBe(59);
  });
});
