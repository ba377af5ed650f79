/**
 * Long content in the thread view, rendered by ink (issue 16 items 4 and 13):
 * - a markdown table shows as an aligned table at 80 and at 40 columns;
 * - a long code line is not cut with `…`: → and ← move it sideways (`‹` / `›` and the position
 *   row's "→ more" / "←→ col N" say there is more), the rest of the thread stays put;
 * - `/` finds inside the thread: hits highlighted, "1 of 3", n / N step through them (wrapping),
 *   a hit far right in a code line is scrolled into view sideways; Esc clears;
 * - URLs are OSC 8 hyperlinks with colour on, plain text under NO_COLOR, and never split;
 * - the reply box's preview of the thread marks a cut code line with `›` too;
 * - the help lists these keys and says it scrolls.
 */
import { describe, expect, it } from 'vitest';
import { KEYS, renderApp, say, workspace } from './harness.js';
import { LONG_BODY as BODY, LONG_URL as URL } from './long-body.js';

async function openThread(size = { columns: 80, rows: 24 }, color = false) {
  const ws = await workspace();
  await ws.write(say('long', 'Claude', 'Long content', BODY));
  const app = await renderApp({ store: ws.store, color }, size);
  await app.waitFor('long');
  await app.press(KEYS.enter);
  await app.waitFor('Numbers first', 'the thread view');
  return app;
}

const rowsOf = (frame: string) => frame.split('\n');
const bars = (row: string) => [...row].flatMap((ch, i) => (ch === '│' || ch === '┼' ? [i] : []));

describe('long content in the thread view', () => {
  it('shows a markdown table aligned, at 80 and at 40 columns', async () => {
    for (const size of [
      { columns: 80, rows: 24 },
      { columns: 40, rows: 30 },
    ]) {
      const app = await openThread(size);
      const rows = rowsOf(app.frame());
      const table = rows.filter((r) => /Store|local|git|─┼─/.test(r) || /^ +│ +│/.test(r));
      expect(table.length).toBeGreaterThanOrEqual(4);
      const header = table.find((r) => r.includes('Store')) ?? '';
      expect(header).toMatch(/Store +│ Read \(ms\) │ Notes/);
      for (const row of table) expect(bars(row)).toEqual(bars(header));
      if (size.columns === 40) {
        // The long cell wraps inside its column: rows below "local" with blank first cells.
        expect(table.filter((r) => /^ +│ +│ \S/.test(r)).length).toBeGreaterThan(0);
      }
      for (const row of rows) expect(row.length).toBeLessThanOrEqual(size.columns);
      app.unmount();
    }
  });

  it('moves a long code line sideways with → and ←, never cutting it with …', async () => {
    const app = await openThread();
    let frame = app.frame();
    const codeRow = () =>
      rowsOf(app.frame()).find((r) => r.includes('│ ') && r.includes('call')) ?? '';
    expect(codeRow()).toMatch(/│ const veryLongName = callSomething.*›$/);
    expect(frame).not.toContain('…');
    expect(frame).toContain('→ more');
    expect(frame).not.toContain('needle;');
    const prose = rowsOf(frame).find((r) => r.includes('Numbers first')) ?? '';
    // 20 columns a press at 80 columns: seven presses reach the end of the line.
    for (let i = 0; i < 7; i++) await app.press(KEYS.right);
    frame = await app.waitFor('needle;', 'the end of the code line');
    expect(codeRow()).toMatch(/│ ‹.*needle;$/);
    expect(frame).toMatch(/←→ col \d+/);
    // Prose does not move; the short line of the same block does.
    expect(rowsOf(frame)).toContain(prose);
    expect(frame).not.toContain('short();');
    for (let i = 0; i < 7; i++) await app.press(KEYS.left);
    await app.waitFor((f) => f.includes('short();') && f.includes('→ more'), 'back at col 1');
    expect(codeRow()).toMatch(/│ const veryLongName/);
  });

  it('ends a wide code line with › in the reply box’s preview too, not …', async () => {
    const app = await openThread({ columns: 80, rows: 40 });
    await app.press('r');
    const frame = await app.waitFor('Reply to “long”');
    const row = rowsOf(frame).find((r) => r.includes('const veryLongName')) ?? '';
    expect(row).toMatch(/│ const veryLongName = callSomething.*›$/);
    expect(frame).not.toContain('…');
  });

  it('finds inside the thread with /, counts "n of m", steps with n / N, shows hits sideways', async () => {
    const app = await openThread();
    await app.press('/');
    await app.waitFor('Find in thread:');
    await app.press(...'needle');
    // While typing: the count, highlighted live; n and N are still letters of the query.
    await app.waitFor('“needle”: 3 matches');
    await app.press(KEYS.enter);
    // Three hits: the end of the code line (far right), the URL sentence, the last line.
    let frame = await app.waitFor('“needle”: 1 of 3 · n / N');
    expect(frame).toContain('needle;');
    expect(frame).toMatch(/←→ col \d+/);
    await app.press('n');
    frame = await app.waitFor('“needle”: 2 of 3');
    expect(frame).toContain('before the needle moves.');
    await app.press('n');
    await app.waitFor('“needle”: 3 of 3');
    await app.press('n');
    await app.waitFor('“needle”: 1 of 3', 'n wraps to the first hit');
    await app.press('N');
    await app.waitFor('“needle”: 3 of 3', 'N wraps to the last hit');
    await app.press('N');
    await app.waitFor('“needle”: 2 of 3');
    await app.press(KEYS.escape);
    frame = await app.waitFor((f) => !f.includes('“needle”'), 'the search cleared');
    expect(frame).toMatch(/lines \d+–\d+ of \d+/);
    await app.press('/', ...'nothing like it', KEYS.enter);
    await app.waitFor('“nothing like it”: no match');
  });

  it('keeps the search count in the corner at 40 columns (line numbers give way)', async () => {
    const app = await openThread({ columns: 40, rows: 16 });
    await app.press('/', ...'needle', KEYS.enter);
    const frame = await app.waitFor('“needle”: 1 of 3 · n / N');
    expect(frame).toMatch(/“needle”: 1 of 3 · n \/ N · (←→ col \d+ · )?(\d+%|end)$/m);
    expect(frame).not.toContain('lines ');
  });

  it('draws URLs as OSC 8 links with colour, plain under NO_COLOR, whole at 40 columns', async () => {
    const colored = await openThread({ columns: 80, rows: 24 }, true);
    expect(colored.frame()).toContain(`\u001B]8;;${URL}\u0007`);
    colored.unmount();
    const plain = await openThread({ columns: 40, rows: 30 }, false);
    const frame = plain.frame();
    expect(frame).not.toContain('\u001B]8;;');
    // Longer than the line: a row of its own, whole up to the edge, the rest sideways.
    const row = rowsOf(frame).find((r) => r.includes('https://')) ?? '';
    expect(row.trim()).toBe(`${URL.slice(0, 37)}›`);
    for (let i = 0; i < 6; i++) await plain.press(KEYS.right);
    await plain.waitFor('in-the-terminal', 'the end of the URL');
  });

  it('lists the new keys in the help, which says it scrolls', async () => {
    const app = await openThread({ columns: 80, rows: 24 });
    await app.press('?');
    const frame = await app.waitFor('Watercooler — keys');
    expect(frame).toMatch(/n p {2}· {2}←→ +next \/ previous entry {2}· {2}sideways/);
    expect(frame).toMatch(/\/ {2}· {2}n N +find in the thread {2}· {2}next \/ previous hit/);
    expect(frame).toMatch(/↑↓ j k scroll this help/);
    // Still whole at 80×24: the last line shows.
    expect(frame).toContain('★ marks a ball that is yours');
  });
});
