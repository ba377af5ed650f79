import { type AgentRegistry, counterpartOf, sameAgent } from './agents.js';
import { isClosedStatus } from './thread/entry.js';
import type { Entry } from './thread/parse.js';

/** The author of the most recent entry by someone other than `agent`, if any. */
function lastOtherAuthor(
  entries: readonly Entry[],
  agent: string,
  registry: AgentRegistry,
): string | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const who = entries[i]?.agent;
    if (who !== undefined && !sameAgent(who, agent, registry)) return who;
  }
  return null;
}

/**
 * Who gets the ball when `agent` passes it: the registry's counterpart; else (the Python tool
 * kept it with the speaker, so `Claude Code` and `Cursor` never passed it) the last other
 * author on the thread; else the configured default.
 */
export function nextBall(
  agent: string,
  entries: readonly Entry[],
  registry: AgentRegistry,
  defaultBall: string,
): string {
  return counterpartOf(agent, registry) ?? lastOtherAuthor(entries, agent, registry) ?? defaultBall;
}

/** "Your turn": the ball is `me`'s, compared by base name and user, case-insensitively. */
export function isYourTurn(ball: string, me: string, registry?: AgentRegistry): boolean {
  return ball.trim() !== '' && sameAgent(ball, me, registry);
}

/** "New for you": the thread is open, the ball is yours, and its last entry is not. */
export function isNewFor(
  thread: { status: string; ball: string; last_agent: string | null },
  me: string,
  registry?: AgentRegistry,
): boolean {
  if (isClosedStatus(thread.status) || !isYourTurn(thread.ball, me, registry)) return false;
  return thread.last_agent !== null && !sameAgent(thread.last_agent, me, registry);
}
