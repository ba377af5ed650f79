import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/**
 * One session's recent SSE events, so that a client whose stream broke can resume with
 * Last-Event-ID (and so that the SDK sends the priming event and `retry:` that tell it to).
 * Bounded: the last `limit` events of the session; the rest are gone, as after a restart.
 */
export class SessionEventStore implements EventStore {
  private seq = 0;
  private readonly events = new Map<string, { streamId: string; message: JSONRPCMessage }>();

  constructor(private readonly limit = 64) {}

  /** Stores one event and returns its id at once (the priming of a GET stream cannot wait). */
  record(streamId: string, message: JSONRPCMessage | Record<string, never>): string {
    const id = `${streamId}.${++this.seq}`;
    this.events.set(id, { streamId, message: message as JSONRPCMessage });
    if (this.events.size > this.limit) {
      const oldest = this.events.keys().next().value;
      if (oldest !== undefined) this.events.delete(oldest);
    }
    return id;
  }

  storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    return Promise.resolve(this.record(streamId, message));
  }

  getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    return Promise.resolve(this.events.get(eventId)?.streamId);
  }

  async replayEventsAfter(
    lastEventId: string,
    { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> },
  ): Promise<string> {
    const last = this.events.get(lastEventId);
    if (last === undefined) return '';
    let after = false;
    for (const [id, event] of this.events) {
      if (id === lastEventId) after = true;
      // The priming event carries no message (an empty object): nothing to replay for it.
      else if (after && event.streamId === last.streamId && 'jsonrpc' in event.message)
        await send(id, event.message);
    }
    return last.streamId;
  }
}
