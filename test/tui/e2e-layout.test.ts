/**
 * The TUI's layout in a real terminal (tmux), issue 16 items 5, 6 and 10, where the terminal's
 * own idea of widths and rows matters:
 * - at 80×24 the list and the thread view say who you write as in the header and keep `? help`
 *   and the way back (`q quit` / `q back`) in the footer; ages of old threads read `5w`, `3mo`;
 * - at 40×12 every row still fits (nothing wraps onto the next row, the header is the top row and
 *   the key hints the bottom one), the topic keeps more room than the ball, and the header still
 *   says who you are.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../core/index.js';
import { WATERCOOLER_BIN } from '../helpers/run-bin.js';
import { localTui, tmux } from './tmux.js';

const wide = tmux('tui-layout-80');
const small = tmux('tui-layout-40');
let dir: string;

const DAY = 86_400_000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wc-tui-layout-'));
  const threadsDir = join(dir, 'threads');
  // Old threads: the list must say how old, not "2026…".
  for (const [topic, days] of [
    ['five-weeks-old-and-a-long-topic', 35],
    ['three-months-old', 100],
  ] as const) {
    const store = await openStore({
      kind: 'local',
      threadsDir,
      context: { user: 'alice', now: () => new Date(Date.now() - days * DAY) },
    });
    await store.apply({
      kind: 'say',
      topic,
      agent: 'Claude',
      title: 'Plan',
      body: `Written ${days} days ago.`,
      ball: 'Somebody With A Very Long Name (bob)',
    });
    await store.close();
  }
  const command = localTui(WATERCOOLER_BIN, dir);
  await wide.start(`${command}; echo TUI-EXIT=$?; sleep 120`, { columns: 80, rows: 24 });
  await small.start(`${command}; echo TUI-EXIT=$?; sleep 120`, { columns: 40, rows: 12 });
});

afterAll(async () => {
  // Quit first: a TUI killed with the terminal still saves its state while the folder goes.
  for (const term of [wide, small]) {
    await term.keys('q');
    await term.waitForScreen((x) => x.includes('TUI-EXIT='), 'the TUI to quit').catch(() => '');
    await term.kill();
  }
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

const rowsOf = (screen: string) => screen.replace(/\n+$/, '').split('\n');

describe('TUI layout in a real terminal', () => {
  it('at 80×24: who you are in the header, help and the way back in the footer, ages', async () => {
    let s = await wide.waitForScreen((x) => x.includes('three-months-old'), 'the list');
    let rows = rowsOf(s);
    expect(rows[0]).toContain('2 threads');
    expect(rows[0]).toContain('as Human (carol)');
    expect(rows.at(-1)).toMatch(/^ \? help {2}q quit/);
    expect(rows.find((r) => r.includes('five-weeks'))).toMatch(/ 5w\s*$/);
    expect(rows.find((r) => r.includes('three-months'))).toMatch(/ 3mo\s*$/);
    await wide.keys('Enter');
    // The newest first: the five-week-old thread is selected.
    s = await wide.waitForScreen((x) => x.includes('Written 35 days ago.'), 'the thread');
    rows = rowsOf(s);
    expect(rows[0]).toContain('five-weeks-old-and-a-long-topic');
    expect(rows[0]).toContain('as Human (carol)');
    expect(rows.at(-1)).toMatch(/^ \? help {2}q back/);
    await wide.keys('q');
    await wide.waitForScreen((x) => x.includes('q quit'), 'the list again');
  }, 120_000);

  it('at 40×12: every row fits, the topic keeps its room, the header says who you are', async () => {
    const s = await small.waitForScreen((x) => x.includes('three-month'), 'the list');
    const rows = rowsOf(s);
    expect(rows.length).toBeLessThanOrEqual(12);
    expect(rows[0]).toContain('as Human (carol)');
    expect(rows[1]).toMatch(/^\s+TOPIC\s+STAT\s+BALL\s+#\s+UPD$/);
    expect(rows.at(-1)).toMatch(/^ \? help {2}q quit/);
    const row = rows.find((r) => r.includes('five-weeks')) ?? '';
    const topic = /five-weeks\S*/.exec(row)?.[0] ?? '';
    const ball = /Somebody\S*/.exec(row)?.[0] ?? '';
    expect(topic.length).toBeGreaterThan(ball.length);
    expect(row).toMatch(/ 5w\s*$/);
    await small.keys('Enter');
    const t = rowsOf(await small.waitForScreen((x) => x.includes('q back'), 'the thread'));
    expect(t[0]).toContain('as Human (carol)');
    expect(t.at(-1)).toMatch(/^ \? help {2}q back/);
    await small.keys('q');
  }, 120_000);
});
