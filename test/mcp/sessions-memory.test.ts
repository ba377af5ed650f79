/**
 * Abandoned HTTP sessions cost memory only until they expire. Pins:
 * - 1,000 sessions opened as a client opens one (initialize, initialized, tools/list, the GET
 *   stream), all open at once (each GET keeps its session alive), weigh more than 50 MB;
 * - once their clients vanish (the streams drop, no DELETE) every one of them is closed after
 *   --session-idle, and the server's RSS comes back within 50 MB of its idle RSS.
 * The numbers themselves (idle, open, after) are `npm run bench -- mcp` rows; this bounds them.
 */
import { describe, expect, it } from 'vitest';
import { sleep, until } from '../helpers/wait.js';
import { httpServer, threadsDir } from './harness.js';
import { type OpenSession, closedSessions, openSession, rssMb } from './sessions.js';

const SESSIONS = 1000;

describe('abandoned sessions', () => {
  it('leave RSS within 50 MB of idle once they expire', { timeout: 300_000 }, async () => {
    const server = await httpServer(threadsDir(), {
      args: ['--session-idle', '5', '--max-sessions', '5000'],
    });
    const pid = server.proc.pid ?? 0;
    const closed = () => closedSessions(server.stderr());
    (await openSession(server.url)).hangUp(); // loads the SDK's code paths: part of "idle"
    await until(() => closed() >= 1, 60_000, 'the first session to expire');
    await sleep(1000);
    const idle = rssMb(pid);

    const open: OpenSession[] = [];
    for (let i = 0; i < SESSIONS; i += 10)
      open.push(...(await Promise.all(Array.from({ length: 10 }, () => openSession(server.url)))));
    const peak = rssMb(pid);
    expect(closed(), 'a session with its stream open expired').toBe(1);
    expect(peak - idle, `idle ${idle} MB, ${SESSIONS} open ${peak} MB`).toBeGreaterThan(50);

    for (const session of open) session.hangUp();
    await until(() => closed() >= SESSIONS + 1, 120_000, 'every session to expire');
    await until(() => rssMb(pid) <= idle + 50, 60_000, `RSS near idle (${idle.toFixed(0)} MB)`);
    expect(rssMb(pid) - idle, `idle ${idle} MB, peak ${peak} MB`).toBeLessThanOrEqual(50);
  });
});
