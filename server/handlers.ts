import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import {
  type ErrorCode as WatercoolerCode,
  closestTopics,
  isWatercoolerError,
} from '../core/index.js';

type Handler = (request: unknown, extra: unknown) => Promise<unknown>;

/** JSON-RPC "resource not found" (MCP resources spec). */
const RESOURCE_NOT_FOUND = -32002;

function handlers(server: McpServer): Map<string, Handler> | undefined {
  return (server.server as unknown as { _requestHandlers?: Map<string, Handler> })._requestHandlers;
}

/** Replaces the SDK's handler for `method` with `wrap(original)`; a no-op if there is none. */
export function wrapHandler(
  server: McpServer,
  method: string,
  wrap: (original: Handler) => Handler,
): void {
  const map = handlers(server);
  const original = map?.get(method);
  if (map !== undefined && original !== undefined) map.set(method, wrap(original));
}

/**
 * A JSON-RPC error as the SDK sends it (it reads `code`, `message` and `data`). Not McpError,
 * whose message repeats "MCP error -32602:" in front of ours.
 */
class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

interface Issue {
  path: PropertyKey[];
  message: string;
}

/** `params.name: Invalid input: expected string, received undefined`, one clause per issue. */
function describeIssues(method: string, issues: readonly Issue[]): string {
  const parts = issues.slice(0, 5).map((i) => {
    const path = i.path.map(String).join('.');
    return path === '' ? i.message : `${path}: ${i.message}`;
  });
  return `Invalid ${method} request: ${parts.join('; ')}.`;
}

const SCHEMAS: Record<string, { safeParse(v: unknown): { error?: { issues: Issue[] } } }> = {
  'tools/call': CallToolRequestSchema,
  'resources/read': ReadResourceRequestSchema,
  'resources/subscribe': SubscribeRequestSchema,
  'resources/unsubscribe': UnsubscribeRequestSchema,
  'prompts/get': GetPromptRequestSchema,
  'completion/complete': CompleteRequestSchema,
};

/**
 * A `tools/call` naming no tool of this server is a protocol error (-32602, the MCP tools spec's
 * example), naming the closest tools; the SDK answers it as a tool result ("MCP error -32602:
 * Tool x not found" with isError), which a client cannot tell from the tool failing.
 */
function unknownTool(server: McpServer, request: unknown): ProtocolError | null {
  const registered = (server as unknown as { _registeredTools?: Record<string, unknown> })
    ._registeredTools;
  const name = String((request as { params: { name: unknown } }).params.name);
  if (registered === undefined || Object.hasOwn(registered, name)) return null;
  const near = closestTopics(name, Object.keys(registered));
  const guess = near.length > 0 ? ` Did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : '';
  return new ProtocolError(
    ErrorCode.InvalidParams,
    `Unknown tool "${name}".${guess} tools/list names every tool.`,
    { tool: name },
  );
}

/**
 * A request with malformed params is -32602 with one readable line (the SDK's own check puts a
 * raw validation dump in the message, or answers -32603), and so is a call of an unknown tool;
 * a Watercooler error thrown by a resource or prompt handler becomes the JSON-RPC code its
 * meaning has instead of -32603: an unknown thread is -32002 for a resource read and -32602
 * elsewhere.
 */
export function normalizeProtocolErrors(server: McpServer): void {
  for (const [method, schema] of Object.entries(SCHEMAS)) {
    wrapHandler(server, method, (original) => async (request, extra) => {
      const checked = schema.safeParse(request);
      if (checked.error !== undefined)
        throw new ProtocolError(
          ErrorCode.InvalidParams,
          describeIssues(method, checked.error.issues),
        );
      const refused = method === 'tools/call' ? unknownTool(server, request) : null;
      if (refused !== null) throw refused;
      try {
        return await original(request, extra);
      } catch (err) {
        throw toProtocolError(method, request, err);
      }
    });
  }
}

/** Codes that say the request named something wrong; the rest are the server's own trouble. */
const BAD_PARAMS = new Set<WatercoolerCode>([
  'INVALID_INPUT',
  'INVALID_TOPIC',
  'THREAD_NOT_FOUND',
  'ENTRY_NOT_FOUND',
]);

function toProtocolError(method: string, request: unknown, err: unknown): unknown {
  const uri = (request as { params?: { uri?: unknown } }).params?.uri;
  if (
    method === 'resources/read' &&
    err instanceof McpError &&
    err.code === ErrorCode.InvalidParams &&
    /Resource .* not found/.test(err.message)
  ) {
    return new ProtocolError(RESOURCE_NOT_FOUND, `Resource ${String(uri)} not found.`, { uri });
  }
  // The SDK's own McpError repeats "MCP error -32602:" in its message; the client adds it again.
  if (err instanceof McpError)
    return new ProtocolError(err.code, err.message.replace(/^MCP error -?\d+: /, ''), err.data);
  if (!isWatercoolerError(err)) return err;
  const message = err.hint === undefined ? err.message : `${err.message} ${err.hint}`;
  if (method === 'resources/read' && err.code === 'THREAD_NOT_FOUND')
    return new ProtocolError(RESOURCE_NOT_FOUND, message, { uri });
  const code = BAD_PARAMS.has(err.code) ? ErrorCode.InvalidParams : ErrorCode.InternalError;
  return new ProtocolError(code, message, { code: err.code });
}
