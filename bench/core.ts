/** The foundation's SPEC §9 rows: parse speed, cold-process list and say on the local store. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_REGISTRY, applyOperation, parseThread } from '../core/index.js';
import { type BenchRow, ms, percentiles } from './table.js';

const BIN = fileURLToPath(new URL('../dist/watercooler.js', import.meta.url));

const defaultBody = (i: number) =>
  `Entry ${i}: a paragraph about the work.\n\n- a list item\n- another\n\n\`\`\`ts\nconst x = ${i};\n---\n\`\`\`\n\nMore text after the code, ${'words '.repeat(20)}`;

/** A thread of `n` entries written by our own operations (bodies from `bodyOf`). */
export function makeThread(topic: string, n: number, bodyOf = defaultBody): string {
  let text: string | null = null;
  const ctx = {
    registry: DEFAULT_REGISTRY,
    defaultBall: 'Team',
    user: 'bench',
    now: () => new Date(1_700_000_000_000),
  };
  for (let i = 0; i < n; i++) {
    const body = bodyOf(i);
    text = applyOperation(
      text,
      { kind: 'say', topic, agent: i % 2 ? 'Claude' : 'Codex', title: `Entry ${i}`, body },
      ctx,
    ).text;
  }
  return text ?? '';
}

function timeCommand(args: string[], env: NodeJS.ProcessEnv, runs: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (r.status !== 0)
      throw new Error(`watercooler ${args.join(' ')} failed: ${r.stderr.toString()}`);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return samples;
}

function folderOf(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), `wc-bench-${count}-`));
  const threads = join(dir, 'threads');
  mkdirSync(threads);
  const sample = makeThread('x', 20);
  for (let i = 0; i < count; i++)
    writeFileSync(
      join(threads, `thread-${i}.md`),
      sample
        .replaceAll('# x — Thread', `# thread-${i} — Thread`)
        .replace('Topic: x', `Topic: thread-${i}`),
    );
  return threads;
}

export async function bench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const big = makeThread('big', 5000);
  const mb = Buffer.byteLength(big) / 1e6;
  const parseTimes: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    parseThread(big);
    parseTimes.push(performance.now() - t0);
  }
  const { p50 } = percentiles(parseTimes);
  rows.push({
    work: `parse a 5,000-entry thread (${mb.toFixed(1)} MB)`,
    ours: `${(mb / (p50 / 1000)).toFixed(0)} MB/s`,
    target: '≥ 100 MB/s',
  });

  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    WATERCOOLER_USER: 'bench',
    WATERCOOLER_AGENT: 'Claude',
  };
  for (const [count, target] of [
    [1000, '≤ 95 ms'],
    [10000, '≤ 450 ms'],
  ] as const) {
    const dir = folderOf(count);
    const samples = timeCommand(['list', '--threads-dir', dir], env, count > 1000 ? 5 : 11);
    const { p50: med, p95 } = percentiles(samples);
    rows.push({
      work: `list, cold process, ${count.toLocaleString('en')} threads × 20 entries (p50 / p95)`,
      ours: `${ms(med)} / ${ms(p95)}`,
      target,
    });
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }

  const dir = mkdtempSync(join(tmpdir(), 'wc-bench-say-'));
  const says: number[] = [];
  for (let i = 0; i < 15; i++)
    says.push(
      ...timeCommand(
        ['say', 'bench', '--threads-dir', dir, '--title', `t${i}`, '--body', 'hello'],
        env,
        1,
      ),
    );
  const s = percentiles(says);
  rows.push({
    work: 'say, local folder, cold process (p50 / p95)',
    ours: `${ms(s.p50)} / ${ms(s.p95)}`,
    target: '≤ 85 ms',
  });
  const version = percentiles(timeCommand(['--version'], env, 11));
  const bare: number[] = [];
  for (let i = 0; i < 11; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
    bare.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  rows.push({
    work: 'floor: node -e "" on this machine',
    ours: ms(percentiles(bare).p50),
    target: '(SPEC §9 assumes ≈ 45 ms)',
  });
  rows.push({
    work: 'floor: node + our bin printing --version',
    ours: ms(version.p50),
    target: '—',
  });
  rmSync(dir, { recursive: true, force: true });
  return rows;
}
