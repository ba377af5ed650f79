import { z } from 'zod';

/**
 * The `--json` shapes of SPEC §4. Scripts and the MCP server's `structuredContent` share them,
 * so they are a contract: add keys, never rename or drop one.
 */
export const EntryJsonSchema = z.object({
  index: z.number().int(),
  entry_id: z.string().nullable(),
  agent: z.string(),
  timestamp: z.string(),
  role: z.string().nullable(),
  type: z.string().nullable(),
  title: z.string().nullable(),
  body: z.string(),
});
export type EntryJson = z.infer<typeof EntryJsonSchema>;

export const ThreadJsonSchema = z.object({
  topic: z.string(),
  title: z.string(),
  status: z.string(),
  ball: z.string(),
  created: z.string().nullable(),
  path: z.string(),
  entries: z.array(EntryJsonSchema),
});
export type ThreadJson = z.infer<typeof ThreadJsonSchema>;

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
export type ListRow = z.infer<typeof ListRowSchema>;

export const WriteResultSchema = z.object({
  topic: z.string(),
  operation: z.string(),
  entry_id: z.string().nullable(),
  ball: z.string(),
  status: z.string(),
  pending: z.boolean(),
});
