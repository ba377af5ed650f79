import type { ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import {
  type Entry,
  type ThreadSummary,
  isYourTurn,
  sameAgent,
  topicFileStem,
} from '../core/index.js';
import type { Session } from './session.js';
import type { ThreadChange } from './watch.js';

/** The capability Claude Code (v2.1.80+, research preview) reads to accept channel events. */
export const CHANNEL_CAPABILITY = 'claude/channel';
const CHANNEL_METHOD = 'notifications/claude/channel';

const BODY_LINES = 12;
const BODY_CHARS = 800;

function excerpt(body: string): string {
  const lines = body.split('\n');
  let text = lines.slice(0, BODY_LINES).join('\n');
  if (text.length > BODY_CHARS) text = `${text.slice(0, BODY_CHARS)}…`;
  else if (lines.length > BODY_LINES) text += '\n…';
  return text;
}

/**
 * Push into the agent's session (SPEC §5): one `notifications/claude/channel` event when the
 * ball comes to this session's agent or someone else's entry lands on a thread it took part in.
 * Never for its own writes (the newest entry is its own), never twice for one entry, and at
 * most one per thread per throttle window — a burst is folded into one later event about the
 * newest entry, so nothing is dropped, only merged.
 */
export function startPush(session: Session): void {
  const { store, watcher, log } = session.deps;
  const throttleMs = session.deps.pushThrottleMs ?? 3000;
  const pushed = new Set<string>();
  const lastSent = new Map<string, number>();
  const deferred = new Map<string, NodeJS.Timeout>();

  const send = async (summary: ThreadSummary, me: string) => {
    const snapshot = await store.read(summary.topic);
    const { entries, header } = snapshot.thread;
    const { registry } = await store.config();
    const last: Entry | undefined = entries[entries.length - 1];
    const mine = isYourTurn(header.ball, me, registry);
    const topic = header.topic ?? summary.topic;
    const byOther = last !== undefined && !sameAgent(last.agent, me, registry);
    let key: string;
    if (byOther) {
      // Someone else's entry: news when the ball is ours or we have taken part in the thread.
      key = last.entryId ?? `${snapshot.path}#${last.index}`;
      if (!mine && !entries.some((e) => sameAgent(e.agent, me, registry))) return;
    } else {
      // No new entry by anyone else: only a ball someone else passed to us is news.
      // A ball this session itself set last is not news (a pass back by someone else to the
      // same holder, with no entry in between, is missed: the conservative side).
      if (!mine || session.ownBalls.get(topicFileStem(topic)) === header.ball) return;
      key = `${snapshot.path}#ball:${header.ball}:${entries.length}`;
    }
    if (pushed.has(key)) return;
    pushed.add(key);
    lastSent.set(snapshot.path, Date.now());
    const { content, meta } = channelMessage(topic, header, byOther ? last : undefined, mine);
    await session.server.server.notification({
      method: CHANNEL_METHOD,
      params: { content, meta },
    } as unknown as ServerNotification);
  };

  const consider = (change: ThreadChange, me: string) => {
    const path = change.after.path;
    const wait = (lastSent.get(path) ?? 0) + throttleMs - Date.now();
    if (wait > 0) {
      if (!deferred.has(path)) {
        deferred.set(
          path,
          setTimeout(() => {
            deferred.delete(path);
            consider(change, me);
          }, wait),
        );
      }
      return;
    }
    send(change.after, me).catch((err: unknown) =>
      log(`push: ${err instanceof Error ? err.message : String(err)}`),
    );
  };

  const begin = async () => {
    const { agent } = await session.identity();
    const stop = watcher.watch((changes) => {
      for (const change of changes) {
        const grew = change.before === null || change.after.entry_count > change.before.entry_count;
        const ballMoved = change.before === null || change.before.ball !== change.after.ball;
        if (grew || ballMoved) consider(change, agent);
      }
    });
    session.onClose(() => {
      stop();
      for (const timer of deferred.values()) clearTimeout(timer);
      deferred.clear();
    });
  };
  // Whose session this is is known only once the client has said who it is.
  session.server.server.oninitialized = () => {
    begin().catch((err: unknown) =>
      log(`push: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
}

/** The channel event's text and its meta (the entry that is news, or only the ball). */
function channelMessage(
  topic: string,
  header: { ball: string; status: string },
  news: Entry | undefined,
  mine: boolean,
): { content: string; meta: Record<string, string> } {
  const what =
    news === undefined
      ? `The ball on Watercooler thread "${topic}" was passed to you.`
      : `${news.agent} wrote on Watercooler thread "${topic}": ${news.title ?? '(no title)'}\n\n${excerpt(news.body)}`;
  const turn = mine ? `Ball: ${header.ball} — your turn.` : `Ball: ${header.ball}.`;
  const content = `${what}\n\n${turn} Read it with watercooler_read_thread (topic "${topic}").`;
  const meta: Record<string, string> = {
    topic,
    entry_id: news?.entryId ?? '',
    ball: header.ball,
    author: news?.agent ?? '',
    status: header.status,
  };
  return { content, meta };
}
