/**
 * The thread list (SPEC §8): a row per thread with topic, status, ball (★ when it is yours),
 * entry count, last update and an unread marker; filters open → mine → all; sort; `/` narrows by
 * topic/title/ball as you type and Enter searches bodies; new threads appear without a key press;
 * q quits.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEYS, renderApp, say, workspace } from './harness.js';

async function seeded() {
  const ws = await workspace();
  await ws.write(
    say('auth-refactor', 'Claude', 'Plan', 'We move sessions to **JWT**.', {
      ball: 'Human (alice)',
    }),
    say('db-migration', 'Codex', 'Start', 'Postgres 17 upgrade, needle in a haystack.'),
    say('old-idea', 'Codex', 'Idea', 'Never mind.'),
    { kind: 'set-status', topic: 'old-idea', status: 'closed' },
  );
  return ws;
}

const rowOf = (frame: string, topic: string) =>
  frame.split('\n').find((l) => l.includes(topic)) ?? '';

describe('thread list', () => {
  it('shows open threads with status, ball, count, unread, and ★ on the ball that is mine', async () => {
    const ws = await seeded();
    const app = await renderApp({ store: ws.store });
    const frame = await app.waitFor('auth-refactor');
    expect(frame).toContain('TOPIC');
    expect(frame).not.toContain('old-idea'); // closed: hidden by the default "open" filter
    const auth = rowOf(frame, 'auth-refactor');
    expect(auth).toMatch(/● auth-refactor\s+OPEN\s+★ Human \(alice\)\s+1\s/);
    const db = rowOf(frame, 'db-migration');
    expect(db).toContain('Claude (alice)'); // Codex's counterpart, tagged with the user
    expect(db).not.toContain('★');
    expect(frame).toContain('★ 1 your turn');
    expect(frame).toContain('? help');
  });

  it('cycles the filter open → mine → all, and the sort', async () => {
    const ws = await seeded();
    const app = await renderApp({ store: ws.store }, { columns: 120, rows: 24 });
    await app.waitFor('auth-refactor');
    await app.press('f');
    let frame = await app.waitFor('mine · sort');
    expect(frame).toContain('auth-refactor');
    expect(frame).not.toContain('db-migration');
    await app.press('f');
    frame = await app.waitFor('all · sort');
    expect(frame).toContain('old-idea');
    expect(frame).toContain('CLOSED');
    await app.press('o', 'o');
    frame = await app.waitFor('sort topic');
    const order = ['auth-refactor', 'db-migration', 'old-idea'].map((t) => frame.indexOf(t));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('/ filters by topic as you type, Enter searches bodies, Esc clears', async () => {
    const ws = await seeded();
    const app = await renderApp({ store: ws.store });
    await app.waitFor('auth-refactor');
    await app.press('/', 'a', 'u', 't', 'h');
    let frame = await app.waitFor('/ auth');
    expect(frame).toContain('auth-refactor');
    expect(frame).not.toContain('db-migration');
    await app.press(KEYS.escape);
    await app.waitFor((f) => f.includes('db-migration') && !f.includes('/ auth'));
    await app.press('/', ...'haystack', KEYS.enter);
    frame = await app.waitFor('(1 hit)');
    expect(rowOf(frame, 'db-migration')).toContain('db-migration (1 hit)');
    expect(frame).not.toContain('auth-refactor');
    expect(frame).toContain('1 match');
    // Opening a search result lands on the entry with the hit.
    await app.press(KEYS.enter);
    await app.waitFor('needle in a haystack');
  });

  it('moves the selection with arrows and j/k, and opens the selected thread', async () => {
    const ws = await seeded();
    const app = await renderApp({ store: ws.store });
    await app.waitFor('auth-refactor');
    const selected = () =>
      app
        .frame()
        .split('\n')
        .find((l) => l.startsWith('›')) ?? '';
    const first = selected();
    await app.press(KEYS.down);
    await app.waitFor(() => selected() !== first);
    const second = selected();
    await app.press('k');
    await app.waitFor(() => selected() === first);
    await app.press('j', KEYS.enter);
    const topic = /› ● (\S+)/.exec(second)?.[1] ?? '';
    await app.waitFor(`#0 `);
    expect(app.frame()).toContain(topic === 'auth-refactor' ? 'JWT' : 'Postgres 17');
  });

  it('shows a new thread written by someone else without a key press (folder watch)', async () => {
    const ws = await seeded();
    const app = await renderApp({ store: ws.store, pollMs: 0 });
    await app.waitFor('auth-refactor');
    await ws.write(say('brand-new', 'Codex', 'Hello', 'Fresh thread.'));
    const frame = await app.waitFor('brand-new', 'the new thread to appear');
    expect(rowOf(frame, 'brand-new')).toContain('●');
  });

  it('picks up changes by polling when there is nothing to watch', async () => {
    const ws = await seeded();
    const store = { ...ws.store, info: { ...ws.store.info, kind: 'git' as const } };
    const app = await renderApp({ store, pollMs: 50 });
    await app.waitFor('auth-refactor');
    await ws.write({ kind: 'set-status', topic: 'db-migration', status: 'blocked' });
    await app.waitFor((f) => rowOf(f, 'db-migration').includes('BLOCKED'), 'the status change');
  });

  it('says what to do on an empty store, and q quits', async () => {
    const ws = await workspace();
    mkdirSync(ws.threadsDir, { recursive: true });
    const app = await renderApp({ store: ws.store });
    const frame = await app.waitFor('No threads yet');
    expect(frame).toContain('N starts one');
    await app.press('q');
    // ink-testing-library keeps the last frame; quitting unmounts, so input no longer changes it.
    await app.press('?');
    await new Promise((r) => setTimeout(r, 50));
    expect(app.frame()).not.toContain('Watercooler — keys');
  });
});
