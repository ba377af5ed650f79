/**
 * The validation Action (SPEC §9): the committed bundle run as the runner runs it, on a push that
 * touches 100 threads (target ≤ 3 s for the whole run, git included) and on a push that appends to
 * one 5,000-entry thread. `npm run bench -- action`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTimestamp, renderEntryBlock } from '../core/thread/entry.js';
import { type BenchRow, ms, percentiles } from './table.js';

const BUNDLE = fileURLToPath(new URL('../action/dist/index.mjs', import.meta.url));
const RUNS = 7;

function block(i: number): string {
  return renderEntryBlock({
    agent: i % 2 ? 'Claude (bench)' : 'Codex (bench)',
    timestamp: formatTimestamp(new Date(1_700_000_000_000 + i * 1000)),
    role: 'implementer',
    type: 'Note',
    title: `Entry ${i}`,
    body: `Entry ${i}: a paragraph about the work.\n\n- a list item\n- another\n\n\`\`\`ts\nconst x = ${i};\n---\n\`\`\`\n\nMore text, ${'words '.repeat(20)}`,
    entryId: `01KTMMG3MT${String(i).padStart(16, '0')}`,
  });
}

function thread(topic: string, entries: number): string {
  const header = `# ${topic} — Thread\nStatus: OPEN\nBall: Claude (bench)\nTopic: ${topic}\nCreated: 2026-01-01T00:00:00Z\n`;
  const blocks: string[] = [];
  for (let i = 0; i < entries; i++) blocks.push(block(i));
  return `${header}\n${blocks.join('\n')}`;
}

function repoWith(files: Record<string, string>): { dir: string; git: (...a: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'wc-bench-action-'));
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'b',
    GIT_AUTHOR_EMAIL: 'b@x',
    GIT_COMMITTER_NAME: 'b',
    GIT_COMMITTER_EMAIL: 'b@x',
  };
  const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, env, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  mkdirSync(join(dir, 'threads'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'threads', name), text);
  git('add', '-A');
  git('commit', '-qm', 'seed');
  return { dir, git };
}

function appendTo(dir: string, names: string[], at: number): void {
  for (const name of names) {
    const path = join(dir, 'threads', name);
    writeFileSync(path, `${readFileSync(path, 'utf8').trimEnd()}\n\n${block(at)}`);
  }
}

// GNU time, when the machine has it, adds the CPU the run used (node and its git children): on a
// shared, loaded machine that figure is steadier than wall time.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface Timing {
  wall: number[];
  cpu: number[];
  outputs: string;
}

function timeAction(dir: string, before: string, after: string): Timing {
  const tmp = mkdtempSync(join(tmpdir(), 'wc-bench-runner-'));
  const event = join(tmp, 'event.json');
  writeFileSync(
    event,
    JSON.stringify({
      ref: 'refs/heads/main',
      before,
      after,
      commits: [],
      repository: { default_branch: 'main' },
    }),
  );
  const timing: Timing = { wall: [], cpu: [], outputs: '' };
  for (let i = 0; i < RUNS; i++) {
    writeFileSync(join(tmp, 'out'), '');
    writeFileSync(join(tmp, 'summary'), '');
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: tmp,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: event,
      GITHUB_WORKSPACE: dir,
      GITHUB_OUTPUT: join(tmp, 'out'),
      GITHUB_STEP_SUMMARY: join(tmp, 'summary'),
      'INPUT_THREADS-DIR': '',
      'INPUT_ALLOW-DELETE': 'false',
      INPUT_STRICT: 'false',
    };
    const cpuFile = join(tmp, 'cpu');
    const argv =
      GNU_TIME === null
        ? [process.execPath, BUNDLE]
        : [GNU_TIME, '-o', cpuFile, '-f', '%U %S', process.execPath, BUNDLE];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(argv[0] as string, argv.slice(1), { cwd: dir, env, encoding: 'utf8' });
    timing.wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`the Action failed: ${r.stdout.slice(-500)}`);
    if (GNU_TIME !== null) {
      const [user = 0, sys = 0] = readFileSync(cpuFile, 'utf8').trim().split(/\s+/).map(Number);
      timing.cpu.push((user + sys) * 1000);
    }
    timing.outputs = readFileSync(join(tmp, 'out'), 'utf8');
  }
  rmSync(tmp, { recursive: true, force: true });
  return timing;
}

function describe(t: Timing): string {
  const wall = percentiles(t.wall);
  const cpu = t.cpu.length === 0 ? '' : `; CPU ${ms(percentiles(t.cpu).p50)}`;
  return `${ms(wall.p50)} (p95 ${ms(wall.p95)}${cpu})`;
}

export async function bench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const names = Array.from({ length: 100 }, (_, i) => `topic-${i}.md`);
  const many = repoWith(Object.fromEntries(names.map((n, i) => [n, thread(`topic-${i}`, 20)])));
  const big = repoWith({ 'big.md': thread('big', 5000) });
  try {
    const before = many.git('rev-parse', 'HEAD').trim();
    appendTo(many.dir, names, 20);
    many.git('commit', '-qam', 'append to 100 threads');
    const after = many.git('rev-parse', 'HEAD').trim();
    const a = timeAction(many.dir, before, after);
    if (!a.outputs.includes('100')) throw new Error(`unexpected outputs: ${a.outputs}`);
    rows.push({
      work: 'Action, push touching 100 threads (20 entries each)',
      ours: describe(a),
      target: '≤ 3000 ms',
    });

    const bigBefore = big.git('rev-parse', 'HEAD').trim();
    appendTo(big.dir, ['big.md'], 5000);
    big.git('commit', '-qam', 'append to the big thread');
    const bigAfter = big.git('rev-parse', 'HEAD').trim();
    const b = timeAction(big.dir, bigBefore, bigAfter);
    const size = (readFileSync(join(big.dir, 'threads', 'big.md')).length / 1e6).toFixed(1);
    rows.push({
      work: `Action, push appending to one 5,000-entry thread (${size} MB)`,
      ours: describe(b),
      target: '≤ 3000 ms',
    });
  } finally {
    rmSync(many.dir, { recursive: true, force: true });
    rmSync(big.dir, { recursive: true, force: true });
  }
  return rows;
}
