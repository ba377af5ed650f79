import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { WatercoolerError, toListRow, topicFileStem } from '../core/index.js';
import type { Session } from './session.js';
import { isTopic, readThread } from './tools/args.js';

const LIST_URI = 'watercooler://threads';
const THREAD_PREFIX = `${LIST_URI}/`;

export const threadUri = (topic: string) => `${THREAD_PREFIX}${encodeURIComponent(topic)}`;

/** The topic a thread URI names (percent-decoded), or null for the list URI. */
function topicOfUri(uri: string): string | null {
  if (uri === LIST_URI) return null;
  if (!uri.startsWith(THREAD_PREFIX)) {
    throw new WatercoolerError('INVALID_INPUT', `Unknown resource ${uri}.`, {
      hint: `Use ${LIST_URI} or ${THREAD_PREFIX}{topic}.`,
    });
  }
  return decodeURIComponent(uri.slice(THREAD_PREFIX.length));
}

/** Topics starting with (then containing) what was typed, for `completion/complete`. */
export async function completeTopic(session: Session, typed: string): Promise<string[]> {
  const wanted = typed.toLowerCase();
  const topics = (await session.deps.store.list()).map((s) => s.topic);
  const starts = topics.filter((t) => t.toLowerCase().startsWith(wanted));
  const contains = topics.filter(
    (t) => !t.toLowerCase().startsWith(wanted) && t.toLowerCase().includes(wanted),
  );
  return [...starts, ...contains].slice(0, 100);
}

export function registerResources(server: McpServer, session: Session): void {
  const { store } = session.deps;
  server.registerResource(
    'threads',
    LIST_URI,
    {
      title: 'Watercooler threads',
      description:
        'Every thread as one JSON row, as watercooler_list_threads gives (whose turn, what is new).',
      mimeType: 'application/json',
    },
    async (uri) => {
      const { agent, registry } = await session.identity();
      const rows = (await store.list()).map((s) => toListRow(s, agent, registry));
      return {
        contents: [
          { uri: uri.href, mimeType: 'application/json', text: JSON.stringify(rows, null, 2) },
        ],
      };
    },
  );
  server.registerResource(
    'thread',
    new ResourceTemplate(`${THREAD_PREFIX}{topic}`, {
      list: async () => ({
        resources: (await store.list()).map((s) => ({
          uri: threadUri(s.topic),
          name: s.topic,
          title: s.title,
          mimeType: 'text/markdown',
        })),
      }),
      complete: { topic: (value) => completeTopic(session, value) },
    }),
    {
      title: 'A Watercooler thread',
      description: 'One thread file, markdown.',
      mimeType: 'text/markdown',
    },
    async (uri, variables) => {
      const raw = variables.topic;
      const topic = decodeURIComponent(Array.isArray(raw) ? raw.join('/') : (raw ?? ''));
      const snapshot = await readThread(store, topic);
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: snapshot.text }] };
    },
  );
  registerSubscriptions(server, session);
}

/**
 * `resources/subscribe`: while this session holds a subscription the shared watcher polls the
 * store, and each change to a subscribed thread (any change, for the list) is announced with
 * `notifications/resources/updated`. The client then reads the resource again.
 */
function registerSubscriptions(server: McpServer, session: Session): void {
  const subscribed = new Map<string, string>(); // file stem ('' for the list) → URI as the client wrote it
  let stop: (() => void) | null = null;
  const keyOf = (uri: string) => {
    const topic = topicOfUri(uri);
    return topic === null ? '' : topicFileStem(topic);
  };
  const update = () => {
    if (subscribed.size > 0 && stop === null) {
      stop = session.deps.watcher.watch(async (changes) => {
        if (changes.length === 0) return;
        const sends: string[] = [];
        const list = subscribed.get('');
        if (list !== undefined) sends.push(list);
        for (const [stem, uri] of subscribed)
          if (stem !== '' && changes.some((c) => isTopic(c.after, stem))) sends.push(uri);
        for (const uri of sends) await server.server.sendResourceUpdated({ uri });
      });
    } else if (subscribed.size === 0 && stop !== null) {
      stop();
      stop = null;
    }
  };
  server.server.setRequestHandler(SubscribeRequestSchema, async (request) => {
    subscribed.set(keyOf(request.params.uri), request.params.uri);
    update();
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
    subscribed.delete(keyOf(request.params.uri));
    update();
    return {};
  });
  session.onClose(() => {
    subscribed.clear();
    update();
  });
}
