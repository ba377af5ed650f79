/**
 * What the TUI says back (issue 16, items 6, 7, 8 and 11):
 * - a long error is wrapped on the status line and can be read whole; the screen still fits;
 * - errors speak the TUI's language (a hint about CLI flags is left out); good news goes away at
 *   the next key, errors stay until you leave the screen;
 * - M says how many threads it marked read and u undoes it; R says it is refreshing, then when it
 *   is done or why it failed; a body search says "searching bodies…" and keys still work meanwhile;
 * - keys typed while a thread is being read wait for it (Enter then r replies);
 * - N starts a new thread (and refuses a topic that exists); a folder that does not exist is
 *   named as such; a reply to a thread deleted meanwhile is refused, not silently re-created.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ThreadStore, WatercoolerError, parseThread } from '../../core/index.js';
import { textWidth } from '../../cli/tui/text.js';
import { KEYS, renderApp, say, workspace } from './harness.js';

const fileOf = (dir: string, topic: string) =>
  parseThread(readFileSync(join(dir, `${topic}.md`), 'utf8'));
const selected = (frame: string) => /^› (?:● )?(\S+)/m.exec(frame)?.[1] ?? '';

/** A promise to hold a store call until the test lets it go. */
function gate() {
  let open = () => undefined as void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open: () => open() };
}

/** The workspace's store with reads that wait, from `hold()` on, until the gate opens. */
function heldReads(base: ThreadStore) {
  let held: ReturnType<typeof gate> | null = null;
  const store: ThreadStore = {
    ...base,
    read: async (topic) => {
      await held?.opened;
      return base.read(topic);
    },
  };
  return { store, hold: () => (held = gate()) };
}

async function seeded(count = 1) {
  const ws = await workspace();
  for (let i = 0; i < count; i++)
    await ws.write(say(`topic-${i}`, 'Claude', 'Plan', i === 0 ? 'The needle is here.' : 'Hay.'));
  return ws;
}

describe('status line and feedback', () => {
  it('wraps a long error so it can be read whole, and the screen still fits', async () => {
    const ws = await seeded();
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
    const store: ThreadStore = {
      ...ws.store,
      apply: async () => {
        throw new WatercoolerError('UNREACHABLE', `git push was refused: ${words}.`, {
          hint: 'Check the remote, then retry.',
        });
      },
    };
    const app = await renderApp({ store });
    await app.waitFor('topic-0');
    await app.press(KEYS.enter);
    await app.waitFor('Status ');
    await app.press('a', 'y');
    const frame = await app.waitFor('FAILED');
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(80);
    const joined = lines.map((l) => l.trim()).join(' ');
    expect(joined).toContain(`git push was refused: ${words}. — Check the remote, then retry.`);
    // The thread footer keeps help and the way back at 80 columns.
    expect(lines.at(-1)).toMatch(/^ \? help {2}q back/);
  });

  it('leaves out hints about CLI flags; good news goes at the next key, errors when you leave', async () => {
    const ws = await seeded();
    let fail = true;
    const store: ThreadStore = {
      ...ws.store,
      apply: async (op) => {
        if (!fail) return ws.store.apply(op);
        throw new WatercoolerError('INVALID_INPUT', 'The body is empty.', {
          hint: 'Pass --body "…" (text, or a path to a file).',
        });
      },
    };
    const app = await renderApp({ store });
    await app.waitFor('topic-0');
    await app.press(KEYS.enter);
    await app.waitFor('Status ');
    await app.press('a', 'y');
    let frame = await app.waitFor('FAILED');
    expect(frame).toContain('Ack topic-0 FAILED: The body is empty.');
    expect(frame).not.toContain('--body');
    await app.press('j');
    expect(app.frame()).toContain('FAILED');
    await app.press('q');
    frame = await app.waitFor('TOPIC');
    expect(frame).not.toContain('FAILED');
    fail = false;
    await app.press(KEYS.enter, 'a', 'y');
    await app.waitFor('Ack topic-0: done');
    await app.press('k');
    await app.waitFor((f) => !f.includes('Ack topic-0: done'), 'the good news to go');
  });

  it('M marks what is shown read and says how many; u undoes it', async () => {
    const ws = await seeded(3);
    const app = await renderApp({ store: ws.store, stateDir: ws.stateDir });
    await app.waitFor('● 3 unread');
    await app.press('M');
    let frame = await app.waitFor('Marked 3 threads read · u undoes');
    expect(frame).toContain('● 0 unread');
    await app.press('u');
    frame = await app.waitFor('Undone: 3 threads unread again.');
    expect(frame).toContain('● 3 unread');
    await app.press('M', 'M');
    await app.waitFor('Nothing to mark: every thread shown is read.');
  });

  it('R says it is refreshing, then that it is done, or why it failed', async () => {
    const ws = await seeded();
    let held: ReturnType<typeof gate> | null = null;
    let down = false;
    const store: ThreadStore = {
      ...ws.store,
      list: async () => {
        await held?.opened;
        if (down) throw new WatercoolerError('UNREACHABLE', 'Cannot reach the remote.');
        return ws.store.list();
      },
    };
    const app = await renderApp({ store });
    await app.waitFor('topic-0');
    held = gate();
    await app.press('R');
    await app.waitFor('Refreshing…');
    held.open();
    await app.waitFor(/Refreshed at \d\d:\d\d:\d\dZ\./);
    held = null;
    down = true;
    await app.press('R');
    const frame = await app.waitFor('Refresh FAILED');
    expect(frame).toContain('Refresh FAILED: Cannot reach the remote.');
    expect(frame).not.toContain('Refreshed at');
  });

  it('says "searching bodies…" while a body search runs, and keys still move the selection', async () => {
    const ws = await seeded(5);
    const reads = heldReads(ws.store);
    const app = await renderApp({ store: reads.store });
    await app.waitFor('topic-4');
    let held = reads.hold();
    // "needle" is in no topic or title: until the bodies are read, no row matches.
    await app.press('/', ...'needle', KEYS.enter);
    let frame = await app.waitFor('searching bodies… 0 / 5');
    expect(frame).toContain('Searching the bodies…');
    expect(frame).not.toContain('No open threads match');
    held.open();
    frame = await app.waitFor('1 match (titles + bodies)');
    expect(frame).toContain('topic-0 (1 hit)');
    // "topic" is in every topic: the rows stay while the bodies are searched, and keys work.
    held = reads.hold();
    await app.press('/', KEYS.ctrlU, ...'topic', KEYS.enter);
    await app.waitFor('searching bodies… 0 / 5');
    const before = selected(app.frame());
    await app.press('j');
    await app.waitFor((f) => selected(f) !== before && f.includes('searching'), 'a move meanwhile');
    held.open();
    await app.waitFor('5 matches (titles + bodies)');
  });

  it('keys typed while a thread is read wait for it: Enter then r opens the reply', async () => {
    const ws = await seeded();
    const reads = heldReads(ws.store);
    const app = await renderApp({ store: reads.store });
    await app.waitFor('topic-0');
    const held = reads.hold();
    await app.press(KEYS.enter, 'r', ...'Quick');
    await app.waitFor('Loading…');
    held.open();
    // Nothing typed was lost on the way: the title has it.
    const frame = await app.waitFor('Title* Quick');
    expect(frame).toContain('Reply to “topic-0”');
  });

  it('N starts a new thread, and refuses a topic that exists', async () => {
    const ws = await seeded();
    const app = await renderApp({ store: ws.store });
    await app.waitFor('topic-0');
    await app.press('N');
    const frame = await app.waitFor('New thread');
    expect(frame).toContain('* required');
    expect(frame).toContain('Topic*');
    expect(frame).toContain('Title*');
    await app.press(...'topic-0', KEYS.enter, ...'Hi', KEYS.tab, KEYS.tab, KEYS.tab, ...'Body');
    await app.press(KEYS.ctrlS);
    await app.waitFor('A thread “topic-0” exists: open it and reply there.');
    // The refusal puts the cursor back in the topic.
    await app.press(KEYS.backspace, ...'9');
    await app.waitFor('Topic* topic-9');
    await app.press(KEYS.ctrlS);
    await app.waitFor('New thread topic-9: done');
    // The new thread opens.
    await app.waitFor((f) => f.includes('#0 Human (alice)') && f.includes('Body'), 'the thread');
    expect(fileOf(ws.threadsDir, 'topic-9').entries).toMatchObject([
      { agent: 'Human (alice)', title: 'Hi', body: 'Body' },
    ]);
  });

  it('says the folder does not exist, instead of "No threads yet"', async () => {
    const ws = await workspace();
    const app = await renderApp({ store: ws.store });
    const frame = await app.waitFor('does not exist');
    expect(frame.replace(/\s+/g, ' ')).toContain(
      `The folder ${ws.store.info.location} does not exist. Check the path (--threads-dir)`,
    );
    expect(frame).not.toContain('No threads yet');
  });

  it('refuses a reply to a thread deleted meanwhile, keeps the draft, and does not re-create it', async () => {
    const ws = await seeded(2);
    const app = await renderApp({ store: ws.store });
    await app.waitFor('topic-1');
    await app.press(KEYS.enter);
    await app.waitFor('Status ');
    await app.press('r');
    await app.waitFor('Reply to “topic-1”');
    await app.press(...'Late', KEYS.tab, KEYS.tab, KEYS.tab, ...'Still there?');
    rmSync(join(ws.threadsDir, 'topic-1.md'));
    await app.press(KEYS.ctrlS);
    const frame = await app.waitFor('deleted or renamed meanwhile');
    expect(frame).toContain('nothing was sent');
    expect(frame).toContain('Still there?');
    expect(existsSync(join(ws.threadsDir, 'topic-1.md'))).toBe(false);
  });
});
