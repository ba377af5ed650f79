import type { IncomingMessage, ServerResponse } from 'node:http';

/** A refusal the HTTP layer answers itself, before (or instead of) the SDK's transport. */
export interface JsonRpcReply {
  status: number;
  message: string;
  /** JSON-RPC error code (default -32000, the transport-level error). */
  code?: number;
  headers?: Record<string, string>;
  /** Sent instead of the JSON-RPC shape: an OAuth error body for OAuth clients (RFC 6749 §5.2). */
  oauth?: { error: string; error_description: string };
}

export function reply(res: ServerResponse, r: JsonRpcReply): void {
  res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
  const body = r.oauth ?? {
    jsonrpc: '2.0',
    error: { code: r.code ?? -32000, message: r.message },
    id: null,
  };
  res.end(JSON.stringify(body));
}

/**
 * The largest request body accepted. A maximal entry is far smaller (core refuses an oversized
 * entry with its own clear error, which is what a client should see); this only stops a
 * runaway upload from filling memory. JSON escaping can make a body several times its text.
 */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Reads one POSTed JSON-RPC message; a batch, bad JSON or an oversized body is a reply. */
export async function readMessage(
  req: IncomingMessage,
): Promise<{ message: unknown } | { refused: JsonRpcReply }> {
  const declared = Number(req.headers['content-length']);
  const tooLarge: JsonRpcReply = {
    status: 413,
    message: `The request body is over ${MAX_BODY_BYTES / 1024 / 1024} MiB.`,
  };
  if (declared > MAX_BODY_BYTES) return { refused: tooLarge };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { refused: tooLarge };
    chunks.push(chunk);
  }
  let message: unknown;
  try {
    message = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return {
      refused: { status: 400, code: -32700, message: 'Parse error: the body is not JSON.' },
    };
  }
  if (Array.isArray(message)) {
    return {
      refused: {
        status: 400,
        code: -32600,
        message:
          'Invalid Request: JSON-RPC batches are not supported (MCP removed them in 2025-06-18); send one message per request.',
      },
    };
  }
  return { message };
}
