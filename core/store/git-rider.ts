/**
 * A rider as it crosses from another machine (see git-tickets.ts): only appends, checked field by
 * field. Loaded only when a writer reads the line's riders, so zod stays off a command's start.
 */
import * as z from 'zod/mini';
import type { Operation } from '../operations.js';

const append = { topic: z.string(), agent: z.string(), entryId: z.string() };

const RiderSchema = z.object({
  writtenAt: z.optional(z.string()),
  op: z.union([
    z.looseObject({ kind: z.literal('say'), title: z.string(), body: z.string(), ...append }),
    z.looseObject({ kind: z.literal('ack'), ...append }),
    z.looseObject({ kind: z.literal('handoff'), ...append }),
  ]),
});

/** The operation and its author's time from a ticket's JSON, or null when it is not a rider. */
export function riderOf(json: string): { op: Operation; writtenAt?: Date } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  const checked = RiderSchema.safeParse(parsed);
  if (!checked.success) return null;
  const at = checked.data.writtenAt === undefined ? undefined : new Date(checked.data.writtenAt);
  return {
    op: checked.data.op as Operation,
    ...(at === undefined || Number.isNaN(at.getTime()) ? {} : { writtenAt: at }),
  };
}
