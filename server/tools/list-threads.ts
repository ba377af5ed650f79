import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { type ListRow, filterRows, toListRow } from '../../core/index.js';
import { ListRowSchema } from '../schemas.js';
import { listMarkdown } from '../format.js';
import { guard, ok } from '../results.js';
import type { Session } from '../session.js';
import { decodeCursor, encodeCursor, formatArg } from './args.js';

type Key = { u: number; p: string };
const isKey = (v: unknown): v is Key =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Key).u === 'number' &&
  typeof (v as Key).p === 'string';
const keyOf = (r: ListRow): Key => ({
  u: r.updated === null ? 0 : Date.parse(r.updated) || 0,
  p: r.path,
});
/** Newest first, then by path: a total order, so a cursor names one place in it. */
const compare = (a: Key, b: Key) => b.u - a.u || (a.p < b.p ? -1 : a.p > b.p ? 1 : 0);

export function registerListThreads(server: McpServer, session: Session): void {
  server.registerTool(
    'watercooler_list_threads',
    {
      description:
        'Use to see threads, newest first: whose turn (is_your_turn), what is new for you (is_new). Page with limit/next_cursor.',
      inputSchema: {
        open_only: z
          .boolean()
          .optional()
          .describe('true: open only; false: closed only; omit: all'),
        ball_mine: z.boolean().optional().describe('Only threads where the ball is yours'),
        limit: z.number().int().min(1).max(500).optional().describe('Default 50'),
        cursor: z.string().optional(),
        format: formatArg,
      },
      outputSchema: {
        threads: z.array(ListRowSchema),
        total: z.number().int(),
        next_cursor: z.string().nullable(),
        agent: z.string(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      guard(session.deps.log, async () => {
        const { agent, registry } = await session.identity();
        const state = args.open_only === undefined ? 'all' : args.open_only ? 'open' : 'closed';
        const keyed = filterRows(
          (await session.deps.store.list()).map((s) => toListRow(s, agent, registry)),
          { state, mine: args.ball_mine === true },
        )
          .map((row) => ({ row, key: keyOf(row) }))
          .sort((a, b) => compare(a.key, b.key));
        const all = keyed.map((k) => k.row);
        const after = args.cursor === undefined ? null : decodeCursor(args.cursor, isKey);
        const start = after === null ? 0 : keyed.findIndex((k) => compare(k.key, after) > 0);
        const limit = args.limit ?? 50;
        const page = start === -1 ? [] : all.slice(start, start + limit);
        const last = page[page.length - 1];
        const more = start !== -1 && start + limit < all.length && last !== undefined;
        const nextCursor = more ? encodeCursor(keyOf(last)) : null;
        const structured = { threads: page, total: all.length, next_cursor: nextCursor, agent };
        return ok(
          structured,
          args.format === 'json'
            ? JSON.stringify(structured)
            : listMarkdown(page, agent, all.length, nextCursor),
        );
      }),
  );
}
