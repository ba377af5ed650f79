import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionEventStore } from './event-store.js';

/** The SDK's stream id for a session's standalone GET stream: a resume must map back to it. */
const STANDALONE_STREAM = '_GET_stream';

/** Priming sends empty `data:`, which clients before this version cannot read (the SDK's rule). */
const FIRST_PRIMED_VERSION = '2025-11-25';

/**
 * The SDK (1.32.2) primes POST streams only. A GET that opens a session's standalone stream gets
 * the same first event here, an id and `retry:` with empty data, so a client whose stream broke
 * reconnects with Last-Event-ID and is replayed the notifications sent meanwhile.
 */
export function primeStandaloneStream(
  req: IncomingMessage,
  res: ServerResponse,
  events: SessionEventStore,
  retryMs: number,
): void {
  if (req.method !== 'GET' || req.headers['last-event-id'] !== undefined) return;
  // Without the header the SDK assumes 2025-03-26, too old for an empty event.
  const version = req.headers['mcp-protocol-version'];
  if (typeof version !== 'string' || version < FIRST_PRIMED_VERSION) return;
  // The SDK answers such a GET with 200 only when it opens the stream (refusals are 4xx JSON),
  // and writes the head before any event: the priming event goes right after it.
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    writeHead(...args);
    if (res.statusCode === 200)
      res.write(`id: ${events.record(STANDALONE_STREAM, {})}\nretry: ${retryMs}\ndata: \n\n`);
    return res;
  }) as typeof res.writeHead;
}
