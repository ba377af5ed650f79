import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { WatercoolerError, selectEntries, toEntryJson } from '../../core/index.js';
import { shapeOf } from '../schemas.js';
import { entryMarkdown } from '../format.js';
import { guard, ok } from '../results.js';
import type { Session } from '../session.js';
import { formatArg, topicArg, readThread } from './args.js';

export function registerGetThreadEntry(server: McpServer, session: Session): void {
  server.registerTool(
    'watercooler_get_thread_entry',
    {
      description: 'Use to read one entry of a thread by index (from 0) or entry_id.',
      inputSchema: {
        topic: topicArg,
        index: z.number().int().min(0).optional(),
        entry_id: z.string().optional(),
        format: formatArg,
      },
      outputSchema: {
        topic: z.string(),
        entry_count: z.number().int(),
        entry: shapeOf('As read_thread gives it'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      guard(session.deps.log, async () => {
        if (args.index === undefined && (args.entry_id === undefined || args.entry_id === '')) {
          throw new WatercoolerError('INVALID_INPUT', 'Pass index or entry_id.', {
            hint: 'watercooler_list_thread_entries shows both for every entry.',
          });
        }
        const snapshot = await readThread(session.deps.store, args.topic);
        const key =
          args.entry_id !== undefined && args.entry_id !== '' ? args.entry_id : String(args.index);
        const [entry] = selectEntries(snapshot, { entry: key });
        if (entry === undefined)
          throw new WatercoolerError('ENTRY_NOT_FOUND', `No entry ${key} in "${args.topic}".`);
        if (args.index !== undefined && entry.index !== args.index) {
          throw new WatercoolerError(
            'INVALID_INPUT',
            `Entry ${args.entry_id} is at index ${entry.index}, not ${args.index}.`,
            {
              hint: 'Pass only one of index and entry_id.',
            },
          );
        }
        const structured = {
          topic: snapshot.thread.header.topic ?? snapshot.topic,
          entry_count: snapshot.thread.entries.length,
          entry: toEntryJson(entry),
        };
        return ok(
          structured,
          args.format === 'markdown' ? entryMarkdown(snapshot, entry) : JSON.stringify(structured),
        );
      }),
  );
}
