import { scanEntryLines } from '../thread/parse.js';
import type { ThreadSummary } from './store.js';

/** The `list` row of a thread file (topic from its `Topic:` line, else the file name). */
export function summarizeThread(text: string, path: string): ThreadSummary {
  const { header, marks } = scanEntryLines(text);
  const last = marks[marks.length - 1];
  const stem = (path.split('/').pop() ?? path).replace(/\.md$/, '');
  return {
    topic: header.topic ?? stem,
    title: header.title === '' ? stem : header.title,
    status: header.status,
    ball: header.ball,
    updated: last?.timestamp ?? header.created,
    entry_count: marks.length,
    last_agent: last?.agent ?? null,
    path,
  };
}
