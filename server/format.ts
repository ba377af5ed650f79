import type { Entry, ListRow, ThreadSnapshot } from '../core/index.js';

/** The markdown text results show to the model (the structured results carry the same data). */

/** An entry as it stands in the file, separator included. */
export function entryMarkdown(snapshot: ThreadSnapshot, entry: Entry): string {
  return snapshot.text.slice(entry.start, entry.end);
}

/** The whole file when every entry is shown (the Python server's answer); else header + the entries. */
export function threadMarkdown(snapshot: ThreadSnapshot, entries: readonly Entry[]): string {
  if (entries.length === snapshot.thread.entries.length) return snapshot.text;
  const head = snapshot.thread.header.lines.join('\n');
  return [head, ...entries.map((e) => entryMarkdown(snapshot, e))].join('\n\n') + '\n';
}

/** One line per entry, for browsing a long thread. */
export function entryLine(e: Entry): string {
  return `- [${e.index}] ${e.timestamp} ${e.agent} — ${e.title ?? '(no title)'} (${e.role ?? 'role?'} / ${e.type ?? 'type?'}) id=${e.entryId ?? '(none)'}`;
}

/** The Python server's list layout: your turn, new for you, waiting on others. */
export function listMarkdown(
  rows: readonly ListRow[],
  me: string,
  total: number,
  nextCursor: string | null,
): string {
  const row = (r: ListRow) =>
    `- **${r.topic}** - ${r.title}\n  Status: ${r.status} | Ball: ${r.ball} | Updated: ${r.updated ?? '-'} | Entries: ${r.entry_count}`;
  const sections: [string, ListRow[]][] = [
    ['🆕 NEW Entries for You', rows.filter((r) => r.is_new)],
    ['🎾 Your Turn', rows.filter((r) => r.is_your_turn && !r.is_new)],
    ['⏳ Waiting on Others', rows.filter((r) => !r.is_your_turn)],
  ];
  const out = [`# Watercooler Threads (${rows.length} of ${total})`];
  for (const [title, list] of sections)
    if (list.length > 0) out.push('', `## ${title}`, ...list.map(row));
  if (rows.length === 0) out.push('', 'No threads.');
  out.push('', `*You are: ${me}*`);
  if (nextCursor !== null) out.push(`*More: call again with cursor "${nextCursor}"*`);
  return out.join('\n');
}
