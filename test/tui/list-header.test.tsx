/**
 * The list's header and rows as a daily user reads them (issue 16, items 5, 6, 10 and 13):
 * - "last updated" is relative at any age ("5w", "3mo", "2y", never "2026…"), and with room to
 *   spare (a wide terminal) the date stands beside it;
 * - the header counts what the filter shows ("2 of 4 threads"), `★ N your turn` counts the threads
 *   whose ball is yours and `● N unread` the ones with unread entries, both among those shown;
 * - the header always says who you write as, at 80 and at 40 columns; at 40×12 the topic column
 *   keeps more room than the ball;
 * - counts read as English: "1 hit", "No threads where it is your turn", "3,000";
 * - with NO_COLOR the list has no colour codes, yet the selection, your ball and unread show.
 */
import { describe, expect, it } from 'vitest';
import { openStore } from '../../core/index.js';
import { relativeTime } from '../../cli/tui/format.js';
import { textWidth } from '../../cli/tui/text.js';
import { KEYS, NOW, renderApp, say, workspace } from './harness.js';

const DAY = 86_400_000;
const ESC = String.fromCharCode(27);
const FG = new RegExp(`${ESC}\\[(3[0-79]|9[0-7])m`);
const rowOf = (frame: string, topic: string) =>
  frame.split('\n').find((l) => l.includes(topic)) ?? '';

/** Threads last written `days` ago (a second writer with its own clock). */
async function agedThreads(
  ws: Awaited<ReturnType<typeof workspace>>,
  days: Record<string, number>,
) {
  for (const [topic, ago] of Object.entries(days)) {
    const store = await openStore({
      kind: 'local',
      threadsDir: ws.threadsDir,
      context: { user: 'alice', now: () => new Date(NOW.getTime() - ago * DAY) },
    });
    await store.apply(say(topic, 'Codex', 'T', 'Body.'));
    await store.close();
  }
}

describe('list header and rows', () => {
  it('says how long ago at every age, and adds the date when there is room', async () => {
    expect(relativeTime(new Date(NOW.getTime() - 35 * DAY).toISOString(), NOW)).toBe('5w');
    expect(relativeTime(new Date(NOW.getTime() - 100 * DAY).toISOString(), NOW)).toBe('3mo');
    expect(relativeTime(new Date(NOW.getTime() - 800 * DAY).toISOString(), NOW)).toBe('2y');
    const ws = await workspace();
    await agedThreads(ws, { 'five-weeks': 35, 'three-months': 100, 'two-years': 800 });
    const narrow = await renderApp({ store: ws.store });
    let frame = await narrow.waitFor('two-years');
    expect(rowOf(frame, 'five-weeks')).toMatch(/ 5w\s*$/);
    expect(rowOf(frame, 'three-months')).toMatch(/ 3mo\s*$/);
    expect(rowOf(frame, 'two-years')).toMatch(/ 2y\s*$/);
    expect(frame).not.toContain('2026…');
    const wide = await renderApp({ store: ws.store }, { columns: 200, rows: 30 });
    frame = await wide.waitFor('two-years');
    expect(rowOf(frame, 'five-weeks')).toMatch(/ 5w 2026-10-16\s*$/);
    expect(rowOf(frame, 'two-years')).toMatch(/ 2y 2024-09-11\s*$/);
  });

  it('counts what the filter shows: threads, your turn, unread', async () => {
    const ws = await workspace();
    await ws.write(
      say('mine-1', 'Claude', 'T', 'B', { ball: 'Human (alice)' }),
      say('mine-2', 'Claude', 'T', 'B', { ball: 'Human (alice)' }),
      say('theirs', 'Claude', 'T', 'B'),
      say('done', 'Claude', 'T', 'B', { ball: 'Human (alice)' }),
      { kind: 'set-status', topic: 'done', status: 'closed' },
    );
    const app = await renderApp({ store: ws.store, stateDir: ws.stateDir });
    let frame = await app.waitFor('mine-2');
    // "open": three of the four; two of them are your turn; all three unread.
    expect(frame).toContain('3 of 4 threads');
    expect(frame).toContain('★ 2 your turn');
    expect(frame).toContain('● 3 unread');
    await app.press('f');
    frame = await app.waitFor('· mine ·');
    expect(frame).toContain('2 of 4 threads');
    expect(frame).toContain('★ 2 your turn');
    expect(frame).toContain('● 2 unread');
    await app.press('f');
    frame = await app.waitFor('· all ·');
    expect(frame).toContain(' 4 threads');
    expect(frame).toContain('★ 3 your turn');
    expect(frame).toContain('● 4 unread');
    // Reading one thread takes it off the unread count.
    await app.press('g', KEYS.enter);
    await app.waitFor('Status ');
    await app.press('q');
    frame = await app.waitFor('TOPIC');
    expect(frame).toContain('● 3 unread');
  });

  it('keeps who you write as in the header, and the topic its room, at 80 and 40 columns', async () => {
    const ws = await workspace();
    await ws.write(
      say('a-topic-of-twenty-ch', 'Claude', 'T', 'B', { ball: 'Somebody With A Long Name (bob)' }),
    );
    const wide = await renderApp({ store: ws.store });
    let frame = await wide.waitFor('a-topic');
    expect(frame.split('\n')[0]).toContain('as Human (alice)');
    await wide.press(KEYS.enter);
    frame = await wide.waitFor('Status ');
    expect(frame.split('\n')[0]).toContain('as Human (alice)');
    expect(frame.split('\n')[0]).toContain('a-topic-of-twenty-ch');

    const small = await renderApp({ store: ws.store }, { columns: 40, rows: 12 });
    frame = await small.waitFor('a-topic');
    expect(frame.split('\n')[0]).toContain('as Human (alice)');
    const row = rowOf(frame, 'a-topic');
    const topicCell = /a-topic\S*/.exec(row)?.[0] ?? '';
    const ballCell = /Somebody\S*/.exec(row)?.[0] ?? '';
    expect(topicCell.length).toBeGreaterThan(ballCell.length);
    for (const line of frame.split('\n')) expect(textWidth(line)).toBeLessThanOrEqual(40);
    await small.press(KEYS.enter);
    frame = await small.waitFor('#0 ');
    expect(frame.split('\n')[0]).toContain('as Human (alice)');
    expect(frame.split('\n')[0]).toContain('a-topic');
  });

  it('writes counts as English: 1 hit, no threads where it is your turn', async () => {
    const ws = await workspace();
    await ws.write(
      say('alpha', 'Claude', 'T', 'One needle here.'),
      say('beta', 'Claude', 'T', 'B'),
    );
    const app = await renderApp({ store: ws.store });
    await app.waitFor('beta');
    await app.press('f');
    let frame = await app.waitFor('No threads where it is your turn');
    expect(frame).not.toContain('No mine');
    await app.press('f', '/', ...'needle', KEYS.enter);
    frame = await app.waitFor('(1 hit)');
    expect(frame).not.toContain('1 hits');
    expect(frame).toContain('1 match (titles + bodies)');
  });

  it('uses no colour with NO_COLOR, and still shows the selection, your ball and unread', async () => {
    const ws = await workspace();
    await ws.write(
      say('yours', 'Claude', 'T', 'B', { ball: 'Human (alice)' }),
      say('theirs', 'Claude', 'T', 'B'),
      { kind: 'set-status', topic: 'theirs', status: 'blocked' },
    );
    const app = await renderApp({ store: ws.store, color: false });
    const frame = await app.waitFor('theirs');
    expect(frame).not.toMatch(FG);
    expect(frame).toMatch(/^› ● /m);
    expect(rowOf(frame, 'yours')).toContain('★ Human (alice)');
    expect(rowOf(frame, 'theirs')).toContain('● theirs');
  });
});
