import { z } from 'zod';
import type { EntryJson, ListRow, ThreadJson, WriteResult } from '../core/index.js';

/**
 * The zod schemas of the `--json` shapes (SPEC §4) for the tools' output schemas. The shapes
 * themselves are core's types (core/views.ts); the checks at the end keep the two identical.
 */
const EntryJsonSchema = z.object({
  index: z.number().int(),
  entry_id: z.string().nullable(),
  agent: z.string(),
  timestamp: z.string(),
  role: z.string().nullable(),
  type: z.string().nullable(),
  title: z.string().nullable(),
  body: z.string(),
});

export const ThreadJsonSchema = z.object({
  topic: z.string(),
  title: z.string(),
  status: z.string(),
  ball: z.string(),
  created: z.string().nullable(),
  path: z.string(),
  entries: z.array(EntryJsonSchema),
});

export const ListRowSchema = z.object({
  topic: z.string(),
  title: z.string(),
  status: z.string(),
  ball: z.string(),
  updated: z.string().nullable(),
  entry_count: z.number().int(),
  last_agent: z.string().nullable(),
  is_new: z.boolean(),
  is_your_turn: z.boolean(),
  path: z.string(),
});

export const WriteResultSchema = z.object({
  topic: z.string(),
  operation: z.string(),
  entry_id: z.string().nullable(),
  ball: z.string(),
  status: z.string(),
  pending: z.boolean(),
});

// Compile-time: each schema describes exactly core's type, no more and no less.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const shapesMatch: [
  Same<z.infer<typeof EntryJsonSchema>, EntryJson>,
  Same<z.infer<typeof ThreadJsonSchema>, ThreadJson>,
  Same<z.infer<typeof ListRowSchema>, ListRow>,
  Same<Omit<z.infer<typeof WriteResultSchema>, 'operation'>, Omit<WriteResult, 'operation'>>,
] = [true, true, true, true];
void shapesMatch;

/**
 * A nested shape another tool's output schema spells out in full (an entry: read_thread; a
 * list row: list_threads; a write result: say): typed as an object here, named in its
 * description, so that tools/list stays small. The values are the same shapes.
 */
export const shapeOf = (what: string) => z.object({}).loose().describe(what);
