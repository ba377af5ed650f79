/**
 * The TUI as a user meets it, in a local folder of threads: time from process start to the first
 * full frame (3,000 and 10,000 threads), and key-to-frame latency on 3,000 threads (a `j` on the
 * list, a `j` in a long thread, `f` re-filtering the list). The bin runs under `script` so it has a
 * real pseudo-terminal (the TUI refuses a pipe); a key's time ends when the frame that shows its
 * effect has arrived on the terminal.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeThread } from './core.js';
import { type BenchRow, ms, percentiles } from './table.js';

const BIN = fileURLToPath(new URL('../dist/watercooler.js', import.meta.url));
// eslint-disable-next-line no-control-regex -- terminal output is full of ESC sequences
const ANSI = /\u001B(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\u0007]*\u0007|[@-Z\\-_])/g;

/** The TUI running under a pty, and what it has drawn since the last `mark`. */
interface Session {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the ms from `since` to the moment the screen output satisfied `check`. */
  until: (check: (screen: string) => boolean, since: bigint, what: string) => Promise<number>;
  /** From here on: the next `until` looks at what is drawn after this. */
  mark: () => void;
  quit: () => Promise<void>;
}

/** Every session started, so none outlives a failed run. */
const started = new Set<ChildProcessWithoutNullStreams>();

function startTui(threadsDir: string, home: string, size = { columns: 80, rows: 24 }): Session {
  const cmd = `stty cols ${size.columns} rows ${size.rows}; exec '${process.execPath}' '${BIN}' tui --threads-dir '${threadsDir}' --agent Bench`;
  const child = spawn('script', ['-qfec', cmd, '/dev/null'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      TERM: 'xterm-256color',
      NO_COLOR: '1',
      WATERCOOLER_USER: 'bench',
      XDG_STATE_HOME: join(home, 'state'),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  started.add(child);
  child.once('exit', () => started.delete(child));
  // What the TUI drew, without escape codes (frames arrive whole, so chunks rarely split one).
  let out = '';
  let marked = 0;
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString().replace(ANSI, '');
    for (const w of [...waiters]) w();
  });
  return {
    child,
    mark: () => {
      marked = out.length;
    },
    until: (check, since, what) =>
      new Promise((resolve, reject) => {
        const from = marked;
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          child.kill('SIGKILL');
          reject(new Error(`no frame with ${what} within 30 s: ${out.slice(-2000)}`));
        }, 30_000);
        const waiter = () => {
          if (!check(out.slice(from))) return;
          const elapsed = Number(process.hrtime.bigint() - since) / 1e6;
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve(elapsed);
        };
        waiters.add(waiter);
        waiter();
      }),
    quit: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.write('\u0003');
        setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
      }),
  };
}

const topicOf = (i: number) => `topic-${String(i).padStart(5, '0')}`;

/** A folder of `count` threads of `entries` entries; the first one is long (200 entries). */
function seed(dir: string, count: number, entries: number): string {
  const threadsDir = join(dir, `threads-${count}`);
  mkdirSync(threadsDir);
  const template = makeThread('TOPIC', entries);
  writeFileSync(join(threadsDir, `${topicOf(0)}.md`), makeThread(topicOf(0), 200));
  for (let i = 1; i < count; i++)
    writeFileSync(join(threadsDir, `${topicOf(i)}.md`), template.replaceAll('TOPIC', topicOf(i)));
  return threadsDir;
}

const countLabel = (n: number) => n.toLocaleString('en');

async function firstFrame(threadsDir: string, home: string, count: number): Promise<number> {
  const start = process.hrtime.bigint();
  const tui = startTui(threadsDir, home);
  // A full frame: the header counts every thread, rows are drawn, the footer is there.
  const t = await tui.until(
    (s) =>
      s.includes(`${countLabel(count)} threads`) && s.includes('topic-0') && s.includes('q quit'),
    start,
    'the thread list',
  );
  await tui.quit();
  return t;
}

/** `watercooler list` on the same folder, cold process: what the TUI's start cannot beat. */
function listTimes(threadsDir: string, home: string, runs: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, [BIN, 'list', '--threads-dir', threadsDir], {
      env: { PATH: process.env.PATH ?? '', HOME: home, WATERCOOLER_USER: 'bench' },
      stdio: 'ignore',
    });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return samples;
}

/** Times `presses` presses of `key`; `expect(i)` knows the frame that shows the i-th press. */
async function keyLatency(
  tui: Session,
  key: string,
  presses: number,
  expect: (i: number) => (screen: string) => boolean,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 1; i <= presses; i++) {
    tui.mark();
    const t0 = process.hrtime.bigint();
    tui.child.stdin.write(key);
    samples.push(await tui.until(expect(i), t0, `key ${i}`));
    // A pause between presses, as a reader's: each key is its own frame, not a burst.
    await new Promise((r) => setTimeout(r, 60));
  }
  return samples;
}

const row = (work: string, samples: number[], target: string): BenchRow => {
  const { p50, p95 } = percentiles(samples);
  return { work, ours: `${ms(p50)} / p95 ${ms(p95)}`, target };
};

const selectedIs = (topic: string) => (s: string) => new RegExp(`› (?:● )?${topic}`).test(s);

/**
 * A body search over every thread ("topic" is in every topic, in no body): the time to the
 * answer, and keys meanwhile (the selection still moves).
 */
async function searchWhileMoving(tui: Session): Promise<BenchRow[]> {
  await keyLatency(tui, 'g', 1, () => selectedIs(topicOf(0)));
  tui.child.stdin.write('/topic');
  await new Promise((r) => setTimeout(r, 300));
  tui.mark();
  const t0 = process.hrtime.bigint();
  tui.child.stdin.write('\r');
  const answered = tui.until((s) => s.includes('matches (titles + bodies)'), t0, 'the search');
  let done = false;
  void answered.then(() => (done = true));
  const during: number[] = [];
  for (let i = 1; !done && i < 200; i++) {
    const k0 = process.hrtime.bigint();
    tui.child.stdin.write('j');
    const moved = await tui.until(selectedIs(topicOf(i)), k0, `key ${i} while searching`);
    if (!done) during.push(moved);
    await new Promise((r) => setTimeout(r, 60));
  }
  return [
    {
      work: 'body search over 3,000 threads, Enter to the answer',
      ours: ms(await answered),
      target: '(issue 16: it froze the UI ~2.8 s)',
    },
    row(`key to frame: j during that search (${during.length} keys)`, during, '≤ 50 ms'),
  ];
}

export async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wc-bench-tui-'));
  const rows: BenchRow[] = [];
  try {
    const small = seed(dir, 3000, 5);
    const big = seed(dir, 10_000, 5);
    for (const [threadsDir, count, target] of [
      [small, 3000, '≤ 500 ms'],
      [big, 10_000, '≤ 1 s'],
    ] as const) {
      await firstFrame(threadsDir, dir, count); // warm the file cache
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) samples.push(await firstFrame(threadsDir, dir, count));
      // Most of it is listing the folder: `watercooler list` on it, cold, is the floor.
      const list = percentiles(listTimes(threadsDir, dir, 5)).p50;
      rows.push(
        row(
          `start to first full frame, ${countLabel(count)} threads × 5 entries (pty)`,
          samples,
          `${target} (ours; a cold \`list\` of it: ${ms(list)})`,
        ),
      );
    }

    const tui = startTui(small, dir);
    await tui.until(
      (s) => s.includes('3,000 threads') && s.includes('q quit'),
      process.hrtime.bigint(),
      'the list',
    );
    await new Promise((r) => setTimeout(r, 300));
    // Threads with one timestamp sort by topic: the i-th j selects topic i.
    const j = await keyLatency(tui, 'j', 40, (i) => selectedIs(topicOf(i)));
    rows.push(row('key to frame (p50 / p95): j on the list, 3,000 threads, 80×24', j, '≤ 50 ms'));
    const filters = ['mine', 'all', 'open'];
    const f = await keyLatency(
      tui,
      'f',
      15,
      (i) => (s) => s.includes(` ${filters[(i - 1) % 3]} ·`),
    );
    rows.push(row('key to frame: f (filter open → mine → all over 3,000 threads)', f, '≤ 50 ms'));
    rows.push(...(await searchWhileMoving(tui)));
    tui.child.stdin.write('\u001B');
    await new Promise((r) => setTimeout(r, 300));
    // Back to the first thread (200 entries) and into it: it opens at the top (all unread).
    await keyLatency(tui, 'g', 1, () => selectedIs(topicOf(0)));
    let first = 0;
    await keyLatency(tui, '\r', 1, () => (s) => {
      first = Number(/lines (\d+)–/.exec(s)?.[1] ?? 0);
      return first > 0;
    });
    const t = await keyLatency(tui, 'j', 40, (i) => (s) => s.includes(`lines ${first + i}–`));
    rows.push(row('key to frame: j in a 200-entry thread (3,000 threads listed)', t, '≤ 50 ms'));
    await tui.quit();
  } finally {
    await Promise.all(
      [...started].map((c) => new Promise((r) => c.once('exit', r).kill('SIGKILL'))),
    );
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
  return rows;
}
