import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

type Handler = (request: unknown, extra: unknown) => Promise<unknown>;

const SAFE = Number.MAX_SAFE_INTEGER;

/** Drops what carries no meaning for a model but costs it tokens in every session. */
function strip(node: unknown, inOutput: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => strip(n, inOutput));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema') continue; // the same draft-07 URL on every schema
    if (key === 'minimum' && value === -SAFE) continue; // zod's int() bounds
    if (key === 'maximum' && value === SAFE) continue;
    if (key === 'additionalProperties' && value === false && inOutput) continue;
    if (key === 'execution' && JSON.stringify(value) === '{"taskSupport":"forbidden"}') continue; // the default
    out[key] = strip(value, inOutput || key === 'outputSchema');
  }
  return out;
}

/**
 * Agents pay for `tools/list` in every session (SPEC §5: under 4,000 tokens), and a third of
 * what the SDK emits is boilerplate: a `$schema` URL per schema, ±2^53 bounds per integer, the
 * default task support. This wraps the SDK's own handler and strips those; the schemas keep
 * their meaning. If a future SDK stores handlers elsewhere, the list is served unchanged.
 */
export function compactToolList(server: McpServer): void {
  const handlers = (server.server as unknown as { _requestHandlers?: Map<string, Handler> })
    ._requestHandlers;
  const original = handlers?.get('tools/list');
  if (handlers === undefined || original === undefined) return;
  handlers.set('tools/list', async (request, extra) =>
    strip(await original(request, extra), false),
  );
}
