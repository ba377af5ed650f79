/**
 * The team hub in workerd (miniflare) in front of the loopback fake GitHub, reached by MCP SDK
 * clients over Streamable HTTP, and beside it the self-hosted single writer (the built
 * `watercooler mcp --http --github`) against its own fake GitHub: `say` latency with 1 and 50
 * sessions, entries/s and GitHub requests per entry under 50 × 10, `read_thread` latency, and how
 * long after a write's answer a subscribed session hears of it.
 * `npm run bench -- hub` (BENCH_HUB_SESSIONS=50 by default).
 */
import { FakeGitHub } from '../test/helpers/fake-github.js';
import {
  type HubClient,
  REPO,
  bearer,
  call,
  connect,
  startSelfHosted,
  startWorld,
  until,
} from '../test/hub/harness.js';
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

/** One server under measure: where its sessions connect, and the fake GitHub behind it. */
interface Served {
  fake: FakeGitHub;
  /** Session `i`'s client (the hub: one of five logins; self-hosted: the one HTTP token). */
  open(i: number, onNotification?: (method: string) => void): Promise<HubClient>;
}

async function measure(served: Served, sessions: number, label: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const one = await served.open(0);
  await say(one, 'solo', -1);
  rows.push({
    work: `${label}say, 1 session: p50 / p95`,
    ours: p(await timed(SAMPLES, (i) => say(one, 'solo', i))),
    target: '≤ git store write over HTTP (120 ms)',
  });
  rows.push({
    work: `${label}read_thread, 1 session: p50 / p95`,
    ours: p(await timed(SAMPLES, () => call(one, 'watercooler_read_thread', { topic: 'solo' }))),
    target: 'no GitHub request',
  });

  const clients = await Promise.all(Array.from({ length: sessions }, (_, i) => served.open(i)));
  served.fake.resetRequests();
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    clients.map(async (c, s) =>
      latencies.push(...(await timed(10, (i) => say(c, 'load', s * 10 + i)))),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const requests = served.fake.count();
  const commits = served.fake.count('refs.update');
  rows.push({
    work: `${label}say, ${sessions} sessions × 10 at once: p50 / p95`,
    ours: p(latencies),
    target: '—',
  });
  rows.push({
    work: `${label}${sessions} × 10 say: entries/s, GitHub requests per entry`,
    ours: `${((sessions * 10) / seconds).toFixed(0)} entries/s, ${(requests / (sessions * 10)).toFixed(3)} req/entry (${commits} commits)`,
    target: `${sessions * 10} of ${sessions * 10} in ≤ 30 s; well under 1 req/entry`,
  });
  await Promise.all(clients.map((c) => c.close()));

  let heard = 0;
  const listener = await served.open(1, (method) => {
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
    work: `${label}push: write answered → subscriber notified, p50 / p95`,
    ours: p(delays),
    target: '≤ 1 s',
  });
  await listener.close();
  await one.close();
  return rows;
}

const SELF_GITHUB_TOKEN = 'ghp_selfHostedBenchToken0000000000001';
const SELF_HTTP_TOKEN = 'self-hosted-bench-token-000000000001';

export async function bench(): Promise<BenchRow[]> {
  const sessions = Number(process.env.BENCH_HUB_SESSIONS ?? 50);
  const rows: BenchRow[] = [];
  const world = await startWorld(LOGINS);
  try {
    const open = (i: number, on?: (method: string) => void) =>
      connect(world.mcp, bearer(LOGINS[i % LOGINS.length] ?? 'alice'), `agent-${i}`, on);
    rows.push(...(await measure({ fake: world.fake, open }, sessions, '')));
  } finally {
    await world.close();
  }
  const fake = await FakeGitHub.start();
  try {
    fake.addToken(SELF_GITHUB_TOKEN, { login: 'team-bot', repos: [REPO] });
    await fake.createRepo(REPO, { files: { 'README.md': '# threads\n', 'threads/.keep': '' } });
    const server = await startSelfHosted(fake, REPO, SELF_GITHUB_TOKEN, SELF_HTTP_TOKEN);
    try {
      const open = (i: number, on?: (method: string) => void) =>
        connect(server.mcp, SELF_HTTP_TOKEN, `agent-${i}`, on);
      rows.push(...(await measure({ fake, open }, sessions, 'self-hosted ')));
    } finally {
      await server.close();
    }
  } finally {
    await fake.close();
  }
  return rows;
}
