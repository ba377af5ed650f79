import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { guard, ok } from '../results.js';
import type { Session } from '../session.js';

export function registerHealth(server: McpServer, session: Session): void {
  server.registerTool(
    'watercooler_health',
    {
      description:
        'Use to check the server: version, your agent name, the store, thread and pending counts.',
      outputSchema: {
        status: z.string(),
        version: z.string(),
        agent: z.string(),
        store: z.object({ kind: z.string(), location: z.string(), threads_dir: z.string() }),
        threads: z.number().int(),
        pending: z.number().int(),
        watchers: z.number().int(),
        push: z.boolean(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () =>
      guard(session.deps.log, async () => {
        const { store, watcher, version, push } = session.deps;
        const { agent } = await session.identity();
        const [threads, pending] = await Promise.all([store.list(), store.pending()]);
        const structured = {
          status: 'healthy',
          version,
          agent,
          store: {
            kind: store.info.kind,
            location: store.info.location,
            threads_dir: store.info.threadsDir,
          },
          threads: threads.length,
          pending: pending.length,
          watchers: watcher.listenerCount,
          push: push === true,
        };
        const text = [
          `Watercooler MCP Server v${version}`,
          'Status: Healthy',
          `Agent: ${agent}`,
          `Store: ${store.info.kind} ${store.info.location}`,
          `Threads: ${threads.length} | Pending: ${pending.length}`,
        ].join('\n');
        return ok(structured, text);
      }),
  );
}
