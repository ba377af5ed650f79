/**
 * The server on the git store (a bare remote, one clone per server process), through the same
 * one store factory as every command. Pins:
 * - two agents on two servers, each with its own clone, converse through the remote: writes land
 *   on the remote, and each sees the other's entries;
 * - wait_for_ball in one server returns when the other server's write reaches the remote;
 * - agent_func names the author, and its `model:role` goes into the commit as a `Spec:` trailer.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBareRemote, gitIn, remoteFile } from '../helpers/git-remote.js';
import { call, data, stdioClient } from './harness.js';

const remote = createBareRemote();
afterAll(() => remote.remove());
const env = {
  WATERCOOLER_GIT_AUTHOR: 'Watercooler Test',
  WATERCOOLER_GIT_EMAIL: 'test@example.com',
};
const clone = () => mkdtempSync(join(tmpdir(), 'wc-mcp-clone-'));

describe('MCP on the git store', () => {
  it('lets two agents on two servers converse through the remote', async () => {
    const alpha = (
      await stdioClient('', {
        name: 'alpha-agent',
        env,
        store: ['--git', remote.dir, '--clone-dir', clone()],
      })
    ).client;
    const beta = (
      await stdioClient('', {
        name: 'beta-bot',
        env,
        store: ['--git', remote.dir, '--clone-dir', clone()],
      })
    ).client;
    expect(
      data<{ store: { kind: string } }>(await call(alpha, 'watercooler_health')).store.kind,
    ).toBe('git');

    await call(alpha, 'watercooler_say', {
      topic: 'over-git',
      title: 'Hello',
      body: 'Through the remote.',
    });
    const rows = data<{ threads: { topic: string }[] }>(
      await call(beta, 'watercooler_list_threads', {}),
    ).threads;
    expect(rows.map((r) => r.topic)).toContain('over-git');
    const handed = data<{ ball: string }>(
      await call(beta, 'watercooler_say', { topic: 'over-git', title: 'Reply', body: 'Got it.' }),
    );
    expect(handed.ball).toBe('Alpha Agent (tester)');
    await call(alpha, 'watercooler_say', { topic: 'over-git', title: 'Over', body: 'Your turn.' });

    const waiting = call(beta, 'watercooler_wait_for_ball', {
      topic: 'over-git',
      timeout_seconds: 120,
    });
    expect(data<{ reason: string }>(await waiting).reason).toBe('ball');
    const onRemote =
      remoteFile(remote.dir, 'threads/over-git.md') ?? remoteFile(remote.dir, 'over-git.md') ?? '';
    expect(onRemote.match(/^Entry: /gm)).toHaveLength(3);

    const spec = data<{ entry_id: string }>(
      await call(alpha, 'watercooler_say', {
        topic: 'over-git',
        title: 'With a spec',
        body: 'Signed.',
        agent_func: 'Claude Code:opus-4:implementer',
      }),
    );
    const message = gitIn(remote.dir, ['log', '-1', '--format=%B', 'main']);
    expect(message).toContain('Claude Code (tester): say over-git');
    expect(message).toContain(`Watercooler-Entry-ID: ${spec.entry_id}`);
    expect(message).toContain('Spec: opus-4:implementer');
  });
});
