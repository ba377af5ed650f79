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
import { LONG_BODY, LONG_URL } from './long-body.js';
import { localTui, tmux } from './tmux.js';

const term = tmux('tui-thread-view');
let dir: string;

const codeRow = (s: string) =>
  s.split('\n').find((r) => r.includes('│ ') && r.includes('callSomething')) ?? '';

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
    body: LONG_BODY,
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
    let s = await term.waitForScreen((x) => x.includes('Numbers first'), 'the thread');
    expect(codeRow(s)).toMatch(/│ const veryLongName = callSomething\(alpha, beta\).*›$/);
    expect(s).not.toContain('…');
    expect(s).toContain('→ more');
    // The URL is whole and readable: the hyperlink's escapes left nothing behind.
    expect(s).toContain(LONG_URL);
    expect(s).not.toContain('8;;');
    await term.keys(...Array.from({ length: 12 }, () => 'Right'));
    s = await term.waitForScreen((x) => codeRow(x).endsWith('needle;'), 'the end of the line');
    expect(codeRow(s)).toMatch(/│ ‹/);
    expect(s).toMatch(/←→ col \d+/);
    // Prose stays put.
    expect(s).toContain('  Numbers first:');
    await term.keys(...Array.from({ length: 12 }, () => 'Left'));
    s = await term.waitForScreen((x) => x.includes('short();'), 'back to the start');
    expect(codeRow(s)).toMatch(/│ const veryLongName/);
  }, 120_000);

  it('finds inside the thread: "1 of 3", n and N, the code hit shown sideways', async () => {
    await term.keys('/');
    await term.waitForScreen((x) => x.includes('Find in thread:'), 'the find prompt');
    await term.type('needle');
    await term.keys('Enter');
    // The first hit ends the long code line: it was scrolled into view.
    let s = await term.waitForScreen((x) => x.includes('“needle”: 1 of 3'), 'the first hit');
    expect(codeRow(s)).toContain('needle;');
    await term.keys('n');
    s = await term.waitForScreen((x) => x.includes('“needle”: 2 of 3'), 'the second hit');
    expect(s).toContain('before the needle moves.');
    await term.keys('n');
    // The third is below the screen: scrolled to.
    s = await term.waitForScreen((x) => x.includes('“needle”: 3 of 3'), 'the third hit');
    expect(s).toContain('The last needle is here.');
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
