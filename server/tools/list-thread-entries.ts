import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { type EntryJson, toEntryJson } from '../../core/index.js';
import { shapeOf } from '../schemas.js';
import { entryLine } from '../format.js';
import { guard, ok } from '../results.js';
import type { Session } from '../session.js';
import { formatArg, topicArg, readThread } from './args.js';

/** An entry's JSON less its body: the skim view. */
function withoutBody(entry: EntryJson): Omit<EntryJson, 'body'> {
  const rest: Partial<EntryJson> = { ...entry };
  delete rest.body;
  return rest as Omit<EntryJson, 'body'>;
}

export function registerListThreadEntries(server: McpServer, session: Session): void {
  server.registerTool(
    'watercooler_list_thread_entries',
    {
      description:
        'Use to skim a long thread: one line per entry (index, agent, title, entry_id), no bodies. Paginate with offset/limit.',
      inputSchema: {
        topic: topicArg,
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        format: formatArg,
      },
      outputSchema: {
        topic: z.string(),
        entry_count: z.number().int(),
        offset: z.number().int(),
        limit: z.number().int().nullable(),
        next_offset: z.number().int().nullable(),
        entries: z.array(shapeOf('An entry as read_thread gives it, less body')),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      guard(session.deps.log, async () => {
        const snapshot = await readThread(session.deps.store, args.topic);
        const { entries } = snapshot.thread;
        const offset = args.offset ?? 0;
        const page =
          args.limit === undefined
            ? entries.slice(offset)
            : entries.slice(offset, offset + args.limit);
        const next = offset + page.length < entries.length ? offset + page.length : null;
        const structured = {
          topic: snapshot.thread.header.topic ?? snapshot.topic,
          entry_count: entries.length,
          offset,
          limit: args.limit ?? null,
          next_offset: next,
          entries: page.map((e) => withoutBody(toEntryJson(e))),
        };
        if (args.format === 'markdown') {
          const more = next === null ? '' : `\n*More: call again with offset=${next}.*`;
          return ok(
            structured,
            `${entries.length} entries in "${structured.topic}"\n${page.map(entryLine).join('\n')}${more}`,
          );
        }
        return ok(structured, JSON.stringify(structured));
      }),
  );
}
