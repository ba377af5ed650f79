import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { wrapHandler } from './handlers.js';

const SAFE = Number.MAX_SAFE_INTEGER;

type Node = Record<string, unknown>;

/**
 * `type: ["string", "null"]` as `anyOf` branches of one type each: several clients read `type`
 * as a single string and reject the tool or drop the constraint (the Inspector warns on it).
 */
function portableType(node: Node): Node {
  const { type, ...rest } = node;
  if (!Array.isArray(type)) return node;
  return { anyOf: type.map((t: unknown) => ({ type: t })), ...rest };
}

/** Drops what carries no meaning for a model but costs it tokens in every session. */
function strip(node: unknown, inOutput: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => strip(n, inOutput));
  if (node === null || typeof node !== 'object') return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema') continue; // the same draft-07 URL on every schema
    if (key === 'minimum' && value === -SAFE) continue; // zod's int() bounds
    if (key === 'maximum' && value === SAFE) continue;
    if (key === 'execution' && JSON.stringify(value) === '{"taskSupport":"forbidden"}') continue; // the default
    if (inOutput) {
      // The server always sends every field (null when empty); the types say the rest.
      if (key === 'required') continue;
      if (key === 'additionalProperties' && (value === false || isEmpty(value))) continue;
      if (key === 'properties' && isEmpty(value)) continue;
    }
    out[key] = strip(value, inOutput || key === 'outputSchema');
  }
  return portableType(out);
}

const isEmpty = (value: unknown) =>
  value !== null && typeof value === 'object' && Object.keys(value).length === 0;

/** The `tools/list` result as clients see it (exported for the bench and tests). */
function compactTools(list: unknown): unknown {
  return strip(list, false);
}

/**
 * Agents pay for `tools/list` in every session (under 3,000 cl100k tokens, `npm run bench`),
 * and much of what the SDK emits is boilerplate: a `$schema` URL per schema, ±2^53 bounds per
 * integer, the default task support, `required` lists repeating every output field. This wraps
 * the SDK's own handler and strips those, and spells nullable types portably. If a future SDK
 * stores handlers elsewhere, the list is served unchanged.
 */
export function compactToolList(server: McpServer): void {
  wrapHandler(
    server,
    'tools/list',
    (original) => async (request, extra) => compactTools(await original(request, extra)),
  );
}
