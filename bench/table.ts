/** One measurement: what was done, our figure, and the target it is held against. */
export interface BenchRow {
  work: string;
  ours: string;
  target: string;
}

export function printTable(rows: readonly BenchRow[]): void {
  const head: BenchRow = { work: 'work', ours: 'ours', target: 'target' };
  const all = [head, ...rows];
  const w = (k: keyof BenchRow) => Math.max(...all.map((r) => r[k].length));
  const line = (r: BenchRow) =>
    `| ${r.work.padEnd(w('work'))} | ${r.ours.padEnd(w('ours'))} | ${r.target.padEnd(w('target'))} |`;
  const out = [
    line(head),
    `|${'-'.repeat(w('work') + 2)}|${'-'.repeat(w('ours') + 2)}|${'-'.repeat(w('target') + 2)}|`,
    ...rows.map(line),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

/** Median and 95th percentile of samples, in the samples' unit. */
export function percentiles(samples: readonly number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

export const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
