/**
 * What reaches an agent without it asking, against the built server and a second process
 * writing the same threads folder (the CLI). Pins:
 * - a subscribed client gets notifications/resources/updated for its thread when another
 *   process writes it, and the store is polled only while someone subscribes or waits;
 * - watercooler_wait_for_ball sends progress while it waits (also when the thread changes
 *   without the ball coming), returns when another process hands the ball over, and stops
 *   (its watch released) when the client cancels;
 * - with --push the initialize result declares experimental["claude/channel"], and a client
 *   gets exactly one notifications/claude/channel (meta.topic, meta.entry_id of the other's
 *   entry) when another process passes it the ball — none for its own writes; without --push
 *   nothing is declared or sent.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  CallToolResultSchema,
  type Progress,
  ResourceUpdatedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { sleep, until } from '../helpers/wait.js';
import { call, cli, data, stdioClient, threadsDir } from './harness.js';

const watchers = async (client: Client) =>
  data<{ watchers: number }>(await call(client, 'watercooler_health')).watchers;

function collectUpdates(client: Client): string[] {
  const uris: string[] = [];
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
    uris.push(n.params.uri);
  });
  return uris;
}

interface Channel {
  method: string;
  params: { content: string; meta: Record<string, string> };
}

function collectChannel(client: Client): Channel[] {
  const events: Channel[] = [];
  client.fallbackNotificationHandler = async (n) => {
    if (n.method === 'notifications/claude/channel') events.push(n as unknown as Channel);
  };
  return events;
}

async function cliWrite(dir: string, args: string[]): Promise<{ entry_id: string; ball: string }> {
  const res = await cli(dir, [...args, '--json']);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as { entry_id: string; ball: string };
}

describe('resource subscriptions', () => {
  it('notifies a subscriber when another process writes the thread, and polls only while subscribed', async () => {
    const dir = threadsDir();
    await cliWrite(dir, [
      'say',
      'watched',
      '--agent',
      'Codex',
      '--title',
      'Start',
      '--body',
      'hello',
    ]);
    await cliWrite(dir, [
      'say',
      'other',
      '--agent',
      'Codex',
      '--title',
      'Start',
      '--body',
      'hello',
    ]);
    const { client } = await stdioClient(dir);
    expect(client.getServerCapabilities()?.resources?.subscribe).toBe(true);
    const updates = collectUpdates(client);
    expect(await watchers(client)).toBe(0);

    await client.subscribeResource({ uri: 'watercooler://threads/watched' });
    expect(await watchers(client)).toBe(1);
    await cliWrite(dir, [
      'say',
      'other',
      '--agent',
      'Codex',
      '--title',
      'Elsewhere',
      '--body',
      'not watched',
    ]);
    await cliWrite(dir, [
      'say',
      'watched',
      '--agent',
      'Codex',
      '--title',
      'More',
      '--body',
      'from another process',
    ]);
    await until(
      () => updates.includes('watercooler://threads/watched'),
      15_000,
      'resources/updated',
    );
    expect(updates.every((u) => u === 'watercooler://threads/watched')).toBe(true);

    const fresh = await client.readResource({ uri: 'watercooler://threads/watched' });
    expect((fresh.contents[0] as { text: string }).text).toContain('from another process');

    await client.unsubscribeResource({ uri: 'watercooler://threads/watched' });
    expect(await watchers(client)).toBe(0);
  });

  it('notifies a subscriber of the list when any thread changes', async () => {
    const dir = threadsDir();
    const { client } = await stdioClient(dir);
    const updates = collectUpdates(client);
    await client.subscribeResource({ uri: 'watercooler://threads' });
    await until(async () => (await watchers(client)) === 1, 5_000, 'watching');
    await cliWrite(dir, [
      'say',
      'brand-new',
      '--agent',
      'Codex',
      '--title',
      'Hi',
      '--body',
      'new thread',
    ]);
    await until(() => updates.includes('watercooler://threads'), 15_000, 'list update');
  });
});

describe('watercooler_wait_for_ball', () => {
  it('reports progress while waiting and returns when another process hands the ball over', async () => {
    const dir = threadsDir();
    const { client } = await stdioClient(dir, { name: 'alpha-agent' });
    await call(client, 'watercooler_say', {
      topic: 'ping',
      title: 'Question',
      body: 'Can you look at this?',
    });
    const progress: Progress[] = [];
    const waiting = client.callTool(
      { name: 'watercooler_wait_for_ball', arguments: { topic: 'ping', timeout_seconds: 120 } },
      CallToolResultSchema,
      {
        onprogress: (p) => progress.push(p),
        timeout: 150_000,
      },
    );
    await until(() => progress.length >= 1, 15_000, 'first progress');
    expect(progress[0]?.message).toMatch(
      /Waiting for the ball on "ping" as Alpha Agent \(tester\)/,
    );

    // A change that does not bring the ball: still waiting, and the agent is told.
    await cliWrite(dir, ['ack', 'ping', '--agent', 'Beta']);
    await until(
      () => progress.some((p) => /"ping" changed/.test(p.message ?? '')),
      15_000,
      'change progress',
    );

    const handoff = await cliWrite(dir, [
      'handoff',
      'ping',
      '--agent',
      'Beta',
      '--to',
      'Alpha Agent (tester)',
      '--note',
      'Done, back to you.',
    ]);
    expect(handoff.ball).toBe('Alpha Agent (tester)');
    const result = await waiting;
    const out = result.structuredContent as {
      reason: string;
      topic: string;
      thread: { ball: string; last_agent: string };
    };
    expect(out).toMatchObject({
      reason: 'ball',
      topic: 'ping',
      thread: { ball: 'Alpha Agent (tester)', last_agent: 'Beta (tester)' },
    });
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.progress).toBeGreaterThan(progress[i - 1]!.progress);
    expect(await watchers(client)).toBe(0);
  });

  it('on any thread, returns when the ball comes to the caller somewhere new', async () => {
    const dir = threadsDir();
    const { client } = await stdioClient(dir, { name: 'alpha-agent' });
    // A ball already held on a stale thread does not end a wait on every thread.
    await cliWrite(dir, [
      'say',
      'stale',
      '--agent',
      'Beta',
      '--title',
      'Old',
      '--body',
      'old',
      '--ball',
      'Alpha Agent (tester)',
    ]);
    const progress: Progress[] = [];
    const waiting = client.callTool(
      { name: 'watercooler_wait_for_ball', arguments: { timeout_seconds: 120 } },
      CallToolResultSchema,
      {
        onprogress: (p) => progress.push(p),
      },
    );
    await until(() => progress.length >= 1, 15_000, 'first progress'); // the wait has taken its baseline
    await cliWrite(dir, [
      'say',
      'fresh',
      '--agent',
      'Beta',
      '--title',
      'New',
      '--body',
      'for you',
      '--ball',
      'Alpha Agent (tester)',
    ]);
    const out = (await waiting).structuredContent as { reason: string; topic: string };
    expect(out).toMatchObject({ reason: 'ball', topic: 'fresh' });
  });

  it('stops waiting when the client cancels', async () => {
    const dir = threadsDir();
    const { client } = await stdioClient(dir);
    await call(client, 'watercooler_say', { topic: 'slow', title: 'Q', body: 'anyone?' });
    const controller = new AbortController();
    const progress: Progress[] = [];
    const waiting = client.callTool(
      { name: 'watercooler_wait_for_ball', arguments: { topic: 'slow' } },
      CallToolResultSchema,
      {
        signal: controller.signal,
        onprogress: (p) => progress.push(p),
      },
    );
    await until(() => progress.length >= 1, 15_000, 'progress');
    expect(await watchers(client)).toBe(1);
    controller.abort('changed my mind');
    await expect(waiting).rejects.toThrow();
    // The server released its watch: nothing polls the store for this caller any more.
    await until(async () => (await watchers(client)) === 0, 15_000, 'watch released');
  });
});

describe('push into the session (claude/channel)', () => {
  it('declares the capability and sends exactly one event when another process passes the ball', async () => {
    const dir = threadsDir();
    const { client } = await stdioClient(dir, { name: 'claude-code', args: ['--push'] });
    expect(client.getServerCapabilities()?.experimental).toEqual({ 'claude/channel': {} });
    expect(client.getInstructions()).toMatch(/<channel source="watercooler">/);
    const events = collectChannel(client);
    const updates = collectUpdates(client);
    await client.subscribeResource({ uri: 'watercooler://threads/auth-refactor' });

    // Our own write: seen by the watcher (the subscription says so), never pushed.
    await call(client, 'watercooler_say', {
      topic: 'auth-refactor',
      title: 'Plan',
      body: 'Tokens first.',
    });
    await until(() => updates.length >= 1, 15_000, 'own write observed');

    // Another process answers, and the ball comes back to us.
    const reply = await cliWrite(dir, [
      'say',
      'auth-refactor',
      '--agent',
      'Bob',
      '--title',
      'Counter-plan',
      '--body',
      'Sessions first.\nThen tokens.',
    ]);
    expect(reply.ball).toBe('Claude Code (tester)');
    await until(() => events.length >= 1, 15_000, 'channel event');
    expect(events[0]!.params.meta).toMatchObject({
      topic: 'auth-refactor',
      entry_id: reply.entry_id,
      ball: 'Claude Code (tester)',
      author: 'Bob (tester)',
    });
    expect(Object.values(events[0]!.params.meta).every((v) => typeof v === 'string')).toBe(true);
    expect(events[0]!.params.content).toContain(
      'Bob (tester) wrote on Watercooler thread "auth-refactor": Counter-plan',
    );
    expect(events[0]!.params.content).toContain('Sessions first.');
    expect(events[0]!.params.content).toContain('your turn');

    // Our reply: observed, not pushed; and Bob's entry is never pushed twice.
    const seen = updates.length;
    await call(client, 'watercooler_say', {
      topic: 'auth-refactor',
      title: 'OK',
      body: 'Sessions first it is.',
    });
    await until(() => updates.length > seen, 15_000, 'own reply observed');
    await sleep(400);
    expect(events).toHaveLength(1);

    // Another process passes the ball back without an entry: one more event, with no entry_id.
    await cli(dir, ['set-ball', 'auth-refactor', 'Claude Code (tester)']);
    await until(() => events.length >= 2, 15_000, 'ball event');
    expect(events[1]!.params.meta).toMatchObject({
      topic: 'auth-refactor',
      entry_id: '',
      ball: 'Claude Code (tester)',
    });
    expect(events[1]!.params.content).toContain('was passed to you');
    // Our own set_ball to ourselves is not news. Each move is observed before the next, or a poll
    // that falls after both would see the ball where it started and nothing would have changed.
    let before = updates.length;
    await call(client, 'watercooler_set_ball', { topic: 'auth-refactor', agent: 'Bob (tester)' });
    await until(() => updates.length > before, 15_000, 'own ball move observed');
    before = updates.length;
    await call(client, 'watercooler_set_ball', {
      topic: 'auth-refactor',
      agent: 'Claude Code (tester)',
    });
    await until(() => updates.length > before, 15_000, 'own ball move back observed');
    await sleep(3500); // past the per-thread throttle window
    expect(events).toHaveLength(2);
  });

  it('without --push declares nothing and sends nothing', async () => {
    const dir = threadsDir();
    const { client } = await stdioClient(dir, { name: 'claude-code' });
    expect(client.getServerCapabilities()?.experimental).toBeUndefined();
    const events = collectChannel(client);
    const updates = collectUpdates(client);
    await call(client, 'watercooler_say', { topic: 'quiet', title: 'Plan', body: 'x' });
    await client.subscribeResource({ uri: 'watercooler://threads/quiet' });
    await until(async () => (await watchers(client)) === 1, 5_000, 'watching');
    await cliWrite(dir, ['say', 'quiet', '--agent', 'Bob', '--title', 'Reply', '--body', 'y']);
    await until(() => updates.length >= 1, 15_000, 'update');
    await sleep(300);
    expect(events).toHaveLength(0);
  });
});
