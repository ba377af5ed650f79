/**
 * The TUI thread view on long content (issue 16 item 4): laying out a long thread whose entries
 * hold a table, a long code line and a URL (done when a thread opens or the terminal resizes),
 * and finding in it (done on every key typed after `/`), held against the ≤ 50 ms a key goal.
 */
import { DEFAULT_REGISTRY, parseThread } from '../core/index.js';
import { findMatches } from '../cli/tui/thread-find.js';
import { layoutThread } from '../cli/tui/thread-lines.js';
import { makeThread } from './core.js';
import { type BenchRow, ms, percentiles } from './table.js';

const ENTRIES = 1000;

function bodyOf(i: number): string {
  return [
    `Entry ${i}, the numbers:`,
    '',
    '| Store | Read (ms) | Notes |',
    '|---|--:|---|',
    `| local | ${i} | a folder on disk, watched and polled every ten seconds |`,
    '| git | 16 | bare remote; `cat-file --batch` kept open |',
    '',
    '```ts',
    `const total${i} = ${'measure(alpha, beta) + '.repeat(8)}1;`,
    '```',
    '',
    `See https://docs.example.com/guides/threads/${i}/reading-long-content for more.`,
  ].join('\n');
}

function timed<T>(work: () => T, runs: number): { samples: number[]; last: T } {
  const samples: number[] = [];
  let last = work();
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    last = work();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { samples, last };
}

export async function bench(): Promise<BenchRow[]> {
  const text = makeThread('long', ENTRIES, bodyOf);
  const snapshot = {
    topic: 'long',
    path: 'long.md',
    text,
    thread: parseThread(text),
    version: '1',
  };
  const layout = timed(
    () => layoutThread(snapshot, 80, 'Human (bench)', DEFAULT_REGISTRY, null),
    5,
  );
  const lines = layout.last.lines;
  // A query typed a letter at a time: each key searches the whole thread again.
  const query = 'measure(al';
  const keys = timed(() => {
    for (let i = 1; i <= query.length; i++) findMatches(lines, query.slice(0, i));
  }, 10);
  const lay = percentiles(layout.samples);
  const find = percentiles(keys.samples.map((s) => s / query.length));
  return [
    {
      work: `lay out a ${ENTRIES.toLocaleString('en')}-entry thread (tables, code, URLs; ${lines.length.toLocaleString('en')} rows), p50 / p95`,
      ours: `${ms(lay.p50)} / ${ms(lay.p95)}`,
      target: 'once per open or resize',
    },
    {
      work: `find in it, per key typed, p50 / p95`,
      ours: `${ms(find.p50)} / ${ms(find.p95)}`,
      target: '≤ 50 ms a key',
    },
  ];
}
