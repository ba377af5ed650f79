/**
 * `list` in a long-lived process (SPEC §9: cached by mtime): from the second call on the folder is
 * watched, and every kind of change shows up in the next list — our own writes, another process's
 * atomic rename, an in-place append by an editor, a new file, a removed file.
 */
import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ThreadStore, openStore } from '../../core/index.js';

let dir: string;
let store: ThreadStore;
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

// inotify delivers events asynchronously: wait until a list shows what the predicate wants.
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the change never showed up in list()');
}

describe('local list in a long-lived process', () => {
  it('sees writes, renames, in-place appends, new and removed files', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wc-list-'));
    store = await openStore({ kind: 'local', threadsDir: dir, context: { user: 'u' } });
    await store.apply({ kind: 'say', topic: 'a', agent: 'Claude', title: 't', body: 'b' });
    expect((await store.list()).map((t) => t.topic)).toEqual(['a']);
    expect(await store.list()).toHaveLength(1); // the second list starts the watch

    // Our own write shows at once (read your writes); other processes' as soon as the watch reports.
    await store.apply({ kind: 'say', topic: 'a', agent: 'Codex', title: 't2', body: 'b2' });
    expect((await store.list())[0]?.entry_count).toBe(2);

    const text = (await store.read('a')).text;
    writeFileSync(join(dir, '.tmp'), text.replace('Status: OPEN', 'Status: CLOSED'));
    renameSync(join(dir, '.tmp'), join(dir, 'a.md'));
    await eventually(async () => (await store.list())[0]?.status === 'CLOSED');

    appendFileSync(
      join(dir, 'a.md'),
      '\n---\nEntry: Editor 2026-01-01T00:00:00Z\nType: Note\nTitle: by hand\n\nx\n',
    );
    await eventually(async () => (await store.list())[0]?.entry_count === 3);

    writeFileSync(join(dir, 'b.md'), text.replace(/Topic: a/, 'Topic: b'));
    await eventually(async () => (await store.list()).length === 2);
    unlinkSync(join(dir, 'a.md'));
    await eventually(async () => (await store.list()).map((t) => t.topic).join() === 'b');
  });
});

describe('local list across processes', () => {
  it('reuses summaries from the cache folder only while each file is unchanged, and survives a corrupt cache', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wc-list-'));
    const cacheDir = join(dir, 'cache');
    const threads = join(dir, 'threads');
    const open = () =>
      openStore({ kind: 'local', threadsDir: threads, cacheDir, context: { user: 'u' } });
    store = await open();
    await store.apply({ kind: 'say', topic: 'a', agent: 'Claude', title: 't', body: 'b' });
    await store.apply({ kind: 'say', topic: 'b', agent: 'Claude', title: 't', body: 'b' });
    expect((await store.list()).map((t) => t.entry_count)).toEqual([1, 1]);
    await store.close();

    // Another "process" changes a file behind the cache's back, in place.
    appendFileSync(
      join(threads, 'a.md'),
      '\n---\nEntry: Editor 2026-01-01T00:00:00Z\nType: Note\nTitle: by hand\n\nx\n',
    );
    unlinkSync(join(threads, 'b.md'));
    store = await open();
    expect((await store.list()).map((t) => [t.topic, t.entry_count])).toEqual([['a', 2]]);
    await store.close();

    const [file] = readdirSync(join(cacheDir, 'local'));
    writeFileSync(join(cacheDir, 'local', file ?? 'x.json'), '{"version":1,"dir":');
    store = await open();
    expect((await store.list()).map((t) => [t.topic, t.entry_count])).toEqual([['a', 2]]);
  });
});
