/**
 * Who may receive the ball on a thread, for a surface that offers a choice (the TUI's hand-off
 * picker) and checks what was typed: a free-text name became the ball as typed (`Claude` while
 * the participant is `Claude (alice)`), and nobody was ever told the ball then matched no one.
 */
import { type AgentRegistry, canonicalAgent, sameAgent, splitAgent } from './agents.js';
import { nextBall } from './ball.js';
import type { Thread } from './thread/parse.js';

export interface HandoffTarget {
  /** The name the ball gets, canonical (`Name (user)` when known). */
  name: string;
  /** Why it is offered. */
  source: 'default' | 'participant' | 'registry';
}

/**
 * The default (where the ball goes with no target), then the thread's participants (newest
 * first), then the registry's agents nobody on the thread plays yet (tagged with `me`'s user, as
 * a counterpart inherits it). Never `me`; each person once.
 */
export function handoffTargets(
  thread: Thread,
  me: string,
  registry: AgentRegistry,
  defaultBall: string,
): HandoffTarget[] {
  const out: HandoffTarget[] = [];
  const add = (name: string, source: HandoffTarget['source']) => {
    if (name.trim() === '' || sameAgent(name, me, registry)) return;
    const untagged = splitAgent(name).user === null;
    const taken = (t: HandoffTarget) =>
      sameAgent(t.name, name, registry) && (untagged || splitAgent(t.name).user !== null);
    if (out.some(taken)) return;
    out.push({ name, source });
  };
  add(nextBall(me, thread.entries, registry, defaultBall), 'default');
  for (let i = thread.entries.length - 1; i >= 0; i--) {
    const who = thread.entries[i]?.agent;
    if (who !== undefined) add(canonicalAgent(who, registry), 'participant');
  }
  if (thread.header.ball !== '') add(canonicalAgent(thread.header.ball, registry), 'participant');
  const user = splitAgent(me).user;
  const names = new Set([
    ...Object.values(registry.canonical),
    ...Object.keys(registry.counterpart),
  ]);
  for (const name of names) {
    const tagged = splitAgent(name).user !== null || user === null ? name : `${name} (${user})`;
    if (!out.some((t) => sameAgent(t.name, tagged, registry))) add(tagged, 'registry');
  }
  return out;
}

/**
 * What a typed target names among `targets`: an exact name, else the one target it matches by
 * base name (`claude` → `Claude (alice)`). `ambiguous` lists the candidates when several match.
 */
export function resolveHandoffTarget(
  typed: string,
  targets: readonly HandoffTarget[],
  registry: AgentRegistry,
): { name: string } | { unknown: true } | { ambiguous: string[] } {
  const want = typed.trim();
  const exact = targets.find((t) => t.name.toLowerCase() === want.toLowerCase());
  if (exact !== undefined) return { name: exact.name };
  const matches = targets.filter((t) => sameAgent(t.name, want, registry));
  const first = matches[0];
  if (first === undefined) return { unknown: true };
  if (matches.length === 1) return { name: first.name };
  return { ambiguous: matches.map((t) => t.name) };
}
