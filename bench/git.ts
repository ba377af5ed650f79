/**
 * The git store in a running process (SPEC §9): warm read with nothing new and warm write, p50/p95,
 * against a bare remote and a loopback HTTP remote; then 10 and 50 writer processes on one thread
 * sharing one clone (throughput and completion time).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ThreadStore, openStore } from '../core/index.js';
import { createBareRemote, startHttpRemote } from '../test/helpers/git-remote.js';
import { runWriters } from '../test/git/concurrency.js';
import { type BenchRow, ms, percentiles } from './table.js';

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return samples;
}

async function warm(url: string, label: string, targets: [string, string]): Promise<BenchRow[]> {
  const cache = mkdtempSync(join(tmpdir(), 'wc-bench-git-'));
  let store: ThreadStore | null = null;
  try {
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
      {
        work: `${label}: read, nothing new (p50 / p95)`,
        ours: `${ms(reads.p50)} / ${ms(reads.p95)}`,
        target: targets[0],
      },
      {
        work: `${label}: write (p50 / p95)`,
        ours: `${ms(writes.p50)} / ${ms(writes.p95)}`,
        target: targets[1],
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

export async function bench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const bare = createBareRemote();
  try {
    rows.push(...(await warm(bare.dir, 'bare remote', ['≤ 12 ms', '≤ 40 ms'])));
  } finally {
    bare.remove();
  }
  const http = await startHttpRemote();
  try {
    rows.push(...(await warm(http.url, 'HTTP remote', ['≤ 50 ms', '≤ 120 ms'])));
  } finally {
    await http.close();
  }
  rows.push(await writers(10, 10, '≥ 20 entries/s'));
  rows.push(await writers(20, 10, '200 of 200, ≥ 20 entries/s'));
  rows.push(await writers(50, 10, '500 of 500, ≤ 30 s'));
  return rows;
}
