/**
 * The GitHub store under contention (SPEC §3, "Writes are operations, replayed, never merged"):
 * - 50 writers (each its own store and Octokit, as 50 agents would be) × 10 `say` each to ONE
 *   thread: all 500 entries land exactly once, the file parses, the ball is the last writer's pass.
 * - The bare repository behind the fake is linear and append-only commit by commit: every commit
 *   has one parent, and each version of the thread is the previous one with only `Status:`/`Ball:`
 *   changed in the header and new entries after the old text.
 * - Lost races cost 409s that the store absorbs (re-read, re-apply), never a duplicate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGitHubStore } from '../../core/store/github.js';
import { parseThread } from '../../core/thread/parse.js';
import { FakeGitHub } from '../helpers/fake-github.js';

const REPO = 'team/threads';
const WRITERS = 50;
const EACH = 10;
/** One token per writer, as 50 agents would hold (a token's 5,000 requests/hour is its own). */
const tokenOf = (w: number) => `ghp_writer${String(w).padStart(2, '0')}TestToken00000000000000`;
let fake: FakeGitHub;

beforeAll(async () => {
  fake = await FakeGitHub.start();
  for (let w = 0; w < WRITERS; w++)
    fake.addToken(tokenOf(w), { login: `writer${w}`, repos: [REPO] });
  await fake.createRepo(REPO);
});
afterAll(async () => fake.close());

/** The thread text with its first Status:/Ball: header lines blanked (the lines a write may change). */
function withoutMutableHeader(text: string): string {
  const blank = text.indexOf('\n\n');
  const header = blank === -1 ? text : text.slice(0, blank);
  const rest = blank === -1 ? '' : text.slice(blank);
  return header.replace(/^(Status|Ball):.*$/gim, '$1:') + rest;
}

describe('GitHub store, 50 concurrent writers × 10 entries on one thread', () => {
  it('lands 500 entries exactly once with an append-only, linear history', async () => {
    const writers = WRITERS;
    const each = EACH;
    const ids = new Set<string>();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        const store = await openGitHubStore({
          repo: REPO,
          token: tokenOf(w),
          baseUrl: fake.url,
          // Generous: the point here is exactly-once, speed is measured in bench/github.ts.
          retry: { budgetMs: 900_000 },
        });
        for (let i = 0; i < each; i++) {
          const result = await store.apply({
            kind: 'say',
            topic: 'busy',
            agent: `Writer${w} (w${w})`,
            title: `w${w} #${i}`,
            body: `entry ${i} of writer ${w}`,
          });
          expect(result.entry_id).not.toBeNull();
          ids.add(result.entry_id as string);
        }
        await store.close();
      }),
    );
    expect(ids.size).toBe(writers * each);

    const text = (await fake.readFile(REPO, 'threads/busy.md')) ?? '';
    const thread = parseThread(text);
    expect(thread.entries).toHaveLength(writers * each);
    const seen = thread.entries.map((e) => e.entryId);
    expect(new Set(seen).size).toBe(writers * each);
    expect([...ids].every((id) => seen.includes(id))).toBe(true);
    // Each writer's entries are in its own order.
    for (let w = 0; w < writers; w++) {
      const mine = thread.entries
        .filter((e) => (e.title ?? '').startsWith(`w${w} #`))
        .map((e) => e.title);
      expect(mine).toEqual(Array.from({ length: each }, (_, i) => `w${w} #${i}`));
    }
    // No counterpart in the registry: the ball goes to the last author other than the last one.
    const last = thread.entries[thread.entries.length - 1];
    const other = [...thread.entries].reverse().find((e) => e.agent !== last?.agent);
    expect(thread.header.ball).toBe(other?.agent);

    // History: one commit per landed write, linear, each an append to the one before.
    const log = (await fake.git(REPO, ['rev-list', '--reverse', '--parents', 'main']))
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    expect(log).toHaveLength(writers * each);
    expect(log[0]).toHaveLength(1);
    let previous: string | null = null;
    for (let i = 0; i < log.length; i++) {
      const [sha = '', ...parents] = log[i] ?? [];
      if (i > 0) expect(parents).toEqual([log[i - 1]?.[0]]);
      const version = await fake.git(REPO, ['show', `${sha}:threads/busy.md`]);
      expect(parseThread(version).entries).toHaveLength(i + 1);
      if (previous !== null) {
        expect(
          withoutMutableHeader(version).startsWith(withoutMutableHeader(previous).trimEnd()),
        ).toBe(true);
      }
      previous = version;
    }
    // The races were real: the fake refused stale shas and the store re-applied.
    expect(fake.count((r) => r.route === 'contents.put' && r.status === 409)).toBeGreaterThan(0);
  }, 1_200_000);
});
