/**
 * The GitHub API store against the loopback fake GitHub (SPEC §9): requests and rate-limit points
 * per operation counted at the fake, latency per operation inside a running store, a cold
 * process `say` through the built bin, and N writers × 10 entries racing on one thread.
 * `npm run bench -- github` (BENCH_GITHUB_WRITERS=50 by default).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openGitHubStore } from '../core/store/github.js';
import { openStore } from '../core/store/open.js';
import type { ThreadStore } from '../core/store/store.js';
import { parseThread } from '../core/thread/parse.js';
import { FakeGitHub } from '../test/helpers/fake-github.js';
import { type BenchRow, ms, percentiles } from './table.js';

const BIN = fileURLToPath(new URL('../dist/watercooler.js', import.meta.url));
const TOKEN = 'ghp_benchTokenForTheFakeGithub000000001';
const THREADS = 200;
const SAMPLES = 30;

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** Requests and rate-limit points one call costs, counted at the fake. */
async function cost(fake: FakeGitHub, fn: () => Promise<unknown>): Promise<string> {
  fake.resetRequests();
  const used = fake.rateLimit(TOKEN).used;
  await fn();
  const requests = fake.requests.map((r) => `${r.route} ${r.status}`).join(', ');
  return `${fake.count()} (${requests}; ${fake.rateLimit(TOKEN).used - used} rate-limit pts)`;
}

const say = (topic: string, i: number, agent = 'Claude (bench)') => ({
  kind: 'say' as const,
  topic,
  agent,
  title: `Entry ${i}`,
  body: `Entry ${i}: ${'words '.repeat(30)}`,
});

async function race(fake: FakeGitHub, writers: number, each: number): Promise<BenchRow[]> {
  await fake.createRepo('bench/race');
  for (let w = 0; w < writers; w++)
    fake.addToken(`${TOKEN}-w${w}`, { login: `w${w}`, repos: ['bench/race'] });
  fake.resetRequests();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const store = await openGitHubStore({
        repo: 'bench/race',
        token: `${TOKEN}-w${w}`,
        baseUrl: fake.url,
        retry: { budgetMs: 600_000 },
      });
      for (let i = 0; i < each; i++) await store.apply(say('race', i, `Writer${w} (w${w})`));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const entries = parseThread((await fake.readFile('bench/race', 'threads/race.md')) ?? '').entries;
  const unique = new Set(entries.map((e) => e.entryId)).size;
  const total = writers * each;
  return [
    {
      work: `${writers} writers × ${each} entries, one thread`,
      ours: `${unique} of ${total} landed, ${entries.length - unique} duplicates, ${seconds.toFixed(1)} s (${(total / seconds).toFixed(1)} entries/s)`,
      target: `${total} of ${total}, 0 duplicates, ≤ 30 s`,
    },
    {
      work: `  the race's requests per landed entry`,
      ours: `${(fake.count() / total).toFixed(1)} (${fake.count((r) => r.status === 409)} lost races: 409)`,
      target: '—',
    },
  ];
}

/** `watercooler ARGS --github REPO` in new processes sharing one user cache folder. */
function coldBin(fake: FakeGitHub, cache: string) {
  const env = {
    ...process.env,
    XDG_CACHE_HOME: cache,
    WATERCOOLER_GITHUB_TOKEN: TOKEN,
    WATERCOOLER_GITHUB_API_URL: fake.url,
    WATERCOOLER_USER: 'bench',
    NO_COLOR: '1',
  };
  /** n runs: p50 latency and the requests of the last one. */
  return async (n: number, args: (i: number) => string[]) => {
    let asked = '';
    const p = percentiles(
      await timed(n, async (i) => {
        fake.resetRequests();
        await promisify(execFile)(process.execPath, [BIN, ...args(i)], { env });
        asked = `${fake.count()} (${fake.requests.map((r) => `${r.route} ${r.status}`).join(', ')})`;
      }),
    );
    return `${asked}, p50 ${ms(p.p50)}`;
  };
}

/** Every CLI command is a new process: what one costs once the user cache folder is warm. */
async function coldProcesses(fake: FakeGitHub): Promise<BenchRow[]> {
  const cache = mkdtempSync(join(tmpdir(), 'wc-bench-github-'));
  const run = coldBin(fake, cache);
  const sayArgs = (repo: string, topic: string) => (i: number) => [
    'say',
    topic,
    '--github',
    repo,
    '--agent',
    'Claude',
    '--title',
    `cold ${i}`,
    '--body',
    'x',
  ];
  try {
    const rows: BenchRow[] = [];
    await run(1, () => ['list', '--github', 'bench/threads']);
    rows.push({
      work: `watercooler list --github, new process, nothing changed (${THREADS} threads)`,
      ours: await run(5, () => ['list', '--github', 'bench/threads']),
      target: '1 request (a 304)',
    });
    rows.push({
      work: 'watercooler say --github, new process',
      ours: await run(5, sayArgs('bench/threads', 'cold')),
      target: '≤ 2 requests',
    });
    rows.push({
      work: '  then list, new process',
      ours: await run(1, () => ['list', '--github', 'bench/threads']),
      target: '1 (the tree; our summary is cached)',
    });
    await fake.createRepo('bench/graph', {
      files: { 'threads/graph/baseline/manifest.json': '{}\n' },
    });
    await run(1, sayArgs('bench/graph', 'plan'));
    rows.push({
      work: 'say --github with the Python graph folder, new process',
      ours: await run(5, sayArgs('bench/graph', 'plan')),
      target: '— (one Git Data commit)',
    });
    // Someone else (another machine: no shared cache) writes the thread and its graph files.
    const other = await openStore({
      kind: 'github',
      repo: 'bench/graph',
      token: TOKEN,
      baseUrl: fake.url,
    });
    await other.apply(say('plan', 0, 'Codex (elsewhere)'));
    rows.push({
      work: '  the same after someone else wrote the thread and its graph',
      ours: await run(1, sayArgs('bench/graph', 'plan')),
      target: '—',
    });
    return rows;
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

export async function bench(): Promise<BenchRow[]> {
  const fake = await FakeGitHub.start();
  fake.addToken(TOKEN, { login: 'bench' });
  fake.defaultLimit = 1_000_000;
  const files: Record<string, string> = {};
  const seedStore = async (): Promise<ThreadStore> =>
    openGitHubStore({ repo: 'bench/threads', token: TOKEN, baseUrl: fake.url });
  try {
    await fake.createRepo('bench/threads');
    const seeder = await seedStore();
    for (let i = 0; i < 3; i++) await seeder.apply(say('seed', i));
    const seedText = (await fake.readFile('bench/threads', 'threads/seed.md')) ?? '';
    for (let i = 0; i < THREADS; i++)
      files[`threads/t-${String(i).padStart(4, '0')}.md`] = seedText.replace(/seed/g, `t-${i}`);
    await fake.commitFiles('bench/threads', files);

    const store = await seedStore();
    const rows: BenchRow[] = [];
    fake.resetRequests();
    const coldList = performance.now();
    await store.list();
    rows.push({
      work: `cold list, ${THREADS} threads`,
      ours: `${fake.count()} requests (1 tree + 1 blob per thread), ${ms(performance.now() - coldList)}`,
      target: '—',
    });
    rows.push({
      work: 'requests per say (store knows the repo)',
      ours: await cost(fake, () => store.apply(say('hot', 0))),
      target: '2',
    });
    await store.list();
    rows.push({
      work: 'requests per warm list, nothing changed',
      ours: await cost(fake, () => store.list()),
      target: '1',
    });
    await store.read('hot');
    rows.push({
      work: 'requests per read, thread unchanged',
      ours: await cost(fake, () => store.read('hot')),
      target: '1 (a 304, free)',
    });

    const sayMs = percentiles(await timed(SAMPLES, (i) => store.apply(say('hot', i + 1))));
    rows.push({
      work: 'say latency (GET + PUT), running store',
      ours: `p50 ${ms(sayMs.p50)}, p95 ${ms(sayMs.p95)}`,
      target: '—',
    });
    const listMs = percentiles(await timed(SAMPLES, () => store.list()));
    rows.push({
      work: `warm list latency, ${THREADS} threads`,
      ours: `p50 ${ms(listMs.p50)}, p95 ${ms(listMs.p95)}`,
      target: '≤ 10 ms (in a running server)',
    });
    const readMs = percentiles(await timed(SAMPLES, () => store.read('hot')));
    rows.push({
      work: 'read latency, unchanged (304)',
      ours: `p50 ${ms(readMs.p50)}, p95 ${ms(readMs.p95)}`,
      target: '—',
    });

    rows.push(...(await coldProcesses(fake)));

    const writers = Number(process.env.BENCH_GITHUB_WRITERS ?? 50);
    rows.push(...(await race(fake, writers, 10)));
    return rows;
  } finally {
    await fake.close();
  }
}
