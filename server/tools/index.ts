import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Session } from '../session.js';
import { registerAck } from './ack.js';
import { registerGetThreadEntryRange } from './get-thread-entry-range.js';
import { registerGetThreadEntry } from './get-thread-entry.js';
import { registerHandoff } from './handoff.js';
import { registerHealth } from './health.js';
import { registerListThreadEntries } from './list-thread-entries.js';
import { registerListThreads } from './list-threads.js';
import { registerReadThread } from './read-thread.js';
import { registerReindex } from './reindex.js';
import { registerSay } from './say.js';
import { registerSearch } from './search.js';
import { registerSetBall } from './set-ball.js';
import { registerSetStatus } from './set-status.js';
import { registerSync } from './sync.js';
import { registerWaitForBall } from './wait-for-ball.js';
import { registerWhoami } from './whoami.js';

/** Every tool of SPEC §5, in the order `tools/list` shows them. */
export function registerTools(server: McpServer, session: Session): void {
  for (const register of [
    registerHealth,
    registerWhoami,
    registerListThreads,
    registerReadThread,
    registerListThreadEntries,
    registerGetThreadEntry,
    registerGetThreadEntryRange,
    registerSay,
    registerAck,
    registerHandoff,
    registerSetStatus,
    registerSetBall,
    registerSearch,
    registerReindex,
    registerSync,
    registerWaitForBall,
  ]) {
    register(server, session);
  }
}
