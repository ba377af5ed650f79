/**
 * The thread view (SPEC §8): entries with agent, role, type and time; markdown bodies (headings,
 * lists, code blocks); scrolling by line, page, entry and to the ends; it opens at the first
 * unread entry with a "new" marker; a new entry by someone else appears without a key press;
 * ack / hand off / set status write through the store with the right ball and status, and a
 * failed or pending write is said plainly; q goes back to the list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ThreadStore, WatercoolerError, parseThread } from '../../core/index.js';
import { saveSeen } from '../../cli/tui/use-unread.js';
import { KEYS, renderApp, say, workspace } from './harness.js';

const BODY = [
  '## Steps',
  '',
  '- move **sessions** to JWT',
  '- keep `cookie` fallback',
  '',
  '```ts',
  'const token = sign(user);',
  '```',
].join('\n');

async function longThread(entries = 12) {
  const ws = await workspace();
  await ws.write(say('auth', 'Claude', 'Entry zero', BODY, { role: 'planner', type: 'Plan' }));
  for (let i = 1; i < entries; i++) {
    await ws.write(
      say(
        'auth',
        i % 2 === 0 ? 'Claude' : 'Codex',
        `Entry ${i}`,
        `Body of entry ${i}.\n\nSecond paragraph ${i}.`,
      ),
    );
  }
  return ws;
}

const fileOf = (ws: { threadsDir: string }, topic: string) =>
  parseThread(readFileSync(join(ws.threadsDir, `${topic}.md`), 'utf8'));

async function openFirst(app: Awaited<ReturnType<typeof renderApp>>, topic: string) {
  await app.waitFor(topic);
  await app.press(KEYS.enter);
  await app.waitFor('Status ', 'the thread view');
}

describe('thread view', () => {
  it('renders entries with agent, role, type, time and markdown bodies', async () => {
    const ws = await longThread(1);
    const app = await renderApp({ store: ws.store });
    await openFirst(app, 'auth');
    const frame = app.frame();
    expect(frame).toMatch(/#0 Claude \(alice\) · planner · Plan · 2026-\d\d-\d\d \d\d:\d\dZ/);
    expect(frame).toContain('Entry zero');
    expect(frame).toContain('Steps');
    expect(frame).not.toContain('## Steps');
    expect(frame).toContain('• move sessions to JWT');
    // The harness renders without colour (NO_COLOR): inline code keeps its backticks.
    expect(frame).toContain('• keep `cookie` fallback');
    expect(frame).toContain('┌─ ts');
    expect(frame).toContain('│ const token = sign(user);');
    expect(frame).toMatch(/Ball .*Codex \(alice\)/);
  });

  it('opens at the first unread entry, marked "new", and scrolls by line, page, entry and ends', async () => {
    const ws = await longThread(12);
    saveSeen(ws.stateDir, `local:${ws.store.info.location}`, { auth: 9 });
    const app = await renderApp({ store: ws.store, stateDir: ws.stateDir });
    await app.waitFor('auth');
    expect(app.frame()).toMatch(/● auth/);
    await app.press(KEYS.enter);
    let frame = await app.waitFor('── new');
    expect(frame).toContain('#9 ');
    expect(frame).not.toContain('#8 ');
    const firstBodyRow = () => app.frame().split('\n')[1] ?? '';
    const before = firstBodyRow();
    await app.press('k');
    await app.waitFor(() => firstBodyRow() !== before, 'one line up');
    await app.press('g');
    frame = await app.waitFor('Entry zero');
    expect(frame).toContain('auth');
    await app.press(' ');
    await app.waitFor((f) => !f.includes('Entry zero'), 'a page down');
    await app.press('G');
    await app.waitFor('Second paragraph 11');
    await app.press('p');
    const topRow = (n: string) => (f: string) => (f.split('\n')[1] ?? '').includes(n);
    await app.waitFor(topRow('#8 '), 'the start of the entry at the top');
    await app.press('p');
    await app.waitFor(topRow('#7 '), 'the previous entry at the top');
    await app.press('g', 'n');
    await app.waitFor((f) => (f.split('\n')[1] ?? '').includes('#0 '), 'first entry at the top');
    // Going back: the thread is now read.
    await app.press('q');
    frame = await app.waitFor('TOPIC');
    expect(frame).not.toMatch(/● auth/);
  });

  it('shows a new entry by someone else without a key press', async () => {
    const ws = await longThread(2);
    const app = await renderApp({ store: ws.store });
    await openFirst(app, 'auth');
    await app.waitFor('Entry 1');
    await ws.write(say('auth', 'Codex', 'Live one', 'Arrived while you were reading.'));
    const frame = await app.waitFor('Arrived while you were reading.', 'the live entry');
    expect(frame).toContain('#2 Codex (alice)');
  });

  it('acks (y), hands off (h) with a target and note, and sets the status (s)', async () => {
    const ws = await longThread(2);
    const app = await renderApp({ store: ws.store });
    await openFirst(app, 'auth');
    await app.press('a');
    await app.waitFor('y / n');
    await app.press('y');
    await app.waitFor('Ack auth: done');
    let thread = fileOf(ws, 'auth');
    expect(thread.entries.at(-1)?.title).toBe('Ack');
    expect(thread.entries.at(-1)?.agent).toBe('Human (alice)');

    await app.press('h');
    await app.waitFor('Hand off to:');
    await app.press(...'codex', KEYS.tab, ...'over to you', KEYS.enter);
    await app.waitFor('Hand off auth: done · ball → Codex (alice)');
    thread = fileOf(ws, 'auth');
    expect(thread.header.ball).toBe('Codex (alice)');
    expect(thread.entries.at(-1)?.title).toBe('Handoff to Codex (alice)');
    expect(thread.entries.at(-1)?.body).toBe('over to you');

    await app.press('s');
    await app.waitFor('Set status');
    await app.press(KEYS.down, KEYS.down, KEYS.enter);
    await app.waitFor('Status of auth: done');
    expect(fileOf(ws, 'auth').header.status).toBe('BLOCKED');
    await app.waitFor('auth · BLOCKED · ball Codex (alice)');
  });

  it('says plainly when a write fails (message and hint) or is kept pending offline', async () => {
    const ws = await longThread(1);
    let mode: 'fail' | 'pending' = 'fail';
    // A store that cannot reach its remote: the failure and the outbox answer of the git store.
    const store: ThreadStore = {
      ...ws.store,
      apply: async (op) => {
        if (mode === 'fail') {
          throw new WatercoolerError('UNREACHABLE', 'Cannot reach the remote.', {
            hint: 'Check the network, then retry.',
          });
        }
        return {
          topic: op.topic,
          operation: op.kind,
          entry_id: null,
          ball: 'Codex (alice)',
          status: 'OPEN',
          pending: true,
        };
      },
    };
    const app = await renderApp({ store });
    await openFirst(app, 'auth');
    await app.press('a', 'y');
    let frame = await app.waitFor('FAILED');
    expect(frame).toContain(
      'Ack auth FAILED: Cannot reach the remote. — Check the network, then retry.',
    );
    mode = 'pending';
    await app.press('a', 'y');
    frame = await app.waitFor('PENDING');
    expect(frame).toContain('offline outbox');
  });
});
