/**
 * A thread laid out as terminal rows: a header block, then each entry's heading (index, agent,
 * role, type, time), title and markdown body. Pure, so the view only windows and scrolls.
 */
import type { AgentRegistry, ThreadSnapshot } from '../../core/index.js';
import { isYourTurn, sameAgent } from '../../core/index.js';
import { shortTimestamp } from './format.js';
import { renderMarkdown } from './markdown.js';
import { type Line, wrapLine } from './text.js';

export interface ThreadLayout {
  lines: Line[];
  /** Row of each entry's heading (or of the "new" marker before it), by entry index. */
  entryStarts: number[];
}

const BODY_INDENT = '  ';

export function layoutThread(
  snapshot: ThreadSnapshot,
  width: number,
  me: string,
  registry: AgentRegistry | undefined,
  firstUnread: number | null,
  color = true,
): ThreadLayout {
  const { header, entries, preamble } = snapshot.thread;
  const lines: Line[] = [];
  const mine = isYourTurn(header.ball, me, registry);
  lines.push(
    ...wrapLine([{ text: header.title || snapshot.topic, bold: true, tone: 'heading' }], width),
  );
  lines.push(
    ...wrapLine(
      [
        { text: 'Status ', dim: true },
        { text: header.status || '—', bold: true },
        { text: '  Ball ', dim: true },
        {
          text: (mine ? '★ ' : '') + (header.ball || '—'),
          bold: mine,
          tone: mine ? 'mine' : undefined,
        },
        ...(mine ? [{ text: ' (your turn)', tone: 'mine' as const }] : []),
        { text: `  ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}`, dim: true },
      ],
      width,
    ),
  );
  if (preamble !== '') {
    lines.push([]);
    lines.push(...renderMarkdown(preamble, width, color));
  }
  const entryStarts: number[] = [];
  for (const entry of entries) {
    lines.push([]);
    entryStarts.push(lines.length);
    if (entry.index === firstUnread) {
      const label = '── new ';
      lines.push([
        { text: label + '─'.repeat(Math.max(0, width - label.length)), tone: 'accent', bold: true },
      ]);
    }
    const own = sameAgent(entry.agent, me, registry);
    const meta = [entry.role, entry.type].filter((x): x is string => x !== null && x !== '');
    lines.push(
      ...wrapLine(
        [
          { text: `#${entry.index} `, dim: true },
          { text: entry.agent, bold: true, tone: own ? 'mine' : 'accent' },
          { text: ` · ${[...meta, shortTimestamp(entry.timestamp)].join(' · ')}`, dim: true },
        ],
        width,
        '   ',
      ),
    );
    if (entry.title !== null && entry.title !== '') {
      lines.push(...wrapLine([{ text: entry.title, bold: true }], width, ''));
    }
    for (const row of renderMarkdown(entry.body, Math.max(10, width - BODY_INDENT.length), color)) {
      lines.push([{ text: BODY_INDENT }, ...row]);
    }
  }
  return { lines, entryStarts };
}
