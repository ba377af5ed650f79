/**
 * The TUI: time from process start to the first full frame (the thread list with its rows and
 * the key hints) with 1,000 threads × 20 entries in a local folder. The bin runs under
 * `script` so it has a real pseudo-terminal (the TUI refuses a pipe), as a user would start it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeThread } from './core.js';
import { type BenchRow, ms, percentiles } from './table.js';

const BIN = fileURLToPath(new URL('../dist/watercooler.js', import.meta.url));

function firstFrame(threadsDir: string, home: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const cmd = `stty cols 80 rows 24; exec '${process.execPath}' '${BIN}' tui --threads-dir '${threadsDir}' --agent Bench`;
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        TERM: 'xterm-256color',
        NO_COLOR: '1',
        WATERCOOLER_USER: 'bench',
        XDG_STATE_HOME: join(home, 'state'),
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let out = '';
    let done = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('no full frame within 30 s'));
    }, 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // A full frame: the header counts every thread, rows are drawn, the footer is there.
      if (
        !done &&
        out.includes('1000 threads') &&
        out.includes('topic-0000') &&
        out.includes('q quit')
      ) {
        done = true;
        const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
        clearTimeout(timer);
        child.stdin.write('q');
        child.once('exit', () => resolve(elapsed));
        setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
      }
    });
    child.on('error', reject);
  });
}

export async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wc-bench-tui-'));
  try {
    const threadsDir = join(dir, 'threads');
    mkdirSync(threadsDir);
    const template = makeThread('TOPIC', 20);
    for (let i = 0; i < 1000; i++) {
      const topic = `topic-${String(i).padStart(4, '0')}`;
      writeFileSync(join(threadsDir, `${topic}.md`), template.replaceAll('TOPIC', topic));
    }
    const samples: number[] = [];
    await firstFrame(threadsDir, dir); // warm the file cache
    for (let i = 0; i < 7; i++) samples.push(await firstFrame(threadsDir, dir));
    const { p50, p95 } = percentiles(samples);
    return [
      {
        work: 'start to first full frame, 1,000 threads × 20 entries (pty)',
        ours: `${ms(p50)} (p95 ${ms(p95)})`,
        target: '≤ 500 ms (ours; SPEC sets none)',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
