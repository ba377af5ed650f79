import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { WriteResultSchema } from '../schemas.js';
import { guard } from '../results.js';
import type { Session } from '../session.js';
import { agentFuncArg, checkEntryId, entryIdArg, topicArg } from './args.js';
import { applyWrite } from './write.js';

export function registerHandoff(server: McpServer, session: Session): void {
  server.registerTool(
    'watercooler_handoff',
    {
      description:
        'Use to hand the ball to target_agent (default: the counterpart of the holder) with an entry "Handoff to …"; note is its body.',
      inputSchema: {
        topic: topicArg,
        note: z.string().optional(),
        target_agent: z.string().optional(),
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
            kind: 'handoff',
            topic: args.topic,
            agent,
            ...(spec === null ? {} : { spec }),
            ...(args.target_agent === undefined || args.target_agent === ''
              ? {}
              : { to: args.target_agent }),
            ...(args.note === undefined || args.note === '' ? {} : { note: args.note }),
            ...(entryId === undefined ? {} : { entryId }),
          },
          (r) => `Ball handed off to ${r.ball} on "${r.topic}".`,
        );
      }),
  );
}
