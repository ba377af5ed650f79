import { canonicalAgent } from '../agents.js';
import type { Operation, OperationContext } from '../operations.js';

/** The trailer that sanctions a rewrite of existing entries (SPEC §6); the validator reads it. */
export const REDACT_TRAILER = 'Watercooler-Redact';

/**
 * The commit message of one operation, for every store that commits (git, GitHub):
 * `<agent>: <operation> <topic>`, then trailers — `Watercooler-Entry-ID` for an append,
 * `Watercooler-Redact: <reason>` for a redaction (without it the validation Action fails the
 * push), `Watercooler-Topic` always, and `Spec:` when the caller gives one (MCP `agent_func`).
 */
export function commitMessageFor(
  op: Operation,
  ctx: Pick<OperationContext, 'registry' | 'user'>,
  entryId: string | null,
  options: { spec?: string } = {},
): string {
  const agent = 'agent' in op ? canonicalAgent(op.agent, ctx.registry, ctx.user) : 'watercooler';
  const trailers = [
    ...(entryId === null || op.kind === 'redact'
      ? []
      : [`Watercooler-Entry-ID: ${oneLine(entryId)}`]),
    ...(op.kind === 'redact' ? [`${REDACT_TRAILER}: ${oneLine(op.reason) || 'redacted'}`] : []),
    `Watercooler-Topic: ${oneLine(op.topic)}`,
    ...(options.spec === undefined || oneLine(options.spec) === ''
      ? []
      : [`Spec: ${oneLine(options.spec)}`]),
  ];
  return `${oneLine(agent)}: ${op.kind} ${oneLine(op.topic)}\n\n${trailers.join('\n')}\n`;
}

/** A trailer value is one line: a newline in it would forge another trailer. */
function oneLine(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
