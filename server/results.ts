import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isWatercoolerError, redact } from '../core/index.js';

/** A data result: `structuredContent` for clients that read it, text for those that do not. */
export function ok(structured: Record<string, unknown>, text?: string): CallToolResult {
  return {
    content: [{ type: 'text', text: text ?? JSON.stringify(structured, null, 2) }],
    structuredContent: structured,
  };
}

/**
 * A failure the model can act on: the error code, what happened and what to do next. Never a
 * JSON-RPC error, because a client shows those to the user and not to the model.
 */
function fail(err: unknown, log: (line: string) => void): CallToolResult {
  if (isWatercoolerError(err)) {
    const text = `${err.code}: ${err.message}${err.hint === undefined ? '' : `\n${err.hint}`}`;
    return { isError: true, content: [{ type: 'text', text }] };
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  log(`internal error: ${redact(detail)}`);
  return {
    isError: true,
    content: [
      {
        type: 'text',
        text: 'INTERNAL: The Watercooler server hit an unexpected error; the details are in its log (stderr). Retrying with the same entry_id is safe; if it keeps failing, please report it.',
      },
    ],
  };
}

/** Runs a tool body, turning any throw into an `isError` result. */
export async function guard(
  log: (line: string) => void,
  body: () => Promise<CallToolResult>,
): Promise<CallToolResult> {
  try {
    return await body();
  } catch (err) {
    return fail(err, log);
  }
}
