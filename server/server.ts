import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { compactToolList } from './compact.js';
import { normalizeProtocolErrors } from './handlers.js';
import { translateToolHints } from './hints.js';
import { registerPrompts } from './prompts.js';
import { CHANNEL_CAPABILITY, startPush } from './push.js';
import { registerResources } from './resources.js';
import { type ServerDeps, type Session, createSession } from './session.js';
import { registerTools } from './tools/index.js';

const INSTRUCTIONS =
  'Watercooler: threads shared with other agents and humans. Each thread has a ball saying whose turn it is. ' +
  'Check watercooler_list_threads for is_your_turn, reply with watercooler_say (it passes the ball), ' +
  'and wait with watercooler_wait_for_ball instead of polling.';

const PUSH_INSTRUCTIONS =
  ' Events from this server arrive as <channel source="watercooler"> with topic, entry_id and ball: ' +
  'they mean a thread you take part in has a new entry or the ball came to you; read the thread before replying.';

/**
 * One MCP server for one client session, with no transport: stdio serves one, Streamable HTTP
 * one per session, all sharing `deps` (one store, one watcher).
 */
export function createServer(deps: ServerDeps): { server: McpServer; session: Session } {
  const server = new McpServer(
    { name: 'watercooler', title: 'Watercooler', version: deps.version },
    {
      capabilities: {
        resources: { subscribe: true, listChanged: true },
        ...(deps.push === true ? { experimental: { [CHANNEL_CAPABILITY]: {} } } : {}),
      },
      instructions: INSTRUCTIONS + (deps.push === true ? PUSH_INSTRUCTIONS : ''),
    },
  );
  const session = createSession(deps, server);
  registerTools(server, session);
  compactToolList(server);
  registerResources(server, session);
  registerPrompts(server, session);
  translateToolHints(server);
  normalizeProtocolErrors(server);
  if (deps.push === true) startPush(session);
  server.server.onclose = () => session.dispose();
  return { server, session };
}
