import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { WriteResultSchema } from '../schemas.js';
import { guard } from '../results.js';
import type { Session } from '../session.js';
import { agentFuncArg, topicArg, readThread } from './args.js';
import { applyWrite } from './write.js';

/** Built once per process: every session registers the same schemas (memory per session). */
const CONFIG = {
  description:
    'Use to change a thread status: OPEN, IN_REVIEW, BLOCKED, CLOSED, MERGED, RESOLVED, ABANDONED, OBSOLETE, or a word of your own.',
  // No `force` any more: every one-line status is written (an old client's force is ignored).
  inputSchema: z.object({
    topic: topicArg,
    status: z.string(),
    agent_func: agentFuncArg,
  }),
  outputSchema: WriteResultSchema,
  annotations: {
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
};

export function registerSetStatus(server: McpServer, session: Session): void {
  server.registerTool('watercooler_set_status', CONFIG, (args) =>
    guard(session.log, async () => {
      await session.identity(args.agent_func); // validates agent_func
      await readThread(session.deps.store, args.topic); // an unknown topic gets the closest ones, never a new thread
      return applyWrite(
        session,
        {
          kind: 'set-status',
          topic: args.topic,
          status: args.status,
        },
        (r) => `Status of "${r.topic}" is now ${r.status}.`,
      );
    }),
  );
}
