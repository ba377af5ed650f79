/**
 * The composer (SPEC §8): r opens it; title, type, role and a multi-line body (Enter is a new
 * line); Ctrl+S sends a `say` through the store, the ball goes where core says (the counterpart,
 * else the last other author); a failed send keeps the draft and its Entry-ID, so sending again
 * cannot duplicate; Esc leaves and keeps the draft, Ctrl+X discards it after asking; the title is
 * marked required and a missing title or body is refused in the TUI's words, not the CLI's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Operation,
  type ThreadStore,
  WatercoolerError,
  parseThread,
} from '../../core/index.js';
import { KEYS, renderApp, say, workspace } from './harness.js';

const fileOf = (dir: string, topic: string) =>
  parseThread(readFileSync(join(dir, `${topic}.md`), 'utf8'));

async function inComposer(store?: (base: ThreadStore) => ThreadStore) {
  const ws = await workspace();
  await ws.write(say('auth', 'Claude', 'Plan', 'Please review.'));
  const app = await renderApp({ store: store === undefined ? ws.store : store(ws.store) });
  await app.waitFor('auth');
  await app.press(KEYS.enter);
  await app.waitFor('Please review.');
  await app.press('r');
  await app.waitFor('Reply to “auth”');
  return { ws, app };
}

describe('composer', () => {
  it('sends a multi-line reply with title, type and role; the ball goes back to the last other author', async () => {
    const { ws, app } = await inComposer();
    await app.press(...'Looks good', KEYS.tab);
    await app.press(KEYS.right, KEYS.right, KEYS.tab); // Note → Plan → Decision
    await app.press(KEYS.left, KEYS.tab); // implementer → critic
    await app.press(
      ...'First line',
      KEYS.enter,
      KEYS.enter,
      ...'- a **point**',
      KEYS.enter,
      ...'- another',
    );
    let frame = await app.waitFor('- another');
    expect(frame).toContain('[Decision]');
    expect(frame).toContain('[critic]');
    await app.press(KEYS.ctrlS);
    frame = await app.waitFor('Reply to auth: done');
    expect(frame).toContain('ball → Claude (alice)');
    const thread = fileOf(ws.threadsDir, 'auth');
    const entry = thread.entries.at(-1);
    expect(entry).toMatchObject({
      agent: 'Human (alice)',
      title: 'Looks good',
      type: 'Decision',
      role: 'critic',
    });
    expect(entry?.body).toBe('First line\n\n- a **point**\n- another');
    expect(thread.header.ball).toBe('Claude (alice)');
    // Back in the view, with the new entry rendered.
    await app.waitFor('• a point');
  });

  it('edits with backspace and cursor keys', async () => {
    const { ws, app } = await inComposer();
    await app.press(
      ...'Titel',
      KEYS.backspace,
      KEYS.backspace,
      'l',
      'e',
      KEYS.tab,
      KEYS.tab,
      KEYS.tab,
    );
    await app.press(...'helo', KEYS.left, 'l', KEYS.ctrlS);
    await app.waitFor('done');
    expect(fileOf(ws.threadsDir, 'auth').entries.at(-1)).toMatchObject({
      title: 'Title',
      body: 'hello',
    });
  });

  it('refuses a reply without a title or a body, says so in its own words, keeps the draft', async () => {
    const { ws, app } = await inComposer();
    expect(app.frame()).toContain('Title*');
    await app.press(KEYS.ctrlS);
    await app.waitFor('Give the entry a title (it is required).');
    await app.press(...'Only a title', KEYS.ctrlS);
    const frame = await app.waitFor('Write something in the body first.');
    expect(frame).toContain('Only a title');
    expect(frame).not.toContain('--body');
    expect(fileOf(ws.threadsDir, 'auth').entries).toHaveLength(1);
  });

  it('keeps the draft and its Entry-ID after a failure, so a retry is idempotent', async () => {
    const seen: Operation[] = [];
    let fail = true;
    const { ws, app } = await inComposer((base) => ({
      ...base,
      apply: async (op) => {
        seen.push(op);
        if (fail)
          throw new WatercoolerError('UNREACHABLE', 'Remote down.', { hint: 'Retry later.' });
        return base.apply(op);
      },
    }));
    await app.press(...'Retry me', KEYS.tab, KEYS.tab, KEYS.tab, ...'body text', KEYS.ctrlS);
    await app.waitFor('FAILED: Remote down. — Retry later.');
    expect(app.frame()).toContain('body text');
    fail = false;
    await app.press(KEYS.ctrlS);
    await app.waitFor('done');
    const ids = seen.map((op) => ('entryId' in op ? op.entryId : undefined));
    expect(ids[0]).toMatch(/^[0-9A-Z]{26}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(fileOf(ws.threadsDir, 'auth').entries.at(-1)?.entryId).toBe(ids[0]);
  });

  it('Esc leaves and keeps the draft (even Esc Esc); r brings it back; Ctrl+X discards after asking', async () => {
    const { ws, app } = await inComposer();
    await app.press(...'draft title', KEYS.escape, KEYS.escape);
    // Esc Esc: out of the composer, out of the thread; the list marks the thread's draft.
    await app.waitFor((f) => /✎ auth/.test(f), 'the list with the draft marker');
    await app.press(KEYS.enter);
    await app.waitFor('Status ', 'back in the view');
    await app.press('r');
    let frame = await app.waitFor('Your saved draft is back.');
    expect(frame).toContain('draft title');
    await app.press(KEYS.ctrlX);
    await app.waitFor('Discard this draft for good? y discard · n keep');
    await app.press('n');
    await app.waitFor((f) => !f.includes('Discard this draft'));
    await app.press(KEYS.ctrlX, 'y');
    await app.waitFor('Draft discarded.');
    await app.press('r');
    frame = await app.waitFor('Reply to');
    expect(frame).not.toContain('draft title');
    expect(fileOf(ws.threadsDir, 'auth').entries).toHaveLength(1);
  });
});
