/**
 * Terminal rendering of the markdown agents write in entry bodies: headings, lists, block quotes,
 * fenced code (kept verbatim and whole: it moves sideways instead of being cut), tables, rules,
 * and inline emphasis, code and links. It is a line-oriented reader of the CommonMark subset
 * threads use (plus GitHub's tables and bare URLs), not a full CommonMark parser.
 */
import { delimiterRow, renderTable, tableCells } from './markdown-table.js';
import { joinBlocks } from './sideways.js';
import { type Line, type Segment, wrapLine } from './text.js';

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^(\s*)([-*+])\s+(.*)$/;
const ORDERED = /^(\s*)(\d{1,9})([.)])\s+(.*)$/;
const TASK = /^\[([ xX])\]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;

/**
 * Inline markdown → styled segments: `code`, **strong**, *em* / _em_, [text](url), <url>, bare
 * URLs, ~~strike~~. URLs become link segments (whole, clickable). Without colour (NO_COLOR) code
 * keeps its backticks: nothing else would set it apart.
 */
export function renderInline(text: string, base: Segment = { text: '' }, color = true): Segment[] {
  const out: Segment[] = [];
  const push = (seg: Segment) => {
    if (seg.text !== '') out.push(seg);
  };
  const style = (extra: Partial<Segment>): Segment => ({ ...base, ...extra, text: '' });
  const re =
    /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([^*]+?)\*\*|__([^_]+?)__|\*([^*\s][^*]*?)\*|(?<![A-Za-z0-9])_([^_\s][^_]*?)_(?![A-Za-z0-9])|\[([^\]]+)\]\(([^)\s]+)\)|~~([^~]+)~~|<(https?:\/\/[^>\s]+)>|(?<![\w/])(https?:\/\/[^\s<>]*[^\s<>.,;:!?'")\]])/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index;
    push({ ...base, text: text.slice(last, at) });
    if (m[2] !== undefined)
      push({ ...style({ tone: 'code' }), text: color ? m[2] : `\`${m[2]}\`` });
    else if (m[3] !== undefined || m[4] !== undefined) {
      for (const s of renderInline(m[3] ?? m[4] ?? '', style({ bold: true }), color)) push(s);
    } else if (m[5] !== undefined || m[6] !== undefined) {
      for (const s of renderInline(m[5] ?? m[6] ?? '', style({ italic: true }), color)) push(s);
    } else if (m[7] !== undefined) {
      const link = m[8] ?? m[7];
      for (const s of renderInline(m[7], style({ underline: true, tone: 'accent' }), color))
        push({ ...s, link });
      // "(url)" as one word: wrapping never leaves a lone "(" behind.
      if (link !== m[7]) push({ ...style({ dim: true }), text: ` (${link})`, link });
    } else if (m[9] !== undefined) push({ ...style({ dim: true }), text: m[9] });
    else {
      const url = m[10] ?? m[11] ?? '';
      push({ ...style({ underline: true, tone: 'accent' }), text: url, link: url });
    }
    last = at + m[0].length;
  }
  push({ ...base, text: text.slice(last) });
  return out;
}

/**
 * Renders a body to terminal lines no wider than `width`, except what moves sideways: code lines
 * (never wrapped or cut), tables too wide to wrap, and URLs longer than a line.
 */
export function renderMarkdown(body: string, width: number, color = true): Line[] {
  const inline = (text: string, base?: Segment) => renderInline(text, base, color);
  const out: Line[] = [];
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  let fence: { char: string; len: number } | null = null;
  let blank = false;
  const emit = (line: Line, indent = '') => {
    for (const l of wrapLine(line, width, indent)) out.push(l);
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (fence !== null) {
      const close = FENCE.exec(raw);
      if (
        close?.[2] !== undefined &&
        close[2][0] === fence.char &&
        close[2].length >= fence.len &&
        raw.trim() === close[2]
      ) {
        fence = null;
        out.push([{ text: '  └─', dim: true }]);
        continue;
      }
      out.push([
        { text: '  │ ', dim: true },
        { text: raw.replace(/\t/g, '  '), tone: 'code', sideways: 0 },
      ]);
      continue;
    }
    const open = FENCE.exec(raw);
    if (open?.[2] !== undefined) {
      fence = { char: open[2][0] ?? '`', len: open[2].length };
      out.push([{ text: `  ┌─${open[3] ? ` ${open[3]}` : ''}`, dim: true }]);
      blank = false;
      continue;
    }
    if (raw.trim() === '') {
      // Collapse runs of blank lines: a body's spacing is kept, its padding is not.
      if (!blank && out.length > 0) out.push([]);
      blank = true;
      continue;
    }
    blank = false;
    const aligns = raw.includes('|') ? delimiterRow(lines[i + 1] ?? '') : null;
    const header = aligns === null ? [] : tableCells(raw);
    if (aligns !== null && header.length === aligns.length) {
      const rows: Segment[][][] = [];
      for (i += 2; i < lines.length && (lines[i] ?? '').includes('|'); i++) {
        rows.push(tableCells(lines[i] ?? '').map((c) => inline(c)));
      }
      i--;
      out.push(
        ...renderTable(
          header.map((c) => inline(c)),
          rows,
          aligns,
          width,
        ),
      );
      continue;
    }
    emit(...proseLine(raw, width, inline));
  }
  while (out.length > 0 && out[out.length - 1]?.length === 0) out.pop();
  return joinBlocks(out);
}

type Inline = (text: string, base?: Segment) => Segment[];

const emitAs = (line: Line, indent = ''): [Line, string] => [line, indent];

/** A line outside fences and tables (heading, rule, quote, list item, paragraph) and its indent. */
function proseLine(raw: string, width: number, inline: Inline): [Line, string] {
  const heading = HEADING.exec(raw);
  if (heading?.[1] !== undefined) {
    const level = heading[1].length;
    const segs = inline(heading[2] ?? '', {
      text: '',
      bold: true,
      tone: 'heading',
      underline: level === 1,
    });
    return emitAs(level <= 2 ? segs : [{ text: '', bold: true }, ...segs]);
  }
  if (RULE.test(raw)) {
    return [[{ text: '─'.repeat(Math.max(1, Math.min(width, 40))), dim: true }], ''];
  }
  const quote = QUOTE.exec(raw);
  if (quote !== null) {
    return emitAs(
      [{ text: '▌ ', tone: 'muted' }, ...inline(quote[1] ?? '', { text: '', italic: true })],
      '▌ ',
    );
  }
  const bullet = BULLET.exec(raw);
  if (bullet !== null) {
    const pad = ' '.repeat(Math.min((bullet[1] ?? '').replace(/\t/g, '  ').length, 12));
    const task = TASK.exec(bullet[3] ?? '');
    const mark = task === null ? '• ' : task[1] === ' ' ? '☐ ' : '☑ ';
    const rest = task === null ? (bullet[3] ?? '') : (task[2] ?? '');
    return emitAs([{ text: `${pad}${mark}`, tone: 'accent' }, ...inline(rest)], `${pad}  `);
  }
  const ordered = ORDERED.exec(raw);
  if (ordered !== null) {
    const pad = ' '.repeat(Math.min((ordered[1] ?? '').replace(/\t/g, '  ').length, 12));
    const mark = `${ordered[2]}${ordered[3]} `;
    return emitAs(
      [{ text: `${pad}${mark}`, tone: 'accent' }, ...inline(ordered[4] ?? '')],
      pad + ' '.repeat(mark.length),
    );
  }
  return emitAs(inline(raw.replace(/\t/g, '  ')));
}
