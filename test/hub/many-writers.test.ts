/**
 * The hub as the single writer of a repository (workerd, fake GitHub over HTTP, SDK clients):
 * - 50 sessions × 10 `say` on one thread, all at once: 500 entries exactly once, no write given
 *   up, GitHub's history linear and append-only, well under one GitHub request per entry;
 * - a session subscribed to the thread gets `notifications/resources/updated`, and a Claude Code
 *   session that took part gets a `claude/channel` event, once another session's write is
 *   answered; `wait_for_ball` returns when the ball comes to its caller;
 * - the hub stopped and started again mid-run: every acknowledged entry is there once, and the
 *   clients' retries (same entry_id) double nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseThread } from '../../core/index.js';
import {
  type HubClient,
  type HubWorld,
  REPO,
  bearer,
  call,
  connect,
  fixedEntryIds,
  sayAll,
  startWorld,
  until,
} from './harness.js';

const LOGINS = ['alice', 'bob', 'carol', 'dave', 'erin'];
let world: HubWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const entryIds = async (path: string, rev = 'main') => {
  const text = await world?.fake.git(REPO, ['show', `${rev}:${path}`]).catch(() => '');
  return parseThread(text ?? '').entries.map((e) => e.entryId ?? '');
};

const idOf = fixedEntryIds();

describe('many writers through one hub', () => {
  it('50 sessions × 10 say at once: 500 entries once, linear history, few requests', async () => {
    world = await startWorld(LOGINS);
    const w = world;
    const sessions = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        connect(w.mcp, bearer(LOGINS[i % LOGINS.length] ?? 'alice'), `agent-${i}`),
      ),
    );
    w.fake.resetRequests();
    const errors = await sayAll(sessions, 'load', 10, idOf);
    const requests = w.fake.count();
    expect(errors).toEqual([]);
    const landed = await entryIds('threads/load.md');
    expect(landed).toHaveLength(500);
    expect(new Set(landed).size).toBe(500);
    const commits = (await w.fake.git(REPO, ['rev-list', '--parents', 'main'])).trim().split('\n');
    for (const line of commits.slice(0, -1)) expect(line.split(' ')).toHaveLength(2);
    // Append-only: each commit's entries start with the previous commit's, in order.
    let before: string[] = [];
    for (const line of commits.reverse()) {
      const sha = line.split(' ')[0] ?? '';
      const now = await entryIds('threads/load.md', sha);
      expect(now.slice(0, before.length)).toEqual(before);
      before = now;
    }
    console.error(
      `hub 50×10: ${commits.length - 2} commits, ${requests} GitHub requests, ${(requests / 500).toFixed(3)} per entry`,
    );
    expect(requests / 500).toBeLessThan(0.5);
    await Promise.all(sessions.map((s) => s.close()));
  });

  it('pushes another session’s write to subscribers, channels and waiters', async () => {
    world = await startWorld(['alice', 'bob']);
    const w = world;
    const events: { method: string; params: unknown }[] = [];
    const alice = await connect(w.mcp, bearer('alice'), 'claude-code');
    const bob = await connect(w.mcp, bearer('bob'), 'claude-code', (method, params) =>
      events.push({ method, params }),
    );
    await call(bob, 'watercooler_say', { topic: 'pair', title: 'Start', body: 'go' });
    await bob.client.subscribeResource({ uri: 'watercooler://threads/pair' });
    // Let the watcher take its baseline before the write (it reports changes between polls).
    await new Promise((r) => setTimeout(r, 500));
    const waiting = call(bob, 'watercooler_wait_for_ball', {
      topic: 'pair',
      timeout_seconds: 60,
    });
    const r = await call(alice, 'watercooler_say', {
      topic: 'pair',
      title: 'Your turn',
      body: 'over to you',
      ball: 'Claude Code (bob)',
    });
    expect(r.isError).not.toBe(true);
    await until(() => events.some((e) => e.method === 'notifications/resources/updated'), 20_000);
    await until(() => events.some((e) => e.method === 'notifications/claude/channel'), 20_000);
    const waited = (await waiting).structuredContent as { reason: string };
    expect(waited.reason).toBe('ball');
    const channel = events.find((e) => e.method === 'notifications/claude/channel');
    expect(JSON.stringify(channel?.params)).toContain('Claude Code (alice)');
    await Promise.all([alice.close(), bob.close()]);
  });

  it('loses nothing acknowledged and doubles nothing across a restart', async () => {
    world = await startWorld(LOGINS);
    const w = world;
    const acknowledged = new Set<string>();
    const refused: string[] = [];
    const writer = async (i: number) => {
      let s: HubClient | null = null;
      for (let n = 0; n < 8; n++) {
        const id = idOf(i, n);
        for (;;) {
          try {
            s ??= await connect(w.mcp, bearer(LOGINS[i % LOGINS.length] ?? 'alice'), `w${i}`);
            const r = await call(
              s,
              'watercooler_say',
              {
                topic: 'restart',
                title: `w${i} n${n}`,
                body: 'x',
                entry_id: id,
              },
              5_000,
            );
            if (r.isError === true) refused.push(JSON.stringify(r.content));
            else acknowledged.add(id);
            break;
          } catch {
            // The hub went away mid-call: a new session, the same entry_id.
            await s?.client.close().catch(() => {});
            s = null;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      }
      await s?.close();
    };
    const writers = Promise.all(Array.from({ length: 10 }, (_, i) => writer(i)));
    await until(() => acknowledged.size >= 25, 60_000);
    const before = acknowledged.size;
    await w.restart();
    await writers;
    expect(refused).toEqual([]);
    expect(before).toBeLessThan(80);
    const landed = await entryIds('threads/restart.md');
    expect(landed).toHaveLength(80);
    expect(new Set(landed).size).toBe(80);
    for (const id of acknowledged) expect(landed).toContain(id);
  }, 180_000);
});
