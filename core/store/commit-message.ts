import { canonicalAgent } from '../agents.js';
import type { Operation, OperationContext } from '../operations.js';

/** The trailer that sanctions a rewrite of existing entries (SPEC §6); the validator reads it. */
export const REDACT_TRAILER = 'Watercooler-Redact';

/** One operation carried by a commit, with the Entry-ID it wrote (null when it wrote no entry). */
export interface CommitPart {
  op: Operation;
  entryId: string | null;
}

/**
 * The commit message, for every store that commits (git, GitHub): `<agent>: <operation> <topic>`,
 * or for a commit carrying several operations (the git store's group commit) `watercooler: N
 * operations` and one such line each; then the trailers — a `Watercooler-Entry-ID` per append,
 * `Watercooler-Redact: <reason>` per redaction (without it the validation Action fails the push),
 * `Watercooler-Topic` per thread, and `Spec:` when a caller gave one.
 */
export function commitMessageFor(
  parts: readonly CommitPart[],
  ctx: Pick<OperationContext, 'registry' | 'user'>,
): string {
  const line = ({ op }: CommitPart) => {
    const agent = 'agent' in op ? canonicalAgent(op.agent, ctx.registry, ctx.user) : 'watercooler';
    return `${oneLine(agent)}: ${op.kind} ${oneLine(op.topic)}`;
  };
  const unique = (values: string[]) => [...new Set(values)];
  const trailers = [
    ...parts.flatMap(({ op, entryId }) =>
      entryId === null || op.kind === 'redact' ? [] : [`Watercooler-Entry-ID: ${oneLine(entryId)}`],
    ),
    ...parts.flatMap(({ op }) =>
      op.kind === 'redact' ? [`${REDACT_TRAILER}: ${oneLine(op.reason) || 'redacted'}`] : [],
    ),
    ...unique(parts.map(({ op }) => `Watercooler-Topic: ${oneLine(op.topic)}`)),
    ...unique(
      parts.flatMap(({ op }) => {
        const spec = 'spec' in op && op.spec !== undefined ? oneLine(op.spec) : '';
        return spec === '' ? [] : [`Spec: ${spec}`];
      }),
    ),
  ];
  const [first] = parts;
  if (parts.length === 1 && first !== undefined)
    return `${line(first)}\n\n${trailers.join('\n')}\n`;
  return `watercooler: ${parts.length} operations\n\n${parts.map(line).join('\n')}\n\n${trailers.join('\n')}\n`;
}

/** A trailer value is one line: a newline in it would forge another trailer. */
function oneLine(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
