import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { WriteResultSchema } from '../schemas.js';
import { guard } from '../results.js';
import type { Session } from '../session.js';
import { agentFuncArg, checkEntryId, entryIdArg, topicArg } from './args.js';
import { applyWrite } from './write.js';

export function registerSay(server: McpServer, session: Session): void {
  server.registerTool(
    'watercooler_say',
    {
      description:
        'Use to post to a thread (creates it if missing); passes the ball to the other party unless `ball` is given.',
      inputSchema: {
        topic: topicArg,
        title: z.string().describe('One line'),
        body: z.string().describe('Markdown'),
        role: z.enum(['planner', 'critic', 'implementer', 'tester', 'pm', 'scribe']).optional(),
        entry_type: z.enum(['Note', 'Plan', 'Decision', 'PR', 'Closure']).optional(),
        ball: z.string().optional().describe('Who gets the ball'),
        status: z.string().optional(),
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
            kind: 'say',
            topic: args.topic,
            agent,
            ...(spec === null ? {} : { spec }),
            title: args.title,
            body: args.body,
            ...(args.role === undefined ? {} : { role: args.role }),
            ...(args.entry_type === undefined ? {} : { type: args.entry_type }),
            ...(args.ball === undefined || args.ball === '' ? {} : { ball: args.ball }),
            ...(args.status === undefined || args.status === '' ? {} : { status: args.status }),
            ...(entryId === undefined ? {} : { entryId }),
          },
          (r) => `Entry added to "${r.topic}" as ${agent}.`,
        );
      }),
  );
}
