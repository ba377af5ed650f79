import {
  type AgentRegistry,
  canonicalBase,
  counterpartOf,
  sameAgent,
  splitAgent,
} from './agents.js';
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
 * Who gets the ball when `agent` passes it: the registry's counterpart — played, on this thread,
 * by whoever last wrote under that name or under a name whose counterpart is `agent` (Alice's
 * Claude Code passes to Bob's Codex, not to a "Codex (alice)" nobody runs; Codex passes back to
 * the Claude Code that wrote). An agent with no counterpart passes to the last other author on
 * the thread, else keeps it with the holder someone else set (`init-thread --ball`), else to the
 * configured default.
 */
export function nextBall(
  agent: string,
  entries: readonly Entry[],
  registry: AgentRegistry,
  defaultBall: string,
  holder = '',
): string {
  const counterpart = counterpartOf(agent, registry);
  if (counterpart === null) {
    const other = lastOtherAuthor(entries, agent, registry);
    if (other !== null) return other;
    return holder.trim() !== '' && !sameAgent(holder, agent, registry) ? holder : defaultBall;
  }
  const target = splitAgent(counterpart);
  const speaker = splitAgent(agent);
  // A user tag the registry named explicitly is kept; one inherited from the speaker yields to the thread.
  if (target.user !== null && target.user !== speaker.user) return counterpart;
  const roles = playersOf(canonicalBase(target.base, registry), speaker.base, registry);
  for (let i = entries.length - 1; i >= 0; i--) {
    const who = entries[i]?.agent;
    if (who === undefined || sameAgent(who, agent, registry)) continue;
    if (roles.has(canonicalBase(splitAgent(who).base, registry).toLowerCase())) return who;
  }
  return counterpart;
}

/** The names that can answer `speaker`: its counterpart, and every name that passes to it. */
function playersOf(counterpart: string, speaker: string, registry: AgentRegistry): Set<string> {
  const me = canonicalBase(speaker, registry).toLowerCase();
  const roles = new Set([counterpart.toLowerCase()]);
  for (const [from, to] of Object.entries(registry.counterpart)) {
    const base = splitAgent(from).base;
    if (canonicalBase(splitAgent(to).base, registry).toLowerCase() === me)
      roles.add(canonicalBase(base, registry).toLowerCase());
  }
  return roles;
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
