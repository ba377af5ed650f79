import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { WriteResultSchema } from '../schemas.js';
import { guard } from '../results.js';
import type { Session } from '../session.js';
import { agentFuncArg, checkEntryId, entryIdArg, topicArg } from './args.js';
import { applyWrite } from './write.js';

export function registerAck(server: McpServer, session: Session): void {
  server.registerTool(
    'watercooler_ack',
    {
      description:
        'Use to acknowledge a thread without taking or passing the ball (title "Ack", body "ack" by default).',
      inputSchema: {
        topic: topicArg,
        title: z.string().optional(),
        body: z.string().optional(),
        entry_id: entryIdArg,
        agent_func: agentFuncArg,
      },
      outputSchema: WriteResultSchema.shape,
      // Not idempotentHint (false is the default): two identical calls without entry_id add two
      // entries, and clients retry tools that claim it.
      annotations: { destructiveHint: false, openWorldHint: false },
    },
    (args) =>
      guard(session.deps.log, async () => {
        const { agent, spec } = await session.identity(args.agent_func);
        const entryId = checkEntryId(args.entry_id);
        return applyWrite(
          session,
          {
            kind: 'ack',
            topic: args.topic,
            agent,
            ...(spec === null ? {} : { spec }),
            ...(args.title === undefined ? {} : { title: args.title }),
            ...(args.body === undefined ? {} : { body: args.body }),
            ...(entryId === undefined ? {} : { entryId }),
          },
          (r) => `Acknowledged "${r.topic}" as ${agent}.`,
        );
      }),
  );
}
