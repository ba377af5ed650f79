import { WatercoolerError } from './errors.js';
import type { ThreadSnapshot } from './store/store.js';

export type SearchField = 'title' | 'body' | 'agent' | 'status';

export interface SearchQuery {
  text: string;
  /** Treat `text` as a regular expression (case-insensitive). */
  regex?: boolean;
  /** Where to look; all fields when empty. */
  fields?: SearchField[];
}

export interface SearchHit {
  topic: string;
  path: string;
  /** Null for a match in the thread header (its status). */
  entry_index: number | null;
  entry_id: string | null;
  field: SearchField;
  /** 1-based line in the thread file. */
  line: number;
  text: string;
}

/** Compiles a query into a line matcher; a bad regex is a usage error with the reason. */
export function compileQuery(query: SearchQuery): (line: string) => boolean {
  if (query.text === '')
    throw new WatercoolerError('INVALID_INPUT', 'The search query is empty.', {
      hint: 'Pass the text to look for.',
    });
  if (query.regex === true) {
    let re: RegExp;
    try {
      re = new RegExp(query.text, 'i');
    } catch (err) {
      throw new WatercoolerError(
        'INVALID_INPUT',
        `Bad regular expression: ${(err as Error).message}.`,
        {
          hint: 'Fix the pattern, or drop --regex to search for the text as it is.',
        },
      );
    }
    return (line) => re.test(line);
  }
  const needle = query.text.toLowerCase();
  return (line) => line.toLowerCase().includes(needle);
}

/** Matches in one thread, in file order, each naming its entry and line. */
export function searchThread(snapshot: ThreadSnapshot, query: SearchQuery): SearchHit[] {
  const matches = compileQuery(query);
  const fields = new Set<SearchField>(
    query.fields?.length ? query.fields : ['title', 'body', 'agent', 'status'],
  );
  const { thread } = snapshot;
  const hits: SearchHit[] = [];
  const hit = (
    field: SearchField,
    line: number,
    text: string,
    entry?: { index: number; entryId: string | null },
  ) =>
    hits.push({
      topic: snapshot.topic,
      path: snapshot.path,
      entry_index: entry?.index ?? null,
      entry_id: entry?.entryId ?? null,
      field,
      line,
      text,
    });
  if (fields.has('status') && matches(thread.header.status)) {
    const at = thread.header.lines.findIndex((l) => l.toLowerCase().startsWith('status:'));
    hit('status', at + 1, thread.header.status);
  }
  for (const entry of thread.entries) {
    if (fields.has('agent') && matches(entry.agent)) hit('agent', entry.line, entry.agent, entry);
    const entryLines = thread.text.slice(entry.start, entry.end).split('\n');
    const firstLine = entry.line - entryLines.findIndex((l) => l.trimStart().startsWith('Entry:'));
    let inBody = false;
    entryLines.forEach((text, i) => {
      const line = firstLine + i;
      if (!inBody) {
        if (text.trim() === '' && line > entry.line) inBody = true;
        else if (
          fields.has('title') &&
          /^title:/i.test(text) &&
          entry.title !== null &&
          matches(entry.title)
        )
          hit('title', line, entry.title, entry);
        return;
      }
      if (fields.has('body') && !/<!--\s*Entry-ID:/i.test(text) && matches(text))
        hit('body', line, text, entry);
    });
  }
  return hits;
}
