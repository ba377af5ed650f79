/**
 * The store contract: one set of rules every store must keep, run against each of them (local,
 * git over a bare path and over HTTP, GitHub, the hub's). A new store adds one small test file:
 *
 *   storeContract('my store', async () => ({ open, seed, prefix, repository, cleanup }));
 *
 * Rules pinned (each store, fresh backend per test):
 * - an empty store lists nothing; an unknown thread is THREAD_NOT_FOUND with the closest topics;
 *   an operation that needs a thread (set-status) creates nothing;
 * - a `say` creates `<prefix><stem>.md`; read and list show what each operation did (entries with
 *   their ids, ball, status, count, last agent, path);
 * - a retried operation (same Entry-ID) lands once; a bad topic is INVALID_TOPIC;
 * - another store on the same backend (another process, machine or agent) sees and extends it;
 * - 6 stores × 3 `say` at once on one thread: 18 entries, each exactly once;
 * - a file another tool wrote or edited shows in read and list (summaries follow the bytes);
 * - seed-era names: a thread in `my topic.md` is appended to, not split into `my-topic.md`;
 * - repositories only: `watercooler.json` `threadsDir: ".watercooler"` is where threads go.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isWatercoolerError } from '../../core/errors.js';
import type { Operation } from '../../core/operations.js';
import type { ThreadStore } from '../../core/store/store.js';

export interface ContractSubject {
  /** A store on the subject's backend; every call is another writer on the same backend. */
  open(): Promise<ThreadStore>;
  /** Files written straight into the backend (another tool), repository-relative paths. */
  seed(files: Record<string, string>): Promise<void>;
  /** Where threads go by default: 'threads/' in a repository, '' in a local folder. */
  prefix: string;
  /** True when the backend is a repository (the layout is detected, `watercooler.json` read). */
  repository: boolean;
  cleanup(): Promise<void>;
}

const say = (topic: string, agent: string, title: string, extra: Partial<Operation> = {}) =>
  ({ kind: 'say', topic, agent, title, body: `${title} body`, ...extra }) as Operation;

/** A thread as another tool would write it (the Python tool's format). */
function foreignThread(topic: string, entries: string[]): string {
  const head = `# ${topic} — Thread\nStatus: OPEN\nBall: Codex\nTopic: ${topic}\nCreated: 2025-10-01T10:00:00Z\n`;
  return `${head}${entries
    .map(
      (title, i) =>
        `\n---\nEntry: Claude (seed) 2025-10-01T10:0${i}:00Z\nRole: planner\nType: Note\nTitle: ${title}\n\n${title} body\n`,
    )
    .join('')}`;
}

export function storeContract(name: string, create: () => Promise<ContractSubject>): void {
  describe(`store contract: ${name}`, () => {
    let subject: ContractSubject;
    const stores: ThreadStore[] = [];
    const open = async () => {
      const store = await subject.open();
      stores.push(store);
      return store;
    };
    beforeEach(async () => {
      subject = await create();
    });
    afterEach(async () => {
      for (const s of stores.splice(0)) await s.close();
      await subject.cleanup();
    });

    it('an empty store lists nothing; unknown threads are THREAD_NOT_FOUND with near topics', async () => {
      const store = await open();
      expect(await store.list()).toEqual([]);
      await store.apply(say('auth-refactor', 'Claude (alice)', 'Plan'));
      const err = await store.read('auth-refactr').catch((e: unknown) => e);
      expect(isWatercoolerError(err, 'THREAD_NOT_FOUND')).toBe(true);
      expect((err as { hint?: string }).hint).toContain('auth-refactor');
      const status = await store
        .apply({ kind: 'set-status', topic: 'nowhere', status: 'CLOSED' })
        .catch((e: unknown) => e);
      expect(isWatercoolerError(status, 'THREAD_NOT_FOUND')).toBe(true);
      expect((await store.list()).map((t) => t.topic)).toEqual(['auth-refactor']);
      const bad = await store.apply(say('../etc', 'Claude', 'x')).catch((e: unknown) => e);
      expect(isWatercoolerError(bad, 'INVALID_TOPIC')).toBe(true);
    });

    it('applies every operation; read and list show what each did', async () => {
      const store = await open();
      const first = await store.apply(say('Plan B', 'Claude (alice)', 'Start'));
      expect(first).toMatchObject({ topic: 'Plan B', operation: 'say', pending: false });
      expect(first.entry_id).toMatch(/^[0-9A-Z]{26}$/);
      await store.apply({ kind: 'ack', topic: 'Plan B', agent: 'Codex (bob)', title: 'Seen' });
      await store.apply({
        kind: 'handoff',
        topic: 'Plan B',
        agent: 'Codex (bob)',
        to: 'Cursor (carol)',
      });
      await store.apply({ kind: 'set-status', topic: 'Plan B', status: 'IN_REVIEW' });
      const snap = await store.read('Plan B');
      expect(snap.path).toBe(`${subject.prefix}Plan-B.md`);
      expect(snap.thread.entries.map((e) => e.agent)).toEqual([
        'Claude (alice)',
        'Codex (bob)',
        'Codex (bob)',
      ]);
      expect(snap.thread.entries[0]?.entryId).toBe(first.entry_id);
      expect(snap.thread.header.status.toUpperCase()).toBe('IN_REVIEW');
      await store.apply({ kind: 'set-ball', topic: 'Plan B', ball: 'Claude (alice)' });
      const [row] = await store.list();
      expect(row).toMatchObject({
        topic: 'Plan B',
        ball: 'Claude (alice)',
        entry_count: 3,
        last_agent: 'Codex (bob)',
        path: `${subject.prefix}Plan-B.md`,
      });
    });

    it('a retried operation (same Entry-ID) lands once', async () => {
      const store = await open();
      const op = say('retry', 'Claude (alice)', 'Once', { entryId: '01JAAAAAAAAAAAAAAAAAAAAAAA' });
      const a = await store.apply(op);
      const b = await store.apply(op);
      expect(b.entry_id).toBe(a.entry_id);
      expect((await store.read('retry')).thread.entries).toHaveLength(1);
    });

    it('another store on the same backend sees and extends the thread', async () => {
      const one = await open();
      const two = await open();
      await one.apply(say('shared', 'Claude (alice)', 'First'));
      expect((await one.list())[0]?.entry_count).toBe(1);
      expect((await two.read('shared')).thread.entries).toHaveLength(1);
      await two.apply(say('shared', 'Codex (bob)', 'Second'));
      expect((await one.list())[0]).toMatchObject({ entry_count: 2, last_agent: 'Codex (bob)' });
      expect((await one.read('shared')).thread.entries.map((e) => e.title)).toEqual([
        'First',
        'Second',
      ]);
    });

    it('6 stores × 3 say at once on one thread: 18 entries, each exactly once', async () => {
      const writers = await Promise.all(Array.from({ length: 6 }, () => open()));
      await Promise.all(
        writers.map(async (store, w) => {
          for (let i = 0; i < 3; i++)
            await store.apply(say('busy', `W${w} (u${w})`, `w${w} #${i}`));
        }),
      );
      const entries = (await writers[0]?.read('busy'))?.thread.entries ?? [];
      expect(entries).toHaveLength(18);
      expect(new Set(entries.map((e) => e.title)).size).toBe(18);
      expect(new Set(entries.map((e) => e.entryId)).size).toBe(18);
    });

    it('files another tool wrote or edited show in read and list', async () => {
      const store = await open();
      await subject.seed({ [`${subject.prefix}legacy.md`]: foreignThread('legacy', ['One']) });
      expect((await store.list()).map((t) => [t.topic, t.entry_count])).toEqual([['legacy', 1]]);
      await subject.seed({
        [`${subject.prefix}legacy.md`]: foreignThread('legacy', ['One', 'Two']),
      });
      expect((await store.list())[0]?.entry_count).toBe(2);
      expect((await store.read('legacy')).thread.entries.map((e) => e.title)).toEqual([
        'One',
        'Two',
      ]);
    });

    it('appends to a seed-era file named after the raw topic instead of splitting the thread', async () => {
      const store = await open();
      await subject.seed({ [`${subject.prefix}my topic.md`]: foreignThread('my topic', ['Old']) });
      await store.apply(say('my topic', 'Claude (alice)', 'New'));
      const snap = await store.read('my topic');
      expect(snap.path).toBe(`${subject.prefix}my topic.md`);
      expect(snap.thread.entries.map((e) => e.title)).toEqual(['Old', 'New']);
      expect((await store.list()).map((t) => t.path)).toEqual([`${subject.prefix}my topic.md`]);
    });

    it('puts threads where watercooler.json says, the Python default folder included', async () => {
      if (!subject.repository) return;
      await subject.seed({ 'watercooler.json': '{"threadsDir": ".watercooler"}\n' });
      const store = await open();
      await store.apply(say('hidden', 'Claude (alice)', 'Here'));
      expect((await store.read('hidden')).path).toBe('.watercooler/hidden.md');
      expect(store.info.threadsDir).toBe('.watercooler');
      expect((await store.list()).map((t) => t.path)).toEqual(['.watercooler/hidden.md']);
    });
  });
}
