/**
 * The team hub in workerd (miniflare) in front of the loopback fake GitHub, reached by MCP SDK
 * clients over Streamable HTTP: `say` latency with 1 and 50 sessions, entries/s and GitHub
 * requests per entry under 50 × 10, `read_thread` latency, and how long after a write's answer
 * a subscribed session hears of it. `npm run bench -- hub` (BENCH_HUB_SESSIONS=50 by default).
 */
import { type HubClient, bearer, call, connect, startWorld, until } from '../test/hub/harness.js';
import { type BenchRow, ms, percentiles } from './table.js';

const LOGINS = ['alice', 'bob', 'carol', 'dave', 'erin'];
const SAMPLES = 30;

const say = (c: HubClient, topic: string, i: number) =>
  call(c, 'watercooler_say', {
    topic,
    title: `Entry ${i}`,
    body: `Entry ${i}: ${'words '.repeat(30)}`,
  });

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

const p = (samples: number[]) => {
  const { p50, p95 } = percentiles(samples);
  return `${ms(p50)} / ${ms(p95)}`;
};

export async function bench(): Promise<BenchRow[]> {
  const sessions = Number(process.env.BENCH_HUB_SESSIONS ?? 50);
  const world = await startWorld(LOGINS);
  const rows: BenchRow[] = [];
  try {
    const one = await connect(world.mcp, bearer('alice'));
    await say(one, 'solo', -1);
    rows.push({
      work: 'say, 1 session: p50 / p95',
      ours: p(await timed(SAMPLES, (i) => say(one, 'solo', i))),
      target: '≤ git store write over HTTP (120 ms)',
    });
    rows.push({
      work: 'read_thread, 1 session: p50 / p95',
      ours: p(await timed(SAMPLES, () => call(one, 'watercooler_read_thread', { topic: 'solo' }))),
      target: 'no GitHub request',
    });

    const clients = await Promise.all(
      Array.from({ length: sessions }, (_, i) =>
        connect(world.mcp, bearer(LOGINS[i % LOGINS.length] ?? 'alice'), `agent-${i}`),
      ),
    );
    world.fake.resetRequests();
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      clients.map(async (c, s) =>
        latencies.push(...(await timed(10, (i) => say(c, 'load', s * 10 + i)))),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const requests = world.fake.count();
    const commits = world.fake.count('refs.update');
    rows.push({
      work: `say, ${sessions} sessions × 10 at once: p50 / p95`,
      ours: p(latencies),
      target: '—',
    });
    rows.push({
      work: `${sessions} × 10 say: entries/s, GitHub requests per entry`,
      ours: `${((sessions * 10) / seconds).toFixed(0)} entries/s, ${(requests / (sessions * 10)).toFixed(3)} req/entry (${commits} commits)`,
      target: `${sessions * 10} of ${sessions * 10} in ≤ 30 s; well under 1 req/entry`,
    });
    await Promise.all(clients.map((c) => c.close()));

    let heard = 0;
    const listener = await connect(world.mcp, bearer('bob'), 'listener', (method) => {
      if (method === 'notifications/resources/updated') heard++;
    });
    await listener.client.subscribeResource({ uri: 'watercooler://threads/solo' });
    await new Promise((r) => setTimeout(r, 500));
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = heard;
      await say(one, 'solo', 1000 + i);
      const t = performance.now();
      await until(() => heard > before);
      delays.push(performance.now() - t);
    }
    rows.push({
      work: 'push: write answered → subscriber notified, p50 / p95',
      ours: p(delays),
      target: '≤ 1 s',
    });
    await listener.close();
    await one.close();
  } finally {
    await world.close();
  }
  return rows;
}
