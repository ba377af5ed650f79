import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { toThreadJson } from '../../core/index.js';
import { ThreadJsonSchema } from '../schemas.js';
import { threadMarkdown } from '../format.js';
import { guard, ok } from '../results.js';
import type { Session } from '../session.js';
import { formatArg, topicArg, readThread } from './args.js';

/** Built once per process: every session registers the same schemas (memory per session). */
const CONFIG = {
  description:
    'Use to read a thread: header and entries from from_entry (default 0), at most limit (default 100); next_from_entry pages on.',
  inputSchema: z.object({
    topic: topicArg,
    from_entry: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    format: formatArg,
  }),
  outputSchema: z.object({
    ...ThreadJsonSchema.shape,
    entry_count: z.number().int(),
    from_entry: z.number().int(),
    next_from_entry: z.number().int().nullable(),
  }),
  annotations: { readOnlyHint: true, openWorldHint: false },
};

export function registerReadThread(server: McpServer, session: Session): void {
  server.registerTool('watercooler_read_thread', CONFIG, (args) =>
    guard(session.log, async () => {
      const snapshot = await readThread(session.deps.store, args.topic);
      const { entries } = snapshot.thread;
      const from = args.from_entry ?? 0;
      const limit = args.limit ?? 100;
      const page = entries.slice(from, from + limit);
      const next = from + limit < entries.length ? from + limit : null;
      const structured = {
        ...toThreadJson(snapshot, page),
        entry_count: entries.length,
        from_entry: from,
        next_from_entry: next,
      };
      if (args.format === 'json') return ok(structured, JSON.stringify(structured));
      let text = threadMarkdown(snapshot, page);
      if (from > 0 || next !== null) {
        text += `\n*Entries ${page.length === 0 ? 'none' : `${from}–${from + page.length - 1}`} of ${entries.length}.${next === null ? '' : ` More: call again with from_entry=${next}.`}*\n`;
      }
      return ok(structured, text);
    }),
  );
}
