import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type {
  CallToolResult,
  ServerNotification,
  ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import {
  closestTopics,
  type ListRow,
  type ThreadSummary,
  isClosedStatus,
  toListRow,
} from '../../core/index.js';
import { shapeOf } from '../schemas.js';
import { guard, ok } from '../results.js';
import type { Session } from '../session.js';
import { isTopic } from './args.js';

const DEFAULT_TIMEOUT_S = 300;
const MAX_TIMEOUT_S = 1800;

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** Built once per process: every session registers the same schemas (memory per session). */
const CONFIG = {
  description:
    'Use after a handoff instead of polling: blocks until the ball is yours on topic (or any thread) or timeout_seconds pass (300; max 1800), with progress.',
  inputSchema: z.object({
    topic: z.string().optional().describe('Omit to wait on every thread'),
    timeout_seconds: z.number().int().min(1).max(MAX_TIMEOUT_S).optional(),
  }),
  outputSchema: z.object({
    reason: z.enum(['ball', 'timeout', 'cancelled']),
    agent: z.string(),
    topic: z.string().nullable(),
    thread: shapeOf('Its list_threads row').nullable(),
    waited_seconds: z.number(),
  }),
  annotations: { readOnlyHint: true, openWorldHint: false },
};

export function registerWaitForBall(server: McpServer, session: Session): void {
  server.registerTool('watercooler_wait_for_ball', CONFIG, (args, extra) =>
    guard(session.log, () =>
      waitForBall(session, args.topic, args.timeout_seconds ?? DEFAULT_TIMEOUT_S, extra),
    ),
  );
}

async function waitForBall(
  session: Session,
  topic: string | undefined,
  timeoutS: number,
  extra: Extra,
): Promise<CallToolResult> {
  const { store, watcher } = session.deps;
  const { agent, registry } = await session.identity();
  const row = (s: ThreadSummary) => toListRow(s, agent, registry);
  const started = Date.now();
  const waited = () => Math.round((Date.now() - started) / 100) / 10;
  const result = (reason: 'ball' | 'timeout' | 'cancelled', thread: ListRow | null) => {
    const structured = {
      reason,
      agent,
      topic: thread?.topic ?? topic ?? null,
      thread,
      waited_seconds: waited(),
    };
    const text =
      reason === 'ball' && thread !== null
        ? `The ball is yours on "${thread.topic}" (last entry by ${thread.last_agent ?? 'nobody'}). Read it with watercooler_read_thread.`
        : `The ball did not come to ${agent} within ${timeoutS} s${topic === undefined ? '' : ` on "${topic}"`}. Call again to keep waiting.${absent}`;
    return ok(structured, text);
  };

  const initial = await store.list();
  // Waiting for a thread nobody has started yet is allowed; a likely typo is named when time is up.
  const absent = absentNote(topic, initial);
  if (topic !== undefined) {
    // A thread that does not exist yet may be started by the agent being waited for.
    const existing = initial.find((s) => isTopic(s, topic));
    if (existing !== undefined && row(existing).is_your_turn) return result('ball', row(existing));
  }
  const arrived = arrivalTest(topic, initial, row);

  const notify = progressNotifier(extra, timeoutS, waited);

  return new Promise<CallToolResult>((resolve) => {
    let done = false;
    const finish = (value: CallToolResult) => {
      if (done) return;
      done = true;
      stop();
      clearTimeout(timer);
      clearInterval(beat);
      extra.signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => finish(result('cancelled', null));
    const stop = watcher.watch((changes, current) => {
      const found = arrived(current);
      if (found !== null) return finish(result('ball', found));
      const seen = changes.filter((c) => topic === undefined || isTopic(c.after, topic));
      for (const c of seen)
        notify(
          `"${c.topic}" changed: ball with ${c.after.ball}, ${c.after.entry_count} entries; still waiting`,
        );
    });
    const timer = setTimeout(() => finish(result('timeout', null)), timeoutS * 1000);
    const beat = setInterval(
      () =>
        notify(
          `Waiting for the ball${topic === undefined ? '' : ` on "${topic}"`} (${waited()} s)`,
        ),
      session.deps.progressIntervalMs ?? 5000,
    );
    extra.signal.addEventListener('abort', onAbort);
    if (extra.signal.aborted) onAbort();
    notify(
      `Waiting for the ball${topic === undefined ? ' on any thread' : ` on "${topic}"`} as ${agent}`,
    );
  });
}

/** A note for the timeout answer when the awaited thread does not exist (and a likely typo). */
function absentNote(topic: string | undefined, initial: readonly ThreadSummary[]): string {
  if (topic === undefined || initial.some((s) => isTopic(s, topic))) return '';
  const near = closestTopics(
    topic,
    initial.map((s) => s.topic),
  );
  return ` No thread "${topic}" exists yet${near.length > 0 ? `; did you mean ${near.map((t) => `"${t}"`).join(', ')}?` : '.'}`;
}

/** Which thread, if any, brings the ball to the caller in a fresh listing. */
function arrivalTest(
  topic: string | undefined,
  initial: readonly ThreadSummary[],
  row: (s: ThreadSummary) => ListRow,
): (current: readonly ThreadSummary[]) => ListRow | null {
  // Waiting on every thread: only a change counts, or a ball held on a stale thread would return at once.
  const baseline = new Map(
    initial.map((s) => [s.path, { mine: row(s).is_your_turn, count: s.entry_count }]),
  );
  return (current: readonly ThreadSummary[]): ListRow | null => {
    for (const s of current) {
      if (topic !== undefined) {
        if (isTopic(s, topic) && row(s).is_your_turn) return row(s);
        continue;
      }
      const r = row(s);
      const before = baseline.get(s.path);
      if (
        r.is_your_turn &&
        !isClosedStatus(r.status) &&
        (before === undefined || !before.mine || r.entry_count > before.count)
      )
        return r;
    }
    return null;
  };
}

/** Progress notifications, when the caller asked for them with a progress token. */
function progressNotifier(
  extra: Extra,
  timeoutS: number,
  waited: () => number,
): (message: string) => void {
  const token = extra._meta?.progressToken;
  let progress = 0;
  return (message: string) => {
    if (token === undefined) return;
    progress = Math.max(progress + 0.1, waited());
    extra
      .sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress, total: timeoutS, message },
      })
      .catch(() => {});
  };
}
