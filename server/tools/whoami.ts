import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { guard, ok } from '../results.js';
import type { Session } from '../session.js';

/** Built once per process: every session registers the same schemas (memory per session). */
const CONFIG = {
  description:
    'Use to learn the agent name your entries are written under and balls are matched against.',
  outputSchema: z.object({
    agent: z.string(),
    user: z.string().nullable(),
    client: z.string().nullable(),
    source: z.string(),
  }),
  annotations: { readOnlyHint: true, openWorldHint: false },
};

export function registerWhoami(server: McpServer, session: Session): void {
  server.registerTool('watercooler_whoami', CONFIG, () =>
    guard(session.log, async () => {
      const { agent } = await session.identity();
      const client = session.clientName();
      const source =
        session.deps.agent !== undefined && session.deps.agent.trim() !== ''
          ? 'agent flag'
          : client === null
            ? 'default'
            : 'clientInfo';
      const structured = { agent, user: session.deps.user ?? null, client, source };
      return ok(structured, `You are: ${agent}\nClient: ${client ?? 'unknown'}\nFrom: ${source}`);
    }),
  );
}
