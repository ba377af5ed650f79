import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { shapeOf } from '../schemas.js';
import { guard, ok } from '../results.js';
import type { Session } from '../session.js';

export function registerSync(server: McpServer, session: Session): void {
  server.registerTool(
    'watercooler_sync',
    {
      description:
        'Use after working offline: replays queued writes to the remote (action "status": only report them).',
      inputSchema: {
        action: z.enum(['now', 'flush', 'status', 'inspect']).optional(),
      },
      outputSchema: {
        replayed: z.array(shapeOf('A write result, as say gives it')),
        pending: z.number().int(),
      },
      annotations: {
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      },
    },
    (args) =>
      guard(session.deps.log, async () => {
        const { store } = session.deps;
        if (args.action === 'status' || args.action === 'inspect') {
          const pending = await store.pending();
          const lines = pending.map(
            (p) =>
              `- ${p.op.kind} "${p.op.topic}" queued ${p.queuedAt}${p.lastError === null ? '' : `: ${p.lastError}`}`,
          );
          return ok(
            { replayed: [], pending: pending.length },
            [`${pending.length} pending operation(s).`, ...lines].join('\n'),
          );
        }
        const report = await store.sync();
        const text = `Replayed ${report.replayed.length} operation(s); ${report.pending.length} still pending.`;
        return ok(
          { replayed: report.replayed.map((r) => ({ ...r })), pending: report.pending.length },
          text,
        );
      }),
  );
}
