import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { renderIndexMarkdown, toListRow } from '../../core/index.js';
import { guard, ok } from '../results.js';
import type { Session } from '../session.js';

export function registerReindex(server: McpServer, session: Session): void {
  server.registerTool(
    'watercooler_reindex',
    {
      description: 'Use for an overview table of all threads, as index.md has it.',
      outputSchema: { markdown: z.string(), thread_count: z.number().int() },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () =>
      guard(session.deps.log, async () => {
        const { agent, registry } = await session.identity();
        const rows = (await session.deps.store.list()).map((s) => toListRow(s, agent, registry));
        const markdown = renderIndexMarkdown(rows);
        return ok({ markdown, thread_count: rows.length }, markdown);
      }),
  );
}
