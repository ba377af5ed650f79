/**
 * The thread view's long content in a real terminal (tmux, 80×24, colour on), issue 16 item 4:
 * - a code line longer than the screen is not cut with `…`: → moves it sideways until its end
 *   shows (`‹` marks what is off to the left), ← brings it back;
 * - `/` finds inside the thread: "1 of 3", `n` and `N` step through the hits, the hit in the
 *   long code line is scrolled into view sideways;
 * - the OSC 8 link around a URL does not garble the screen of a terminal that may not know it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../core/index.js';
import { WATERCOOLER_BIN } from '../helpers/run-bin.js';
import { localTui, tmux } from './tmux.js';

const term = tmux('tui-thread-view');
let dir: string;

const LONG = 'const total = ' + 'measure(alpha, beta) + '.repeat(8) + 'needle;';
const URL = 'https://docs.example.com/guides/long-content';
const BODY = [
  'Before the code, a needle in prose.',
  '',
  '```ts',
  LONG,
  'short();',
  '```',
  '',
  `See ${URL} for the last needle.`,
].join('\n');

const codeRow = (s: string) =>
  s.split('\n').find((r) => r.includes('│ ') && r.includes('measure')) ?? '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wc-tui-view-'));
  const threadsDir = join(dir, 'threads');
  const store = await openStore({
    kind: 'local',
    threadsDir,
    context: { user: 'alice', now: () => new Date(Date.UTC(2026, 10, 1, 9, 0)) },
  });
  await store.apply({
    kind: 'say',
    topic: 'long-lines',
    agent: 'Claude',
    title: 'Plan',
    body: BODY,
  });
  await store.close();
  await term.start(`${localTui(WATERCOOLER_BIN, dir)}; echo "TUI-EXIT=$?"; sleep 120`, {
    columns: 80,
    rows: 24,
  });
});

afterAll(async () => {
  await term.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('long content in the thread view, in tmux', () => {
  it('moves a long code line sideways with → and ←', async () => {
    await term.waitForScreen((x) => x.includes('long-lines'), 'the list');
    await term.keys('Enter');
    let s = await term.waitForScreen((x) => x.includes('Before the code'), 'the thread');
    expect(codeRow(s)).toMatch(/│ const total = measure\(alpha, beta\).*›$/);
    expect(s).not.toContain('…');
    expect(s).toContain('→ more');
    // The URL line is whole and readable: the hyperlink's escapes left nothing behind.
    expect(s).toContain(`See ${URL} for the last`);
    expect(s).not.toContain('8;;');
    await term.keys(...Array.from({ length: 12 }, () => 'Right'));
    s = await term.waitForScreen((x) => codeRow(x).endsWith('needle;'), 'the end of the line');
    expect(codeRow(s)).toMatch(/│ ‹/);
    expect(s).toMatch(/←→ col \d+/);
    expect(s).toContain('Before the code, a needle in prose.');
    await term.keys(...Array.from({ length: 12 }, () => 'Left'));
    s = await term.waitForScreen((x) => x.includes('short();'), 'back to the start');
    expect(codeRow(s)).toMatch(/│ const total/);
  }, 120_000);

  it('finds inside the thread: "1 of 3", n and N, the code hit shown sideways', async () => {
    await term.keys('/');
    await term.waitForScreen((x) => x.includes('Find in thread:'), 'the find prompt');
    await term.type('needle');
    await term.keys('Enter');
    let s = await term.waitForScreen((x) => x.includes('“needle”: 1 of 3'), 'the first hit');
    expect(s).toContain('Before the code, a needle in prose.');
    await term.keys('n');
    s = await term.waitForScreen((x) => x.includes('“needle”: 2 of 3'), 'the second hit');
    // The second hit ends the long code line: it was scrolled into view.
    expect(codeRow(s)).toContain('needle;');
    await term.keys('n');
    await term.waitForScreen((x) => x.includes('“needle”: 3 of 3'), 'the third hit');
    await term.keys('N', 'N');
    await term.waitForScreen((x) => x.includes('“needle”: 1 of 3'), 'back to the first');
    await term.keys('Escape');
    s = await term.waitForScreen((x) => !x.includes('“needle”'), 'the search cleared');
    expect(s).toMatch(/lines \d+–\d+ of \d+/);
    await term.keys('q', 'q');
    s = await term.waitForScreen((x) => x.includes('TUI-EXIT='), 'the TUI to quit');
    expect(s).toContain('TUI-EXIT=0');
  }, 120_000);
});
