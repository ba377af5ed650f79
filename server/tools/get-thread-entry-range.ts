import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { WatercoolerError, selectEntries, toEntryJson } from '../../core/index.js';
import { shapeOf } from '../schemas.js';
import { entryMarkdown } from '../format.js';
import { guard, ok } from '../results.js';
import type { Session } from '../session.js';
import { formatArg, topicArg, readThread } from './args.js';

export function registerGetThreadEntryRange(server: McpServer, session: Session): void {
  server.registerTool(
    'watercooler_get_thread_entry_range',
    {
      description:
        'Use to read entries start_index..end_index (inclusive; end defaults to the last) of a thread.',
      inputSchema: {
        topic: topicArg,
        start_index: z.number().int().min(0).optional(),
        end_index: z.number().int().min(0).optional(),
        format: formatArg,
      },
      outputSchema: {
        topic: z.string(),
        entry_count: z.number().int(),
        start_index: z.number().int(),
        end_index: z.number().int().nullable(),
        entries: z.array(shapeOf('An entry as read_thread gives it')),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      guard(session.deps.log, async () => {
        const from = args.start_index ?? 0;
        if (args.end_index !== undefined && args.end_index < from) {
          throw new WatercoolerError(
            'INVALID_INPUT',
            `end_index ${args.end_index} is before start_index ${from}.`,
            {
              hint: 'Pass end_index ≥ start_index, or leave it out to read to the end.',
            },
          );
        }
        const snapshot = await readThread(session.deps.store, args.topic);
        const entries = selectEntries(snapshot, {
          from,
          ...(args.end_index === undefined ? {} : { to: args.end_index }),
        });
        const last = entries[entries.length - 1];
        const structured = {
          topic: snapshot.thread.header.topic ?? snapshot.topic,
          entry_count: snapshot.thread.entries.length,
          start_index: from,
          end_index: last?.index ?? null,
          entries: entries.map(toEntryJson),
        };
        return ok(
          structured,
          args.format === 'markdown'
            ? entries.map((e) => entryMarkdown(snapshot, e)).join('\n\n')
            : JSON.stringify(structured),
        );
      }),
  );
}
