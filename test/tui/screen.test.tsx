/**
 * The screen as a whole (SPEC §8): `?` opens help and q/Esc/? close it, and it scrolls (line,
 * page, ends) where it does not fit; every frame fits the
 * terminal (80×24: no row wider than 80, no more than 23 rows, so ink never clears the screen);
 * a resize re-lays the screen; NO_COLOR (color=false) leaves no colour codes while colour on
 * uses them; unread state is kept per user in the state folder across runs.
 */
import { describe, expect, it } from 'vitest';
import { textWidth } from '../../cli/tui/text.js';
import { readSeen } from '../../cli/tui/use-unread.js';
import { KEYS, renderApp, resize, say, workspace } from './harness.js';

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const FG = new RegExp(`${ESC}\\[3[0-9]m`, 'g');
const plain = (s: string) => s.replace(ANSI, '');

async function seeded() {
  const ws = await workspace();
  for (let i = 0; i < 30; i++) {
    await ws.write(
      say(
        `topic-${String(i).padStart(2, '0')}-with-a-rather-long-name-that-will-not-fit`,
        'Codex',
        'T',
        `Body ${i} `.repeat(40),
      ),
    );
  }
  return ws;
}

function expectFits(frame: string, columns: number, rows: number) {
  const lines = plain(frame).split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const line of lines) expect(textWidth(line), line).toBeLessThanOrEqual(columns);
}

describe('screen', () => {
  it('? opens the help, q closes it', async () => {
    const ws = await seeded();
    const app = await renderApp({ store: ws.store });
    await app.waitFor('topic-29');
    await app.press('?');
    const frame = await app.waitFor('Watercooler — keys');
    expect(frame).toContain('Thread view');
    expect(frame).toContain('Ctrl+S');
    expectFits(frame, 80, 24);
    // Every line of the help whole at 80 columns: nothing cut with "…".
    expect(frame).not.toContain('…');
    await app.press('q');
    await app.waitFor('TOPIC');
    await app.press(KEYS.enter);
    await app.waitFor('Status ');
    await app.press('?');
    await app.waitFor('Watercooler — keys');
    await app.press(KEYS.escape);
    await app.waitFor('Status ');
  });

  it('help scrolls on a short terminal: by line, by page, to the ends', async () => {
    const ws = await seeded();
    const app = await renderApp({ store: ws.store }, { columns: 80, rows: 12 });
    await app.waitFor('topic-29');
    await app.press('?');
    let frame = await app.waitFor('Watercooler — keys');
    expect(frame).not.toContain('Everywhere');
    await app.press(' ');
    await app.waitFor((f) => !f.includes('Watercooler — keys'), 'a page down');
    await app.press('G');
    frame = await app.waitFor('Everywhere');
    expect(frame).toContain('★ marks a ball that is yours');
    await app.press('g');
    await app.waitFor('Watercooler — keys');
    await app.press('j');
    await app.waitFor((f) => !f.includes('Watercooler — keys'), 'a line down');
    await app.press('k');
    await app.waitFor('Watercooler — keys');
  });

  it('fits 80×24 on every screen, and re-lays out on resize', async () => {
    const ws = await seeded();
    const app = await renderApp({ store: ws.store });
    expectFits(await app.waitFor('topic-29'), 80, 24);
    await app.press(KEYS.enter);
    expectFits(await app.waitFor('Status '), 80, 24);
    await app.press('r');
    expectFits(await app.waitFor('Reply to'), 80, 24);
    // Esc on its own: Esc and q in one read is Alt+q, as a terminal sends it.
    await app.press(KEYS.escape);
    await app.waitFor((f) => !f.includes('Reply to'), 'the thread again');
    await app.press('q');
    await app.waitFor('TOPIC');
    resize(app, { columns: 120, rows: 40 });
    let frame = await app.waitFor((f) => plain(f).split('\n').length > 30, 'a taller frame');
    expectFits(frame, 120, 40);
    expect(frame).toContain('TITLE'); // the extra width shows the title column
    resize(app, { columns: 60, rows: 12 });
    frame = await app.waitFor((f) => plain(f).split('\n').length <= 11, 'a smaller frame');
    expectFits(frame, 60, 12);
  });

  it('uses no colour codes with color=false (NO_COLOR) and some with colour on', async () => {
    const ws = await seeded();
    const off = await renderApp({ store: ws.store, color: false });
    const frameOff = await off.waitFor('topic-29');
    expect(frameOff.match(FG) ?? []).toEqual([]);
    const on = await renderApp({ store: ws.store, color: true });
    const frameOn = await on.waitFor('topic-29');
    // ink's chalk decides whether this process's stdout takes colour at all; when it does, the
    // colour-on frame has foreground codes the colour-off one lacks.
    if (frameOn.includes(ESC)) expect(frameOn.match(FG)?.length ?? 0).toBeGreaterThan(0);
  });

  it('keeps unread state per user across runs, in the state folder', async () => {
    const ws = await workspace();
    await ws.write(say('one', 'Codex', 'T', 'first'), say('two', 'Codex', 'T', 'second'));
    const first = await renderApp({ store: ws.store, stateDir: ws.stateDir });
    let frame = await first.waitFor('two');
    expect(frame).toMatch(/● one/);
    expect(frame).toMatch(/● two/);
    await first.press('/', 'o', 'n', 'e', KEYS.enter, KEYS.enter);
    await first.waitFor('first');
    await first.press('q');
    first.unmount();
    expect(readSeen(ws.stateDir).stores[`local:${ws.store.info.location}`]).toEqual({ one: 1 });
    await ws.write(say('two', 'Claude', 'T', 'again'));
    const second = await renderApp({ store: ws.store, stateDir: ws.stateDir });
    frame = await second.waitFor('two');
    expect(frame).not.toMatch(/● one/);
    expect(frame).toMatch(/● two/);
    await second.press('M');
    const rows = (f: string) => f.split('\n').slice(1, -2).join('\n');
    await second.waitFor((f) => !rows(f).includes('●'), 'all marked read');
  });
});
