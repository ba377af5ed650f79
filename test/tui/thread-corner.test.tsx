/**
 * The thread view's position row (issue 16, item 10): where you are ("lines 1–17 of 60 · 28%")
 * and `↓ N new (G)` sit on a row of their own under the text, never over its last line; an entry
 * that arrives while you read further up is counted there, and G goes to it.
 */
import { describe, expect, it } from 'vitest';
import { KEYS, renderApp, say, workspace } from './harness.js';

const POSITION = /^\s*(?:↓ \d+ new \(G\)\s+)?(?:.*lines \d+–\d+ of \d+ · )?(?:\d+%|end)\s*$/;

async function longThread() {
  const ws = await workspace();
  for (let i = 0; i < 12; i++)
    await ws.write(say('auth', i % 2 ? 'Codex' : 'Claude', `Entry ${i}`, `Body of entry ${i}.`));
  return ws;
}

/** The rows between the header and the status line: the text, then the position row. */
function body(frame: string): string[] {
  const rows = frame.split('\n');
  return rows.slice(1, rows.length - 2);
}

describe('thread view position row', () => {
  it('is a row of its own under the text, and counts new entries below', async () => {
    const ws = await longThread();
    const app = await renderApp({ store: ws.store });
    await app.waitFor('auth');
    await app.press(KEYS.enter);
    // Everything is unread: the thread opens at its first entry, far from the end.
    let frame = await app.waitFor((f) => /lines \d+–\d+ of \d+ · \d+%/.test(f), 'the position');
    let rows = body(frame);
    expect(rows.at(-1)).toMatch(POSITION);
    const lastText = rows.at(-2) ?? '';
    expect(lastText.trim()).not.toBe('');
    expect(lastText).not.toMatch(/lines \d+–/);
    // The last text row is text: one line down, it moves up a row, whole.
    await app.press('j');
    frame = await app.waitFor((f) => body(f).at(-3) === lastText, 'the text to move up');
    expect(body(frame).at(-1)).toMatch(POSITION);

    await ws.write(say('auth', 'Codex', 'Late news', 'Arrived while you read.'));
    frame = await app.waitFor('↓ 1 new (G)');
    rows = body(frame);
    expect(rows.at(-1)).toMatch(POSITION);
    expect(rows.at(-1)).toContain('↓ 1 new (G)');
    expect(rows.at(-2)).not.toContain('↓');
    await app.press('G');
    frame = await app.waitFor(
      (f) => f.includes('Arrived while you read.') && !f.includes('↓ 1 new'),
      'the new entry, and the count gone',
    );
    expect(body(frame).at(-1)).toMatch(/end\s*$/);
  });
});
