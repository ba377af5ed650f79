import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { type SearchHit, compileQuery, searchThread } from '../../core/index.js';
import { guard, ok } from '../results.js';
import type { Session } from '../session.js';
import { decodeCursor, encodeCursor, findSummary } from './args.js';

const HitSchema = z.object({
  topic: z.string(),
  path: z.string(),
  entry_index: z.number().int().nullable(),
  entry_id: z.string().nullable(),
  field: z.string(),
  line: z.number().int(),
  text: z.string(),
});
type Offset = { o: number };
const isOffset = (v: unknown): v is Offset =>
  typeof v === 'object' && v !== null && Number.isInteger((v as Offset).o) && (v as Offset).o >= 0;

export function registerSearch(server: McpServer, session: Session): void {
  server.registerTool(
    'watercooler_search',
    {
      description:
        'Use to find text in threads (case-insensitive substring, or regex): hits with topic, entry, line.',
      inputSchema: {
        query: z.string().min(1),
        topic: z.string().optional().describe('Search only this thread'),
        regex: z.boolean().optional(),
        fields: z.array(z.enum(['title', 'body', 'agent', 'status'])).optional(),
        limit: z.number().int().min(1).max(500).optional().describe('Default 50'),
        cursor: z.string().optional(),
      },
      outputSchema: {
        hits: z.array(HitSchema),
        total: z.number().int(),
        next_cursor: z.string().nullable(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      guard(session.deps.log, async () => {
        const query = {
          text: args.query,
          ...(args.regex === undefined ? {} : { regex: args.regex }),
          ...(args.fields === undefined ? {} : { fields: args.fields }),
        };
        compileQuery(query); // a bad pattern fails before any thread is read
        const { store } = session.deps;
        const rows = await store.list();
        const targets =
          args.topic === undefined || args.topic === '' ? rows : [findSummary(rows, args.topic)];
        const hits: SearchHit[] = [];
        for (const row of targets) hits.push(...searchThread(await store.read(row.topic), query));
        const start = args.cursor === undefined ? 0 : decodeCursor(args.cursor, isOffset).o;
        const limit = args.limit ?? 50;
        const page = hits.slice(start, start + limit);
        const nextCursor = start + limit < hits.length ? encodeCursor({ o: start + limit }) : null;
        const lines = page.map(
          (h) =>
            `- ${h.topic} [${h.entry_index ?? 'header'}] line ${h.line} (${h.field}): ${h.text.trim().slice(0, 160)}`,
        );
        const text = `${hits.length} hit(s) for "${args.query}"${hits.length > 0 ? '\n' : ''}${lines.join('\n')}${nextCursor === null ? '' : `\n*More: call again with cursor "${nextCursor}"*`}`;
        return ok({ hits: page, total: hits.length, next_cursor: nextCursor }, text);
      }),
  );
}
