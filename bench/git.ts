/**
 * The git store in a running process (SPEC §9): warm read with nothing new and warm write, p50/p95,
 * against a bare remote and a loopback HTTP remote, each beside a raw `git ls-remote` and a raw
 * `git push` of the same remote in the same run (target: within 2× of them); then 10 and 50
 * writer processes on one thread sharing one clone; then the cross-machine race (40 machines ×
 * 3 `say` through the built CLI, over HTTP).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ThreadStore, openStore } from '../core/index.js';
import { createBareRemote, seedRemote, startHttpRemote } from '../test/helpers/git-remote.js';
import { runWriters } from '../test/git/concurrency.js';
import { raceMachines } from '../test/store/race.js';
import { type BenchRow, ms, percentiles } from './table.js';

const run = promisify(execFile);
const IDENTITY = ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com'];

/** Raw git against `url` from a plain clone: `ls-remote` of the branch, and `push` of one commit. */
async function rawGit(url: string): Promise<{ lsRemote: number; push: number }> {
  const work = mkdtempSync(join(tmpdir(), 'wc-bench-raw-'));
  // Async: the HTTP remote is served from this process.
  const git = (args: string[]) => run('git', ['-C', work, ...IDENTITY, ...args]);
  try {
    await run('git', ['clone', '--quiet', url, work]);
    await git(['checkout', '--quiet', '-B', 'main']);
    const lsRemote = await timed(30, () => git(['ls-remote', 'origin', 'refs/heads/main']));
    const push = await timed(20, async (i) => {
      await git(['commit', '--quiet', '--allow-empty', '-m', `raw ${i}`]);
      const t = performance.now();
      await git(['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
      return performance.now() - t;
    });
    return { lsRemote: percentiles(lsRemote).p50, push: percentiles(push).p50 };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** n samples of fn; a number fn answers is its own measure (e.g. one step of it). */
async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const own = await fn(i);
    samples.push(typeof own === 'number' ? own : performance.now() - t);
  }
  return samples;
}

async function warm(url: string, label: string, targets: [string, string]): Promise<BenchRow[]> {
  const cache = mkdtempSync(join(tmpdir(), 'wc-bench-git-'));
  let store: ThreadStore | null = null;
  try {
    const raw = await rawGit(url);
    store = await openStore({
      kind: 'git',
      url,
      cacheDir: cache,
      authorName: 'Bench',
      authorEmail: 'bench@example.com',
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      context: { user: 'bench' },
    });
    const s = store;
    const say = (i: number) =>
      s.apply({ kind: 'say', topic: 'bench', agent: 'Claude', title: `e${i}`, body: `entry ${i}` });
    await timed(5, say);
    const writes = percentiles(await timed(30, say));
    await s.read('bench');
    const reads = percentiles(await timed(50, () => s.read('bench')));
    return [
      { work: `${label}: raw git ls-remote (p50)`, ours: ms(raw.lsRemote), target: '—' },
      { work: `${label}: raw git push, one commit (p50)`, ours: ms(raw.push), target: '—' },
      {
        work: `${label}: read, nothing new (p50 / p95)`,
        ours: `${ms(reads.p50)} / ${ms(reads.p95)}`,
        target: `${targets[0]}; ≤ 2× raw ls-remote = ${ms(2 * raw.lsRemote)}`,
      },
      {
        work: `${label}: write (p50 / p95)`,
        ours: `${ms(writes.p50)} / ${ms(writes.p95)}`,
        target: `${targets[1]}; ≤ 2× raw push = ${ms(2 * raw.push)}`,
      },
    ];
  } finally {
    await store?.close();
    rmSync(cache, { recursive: true, force: true });
  }
}

async function writers(n: number, count: number, target: string): Promise<BenchRow> {
  const remote = createBareRemote();
  const cache = mkdtempSync(join(tmpdir(), 'wc-bench-writers-'));
  try {
    const { outcomes, ms: total } = await runWriters({
      url: remote.dir,
      writers: n,
      count,
      topics: ['busy'],
      cacheDir: cache,
      cloneDir: join(cache, 'clone'),
    });
    const landed = outcomes.flatMap((o) => o.results).filter((r) => !r.pending).length;
    return {
      work: `${n} writers × ${count} entries, one thread, bare remote`,
      ours: `${landed} of ${n * count} in ${(total / 1000).toFixed(1)} s, ${((landed / total) * 1000).toFixed(1)} entries/s`,
      target,
    };
  } finally {
    remote.remove();
    rmSync(cache, { recursive: true, force: true });
  }
}

/** 40 machines × 3 `say` through the built CLI, all at once, over loopback HTTP. */
async function machines(label: string, topicOf: (m: number) => string): Promise<BenchRow> {
  const http = await startHttpRemote();
  try {
    const r = await raceMachines({ url: http.url, machines: 40, says: 3, topicOf });
    const landed = r.landed + r.throughOutbox;
    return {
      work: `40 machines × 3 say (CLI, own clones), ${label}, HTTP remote`,
      ours: `${landed} of 120 in ${(r.totalMs / 1000).toFixed(1)} s, ${r.throughOutbox} via outbox, ${r.gaveUp.length} given up`,
      target: '120 of 120, 0 given up',
    };
  } finally {
    await http.close();
  }
}

export async function bench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const bare = createBareRemote();
  // The raw clone needs a branch to clone; the store then writes on top of it.
  seedRemote(bare.dir, { 'README.md': 'bench\n' });
  try {
    rows.push(...(await warm(bare.dir, 'bare remote', ['≤ 12 ms', '≤ 40 ms'])));
  } finally {
    bare.remove();
  }
  const http = await startHttpRemote();
  seedRemote(http.bare.dir, { 'README.md': 'bench\n' });
  try {
    rows.push(...(await warm(http.url, 'HTTP remote', ['≤ 50 ms', '≤ 120 ms'])));
  } finally {
    await http.close();
  }
  rows.push(await writers(10, 10, '≥ 20 entries/s'));
  rows.push(await writers(20, 10, '200 of 200, ≥ 20 entries/s'));
  rows.push(await writers(50, 10, '500 of 500, ≤ 30 s'));
  rows.push(await machines('one thread', () => 'race'));
  rows.push(await machines('a thread each', (m) => `race-${m}`));
  return rows;
}
