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
    'Use to give the ball to an agent ("Name" or "Name (user)") without writing an entry.',
  inputSchema: z.object({
    topic: topicArg,
    agent: z.string(),
    agent_func: agentFuncArg,
  }),
  outputSchema: WriteResultSchema,
  annotations: {
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
};

export function registerSetBall(server: McpServer, session: Session): void {
  server.registerTool('watercooler_set_ball', CONFIG, (args) =>
    guard(session.log, async () => {
      await session.identity(args.agent_func);
      await readThread(session.deps.store, args.topic); // an unknown topic gets the closest ones, never a new thread
      return applyWrite(
        session,
        { kind: 'set-ball', topic: args.topic, ball: args.agent },
        (r) => `Ball of "${r.topic}" is now with ${r.ball}.`,
      );
    }),
  );
}
