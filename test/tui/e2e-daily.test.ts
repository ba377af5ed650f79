/**
 * The TUI as a daily driver, in a real terminal (tmux, 80×24), issue 16 items 1–3 and 9:
 * - every key of a burst counts: `jjjjj` in one write moves five rows, and fifteen separate
 *   key presses sent as fast as tmux can move fifteen;
 * - Ctrl+S, Ctrl+R and Ctrl+A in a thread do nothing (they are not s, r and a);
 * - a draft survives Ctrl+C (which asks first), Esc Esc, and quitting: the next run brings it
 *   back; Ctrl+G runs $EDITOR (a script here) and its text becomes the body that is sent;
 * - the hand-off target is picked from the thread's participants: `claude` becomes
 *   `Claude (alice)`, and a name that matches nobody is refused with the reason.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, parseThread } from '../../core/index.js';
import { WATERCOOLER_BIN } from '../helpers/run-bin.js';
import { localTui, tmux } from './tmux.js';

const term = tmux('tui-daily');
let dir: string;
let threadsDir: string;

const selected = (s: string) => /^› +(?:[●✎] )?(topic-\d\d)/m.exec(s)?.[1] ?? '';
const fileOf = (topic: string) =>
  parseThread(readFileSync(join(threadsDir, `${topic}.md`), 'utf8'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wc-tui-daily-'));
  threadsDir = join(dir, 'threads');
  let minute = 0;
  const store = await openStore({
    kind: 'local',
    threadsDir,
    context: { user: 'alice', now: () => new Date(Date.UTC(2026, 10, 1, 9, minute++)) },
  });
  // 30 threads, newest last: sorted by update, topic-29 is on top and topic-00 at the bottom.
  for (let i = 0; i < 30; i++) {
    const topic = `topic-${String(i).padStart(2, '0')}`;
    await store.apply({ kind: 'say', topic, agent: 'Claude', title: 'Plan', body: `Plan ${i}.` });
  }
  await store.close();
  // The "editor": writes the body into the file it is given, as an editor would on save.
  const editor = join(dir, 'editor.sh');
  writeFileSync(
    editor,
    '#!/bin/sh\nprintf "Written in the editor.\\n\\n- with a list\\n" > "$1"\n',
  );
  chmodSync(editor, 0o755);
  const tui = localTui(WATERCOOLER_BIN, dir, { EDITOR: editor });
  // Twice in a row: the second run must bring the first run's draft back.
  await term.start(`${tui}; echo "TUI-EXIT=$?"; ${tui}; echo "TUI-EXIT-2=$?"; sleep 120`, {
    columns: 80,
    rows: 24,
  });
});

afterAll(async () => {
  await term.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('the TUI as a daily driver, in tmux', () => {
  it('counts every key of a burst', async () => {
    await term.waitForScreen((x) => selected(x) === 'topic-29', 'the list');
    await term.type('jjjjj');
    await term.waitForScreen((x) => selected(x) === 'topic-24', 'five rows down');
    // Fifteen presses as fast as tmux sends them (key repeat while frames render).
    await Promise.all(Array.from({ length: 15 }, () => term.keys('j')));
    await term.waitForScreen((x) => selected(x) === 'topic-09', 'fifteen more rows');
    await term.type('kkk');
    const s = await term.waitForScreen((x) => selected(x) === 'topic-12', 'three rows up');
    expect(s).toContain('30 threads');
  }, 120_000);

  it('ignores Ctrl+S, Ctrl+R and Ctrl+A in a thread; the letters still work', async () => {
    await term.keys('Enter');
    await term.waitForScreen((x) => x.includes('Plan 12.'), 'the thread');
    await term.keys('C-s', 'C-r', 'C-a');
    await term.keys('?');
    await term.waitForScreen((x) => x.includes('Watercooler — keys'), 'the help');
    await term.keys('q');
    const s = await term.waitForScreen(
      (x) => x.includes('Plan 12.') && !x.includes('— keys'),
      'view',
    );
    expect(s).not.toContain('Set status');
    expect(s).not.toContain('Reply to');
    expect(s).not.toContain('Ack “');
    await term.keys('s');
    await term.waitForScreen((x) => x.includes('Set status'), 'the plain s');
    await term.keys('Escape');
    await term.waitForScreen((x) => !x.includes('Set status'), 'the picker closed');
  }, 120_000);

  it('keeps a draft through Ctrl+C (asked), Esc Esc and a restart; $EDITOR writes the body', async () => {
    await term.keys('r');
    await term.waitForScreen((x) => x.includes('Reply to “topic-12”'), 'the composer');
    await term.type('Kept title');
    await term.keys('Tab', 'Tab', 'Tab');
    await term.type('A body typed by hand');
    await term.keys('C-c');
    await term.waitForScreen((x) => x.includes('Quit? The draft is saved'), 'the prompt');
    await term.keys('n');
    let s = await term.waitForScreen((x) => !x.includes('Quit?'), 'the prompt gone');
    expect(s).toContain('A body typed by hand');
    await term.keys('Escape', 'Escape');
    await term.waitForScreen((x) => /✎ topic-12/.test(x), 'the list, draft marked');
    await term.keys('C-c');
    await term.waitForScreen((x) => x.includes('TUI-EXIT=0'), 'the first run to quit');

    // The second run: the draft is still there.
    await term.waitForScreen((x) => /✎ topic-12/.test(x), 'the second run');
    await term.type('/topic-12');
    await term.keys('Enter', 'Enter');
    await term.waitForScreen((x) => x.includes('Plan 12.'), 'the thread again');
    await term.keys('r');
    s = await term.waitForScreen((x) => x.includes('Your saved draft is back.'), 'the draft');
    expect(s).toContain('Kept title');
    expect(s).toContain('A body typed by hand');

    await term.keys('C-g');
    s = await term.waitForScreen((x) => x.includes('Body from your editor'), 'the editor');
    expect(s).toContain('Written in the editor.');
    expect(s).toContain('Reply to “topic-12”');
    await term.keys('C-s');
    await term.waitForScreen((x) => x.includes('Reply to topic-12: done'), 'the send');
    const entry = fileOf('topic-12').entries.at(-1);
    expect(entry).toMatchObject({ agent: 'Human (carol)', title: 'Kept title' });
    expect(entry?.body).toBe('Written in the editor.\n\n- with a list');
  }, 120_000);

  it('picks the hand-off target from the participants and refuses a name that matches nobody', async () => {
    const before = fileOf('topic-12');
    await term.keys('h');
    let s = await term.waitForScreen((x) => x.includes('Hand off to:'), 'the picker');
    expect(s).toMatch(/› Claude \(alice\) \(default\)/);
    await term.type('Nobody');
    await term.keys('Enter');
    s = await term.waitForScreen((x) => x.includes('is not on this thread'), 'the refusal');
    expect(s).toContain('“Nobody” is not on this thread or in the agent registry');
    // Nothing was sent.
    expect(fileOf('topic-12').entries).toHaveLength(before.entries.length);
    await term.keys('C-u');
    await term.type('Claude');
    await term.keys('Tab');
    await term.type('over to you');
    await term.keys('Enter');
    await term.waitForScreen((x) => x.includes('Hand off topic-12: done'), 'the hand-off');
    const thread = fileOf('topic-12');
    expect(thread.header.ball).toBe('Claude (alice)');
    // "Claude" became the participant it names, never a bare "Claude".
    expect(thread.entries.at(-1)).toMatchObject({
      agent: 'Human (carol)',
      title: 'Handoff to Claude (alice)',
      body: 'over to you',
    });
    await term.keys('q');
    await term.keys('q');
    s = await term.waitForScreen((x) => x.includes('TUI-EXIT-2='), 'the second run to quit');
    expect(s).toContain('TUI-EXIT-2=0');
  }, 120_000);
});
