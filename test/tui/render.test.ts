/**
 * Pure pieces of the TUI: terminal markdown (headings, lists, task lists, block quotes, code
 * fences kept verbatim, emphasis, links, wrapping with hanging indents, wide characters); the
 * text editor's keys (insert, paste, newline, backspace over surrogate pairs, cursor moves,
 * readline kills); and the splitting of several keys delivered in one read.
 */
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { editKey, editorRows, emptyEditor } from '../../cli/tui/editor.js';
import { renderInline, renderMarkdown } from '../../cli/tui/markdown.js';
import { lineText, textWidth, truncate, wrapLine } from '../../cli/tui/text.js';
import { splitKeys } from '../../cli/tui/use-keys.js';

const NONE: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};
const k = (patch: Partial<Key> = {}): Key => ({ ...NONE, ...patch });
const texts = (body: string, width = 40) => renderMarkdown(body, width).map(lineText);

describe('markdown', () => {
  it('renders headings bold without their #, lists with bullets, tasks, quotes, rules', () => {
    const lines = renderMarkdown(
      '# Title\n\n## Sub\n\n- one\n* two\n1. first\n- [x] done\n- [ ] todo\n> quoted\n\n---',
      40,
    );
    expect(lines.map(lineText)).toEqual([
      'Title',
      '',
      'Sub',
      '',
      '• one',
      '• two',
      '1. first',
      '☑ done',
      '☐ todo',
      '▌ quoted',
      '',
      '─'.repeat(40),
    ]);
    expect(lines[0]?.every((s) => s.bold === true)).toBe(true);
  });

  it('keeps fenced code verbatim (no inline rendering, no wrapping, no cutting)', () => {
    const out = texts('```js\nconst a = **b**; // ' + 'x'.repeat(60) + '\n```\nafter', 30);
    expect(out[0]).toBe('  ┌─ js');
    // Whole: the thread view scrolls it sideways (test/tui/long-content.test.ts).
    expect(out[1]).toBe('  │ const a = **b**; // ' + 'x'.repeat(60));
    expect(out[2]).toBe('  └─');
    expect(out[3]).toBe('after');
  });

  it('a fence closes only with the same character and at least the same length', () => {
    expect(texts('~~~~\n```\n# not a heading\n~~~~')).toEqual([
      '  ┌─',
      '  │ ```',
      '  │ # not a heading',
      '  └─',
    ]);
  });

  it('renders emphasis, inline code and links as styles', () => {
    const segs = renderInline(
      'a **bold** and *em* and `code` and [site](https://x.y) and snake_case_name',
    );
    expect(segs.map((s) => s.text).join('')).toBe(
      'a bold and em and code and site (https://x.y) and snake_case_name',
    );
    expect(segs.find((s) => s.text === 'bold')?.bold).toBe(true);
    expect(segs.find((s) => s.text === 'em')?.italic).toBe(true);
    expect(segs.find((s) => s.text === 'code')?.tone).toBe('code');
    expect(segs.find((s) => s.text === 'site')?.underline).toBe(true);
  });

  it('wraps at words with a hanging indent for list items, and never exceeds the width', () => {
    const out = texts('- ' + 'word '.repeat(20), 24);
    expect(out.length).toBeGreaterThan(1);
    expect(out[0]?.startsWith('• word')).toBe(true);
    for (const line of out.slice(1)) expect(line.startsWith('  word')).toBe(true);
    for (const line of out) expect(textWidth(line)).toBeLessThanOrEqual(24);
    const long = wrapLine([{ text: 'x'.repeat(50) }], 20);
    expect(long.map(lineText)).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(10)]);
  });

  it('counts wide characters as two columns', () => {
    expect(textWidth('日本語')).toBe(6);
    expect(truncate('日本語です', 7)).toBe('日本語…');
  });
});

describe('editor', () => {
  it('inserts, pastes, breaks lines only when multi-line, and deletes whole code points', () => {
    let s = emptyEditor();
    s = editKey(s, 'hi', k(), true) ?? s;
    s = editKey(s, '', k({ return: true }), true) ?? s;
    s = editKey(s, 'a\r\nb😀', k(), true) ?? s;
    expect(s.value).toBe('hi\na\nb😀');
    s = editKey(s, '', k({ backspace: true }), true) ?? s;
    expect(s.value).toBe('hi\na\nb');
    expect(editKey(emptyEditor('t'), '', k({ return: true }), false)).toBeNull();
    expect(editKey(emptyEditor(), 'x\ny', k(), false)?.value).toBe('x y');
  });

  it('moves by character, line and line ends; Ctrl+A/E/U/K/W as in a shell', () => {
    let s = emptyEditor('one\ntwo words');
    s = editKey(s, '', k({ upArrow: true }), true) ?? s;
    expect(s.cursor).toBe(3);
    s = editKey(s, 'a', k({ ctrl: true }), true) ?? s;
    expect(s.cursor).toBe(0);
    s = editKey(s, '', k({ downArrow: true }), true) ?? s;
    s = editKey(s, 'e', k({ ctrl: true }), true) ?? s;
    s = editKey(s, 'w', k({ ctrl: true }), true) ?? s;
    expect(s.value).toBe('one\ntwo ');
    s = editKey(s, 'u', k({ ctrl: true }), true) ?? s;
    expect(s.value).toBe('one\n');
    s = { value: 'abc', cursor: 1 };
    s = editKey(s, 'k', k({ ctrl: true }), false) ?? s;
    expect(s.value).toBe('a');
  });

  it('draws the cursor as an inverse cell and wraps long lines', () => {
    const { rows, cursorRow } = editorRows({ value: 'abcdefgh', cursor: 8 }, 5, true);
    expect(rows.map(lineText)).toEqual(['abcd', 'efgh ']);
    expect(cursorRow).toBe(1);
    expect(rows[1]?.at(-1)).toMatchObject({ text: ' ', inverse: true });
  });
});

describe('keys in one read', () => {
  it('makes every character its own key, control characters the keys they stand for', () => {
    const keys = splitKeys('\t\tab\rc\u007f\u0013', k());
    expect(
      keys.map(([input, key]) => [input, key.tab, key.return, key.backspace, key.ctrl]),
    ).toEqual([
      ['', true, false, false, false],
      ['', true, false, false, false],
      ['a', false, false, false, false],
      ['b', false, false, false, false],
      ['', false, true, false, false],
      ['c', false, false, false, false],
      ['', false, false, true, false],
      ['s', false, false, false, true],
    ]);
    expect(splitKeys('jjj', k()).map(([input]) => input)).toEqual(['j', 'j', 'j']);
    expect(splitKeys('G', k({ shift: true }))).toEqual([['G', k({ shift: true })]]);
    expect(splitKeys('😀', k())).toEqual([['😀', k()]]);
  });
});
