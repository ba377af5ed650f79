/**
 * Two agents that are neither "Claude" nor "Codex" hold a conversation through the built
 * server (one stdio server process each, one threads folder). Pins:
 * - each session's identity comes from its clientInfo (alpha-agent → Alpha Agent (user));
 * - `say` passes the ball to the other participant (core's last-other-author rule), so it
 *   alternates every turn — the Python server kept it with the speaker;
 * - list_threads shows is_your_turn / is_new from each side, and an agent can hand off and
 *   wait_for_ball until the other replies.
 */
import { describe, expect, it } from 'vitest';
import { call, data, stdioClient, threadsDir } from './harness.js';

interface Write {
  ball: string;
}
interface Row {
  topic: string;
  is_your_turn: boolean;
  is_new: boolean;
}

describe('two agents, one thread', () => {
  it('alternates the ball between them on every say', async () => {
    const dir = threadsDir();
    const alpha = (await stdioClient(dir, { name: 'alpha-agent' })).client;
    const beta = (await stdioClient(dir, { name: 'beta-bot' })).client;
    expect(data<{ agent: string }>(await call(alpha, 'watercooler_whoami')).agent).toBe(
      'Alpha Agent (tester)',
    );
    expect(data<{ agent: string }>(await call(beta, 'watercooler_whoami')).agent).toBe(
      'Beta Bot (tester)',
    );

    // Nobody else on the thread yet: the configured default holds the ball.
    const opening = data<Write>(
      await call(alpha, 'watercooler_say', {
        topic: 'design',
        title: 'Proposal',
        body: 'Use a queue.',
      }),
    );
    expect(opening.ball).toBe('Team');

    const balls: string[] = [];
    for (let turn = 0; turn < 6; turn++) {
      const speaker = turn % 2 === 0 ? beta : alpha;
      const result = data<Write>(
        await call(speaker, 'watercooler_say', {
          topic: 'design',
          title: `Turn ${turn}`,
          body: `Reply ${turn}.`,
        }),
      );
      balls.push(result.ball);
    }
    expect(balls).toEqual([
      'Alpha Agent (tester)',
      'Beta Bot (tester)',
      'Alpha Agent (tester)',
      'Beta Bot (tester)',
      'Alpha Agent (tester)',
      'Beta Bot (tester)',
    ]);

    const forBeta = data<{ threads: Row[] }>(
      await call(beta, 'watercooler_list_threads', { format: 'json' }),
    ).threads;
    expect(forBeta.find((t) => t.topic === 'design')).toMatchObject({
      is_your_turn: true,
      is_new: true,
    });
    const forAlpha = data<{ threads: Row[] }>(
      await call(alpha, 'watercooler_list_threads', {}),
    ).threads;
    expect(forAlpha.find((t) => t.topic === 'design')).toMatchObject({
      is_your_turn: false,
      is_new: false,
    });
  });

  it('lets one agent hand off and wait while the other replies', async () => {
    const dir = threadsDir();
    const alpha = (await stdioClient(dir, { name: 'alpha-agent' })).client;
    const beta = (await stdioClient(dir, { name: 'beta-bot' })).client;
    await call(beta, 'watercooler_say', {
      topic: 'review',
      title: 'PR ready',
      body: 'Please review #12.',
    });
    await call(alpha, 'watercooler_say', { topic: 'review', title: 'Looking', body: 'On it.' });
    const handed = data<Write>(
      await call(beta, 'watercooler_handoff', {
        topic: 'review',
        note: 'Waiting for your review.',
      }),
    );
    expect(handed.ball).toBe('Alpha Agent (tester)');
    const waiting = call(beta, 'watercooler_wait_for_ball', {
      topic: 'review',
      timeout_seconds: 120,
    });
    await call(alpha, 'watercooler_say', { topic: 'review', title: 'Approved', body: 'Ship it.' });
    expect(data<{ reason: string; thread: { last_agent: string } }>(await waiting)).toMatchObject({
      reason: 'ball',
      thread: { last_agent: 'Alpha Agent (tester)' },
    });
  });
});
