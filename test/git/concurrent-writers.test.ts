/**
 * Many writer processes at once through the git store (SPEC §3, "nothing lost"):
 * - 50 processes × 10 entries on the same thread, sharing one clone folder, through the bare remote
 *   and through the loopback HTTP remote: 500 entries on the remote, each exactly once, none pending;
 * - the file parses and the history is linear and append-only commit by commit (each commit adds
 *   entries after the old ones, never rewrites them, and changes no header line but Status/Ball);
 * - the same with the writers spread over 20 threads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseThread } from '../../core/index.js';
import { createBareRemote, gitIn, startHttpRemote } from '../helpers/git-remote.js';
import { runWriters } from './concurrency.js';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wc-cw-'));
  temps.push(dir);
  return dir;
}

const WRITERS = 50;
const COUNT = 10;

/** Checks every commit of `path` on main: linear, one entry appended, old bytes kept. */
function checkHistory(remoteDir: string, path: string): void {
  expect(gitIn(remoteDir, ['rev-list', '--merges', '--count', 'main']).trim()).toBe('0');
  const commits = gitIn(remoteDir, ['rev-list', '--reverse', 'main', '--', path])
    .trim()
    .split('\n');
  let previous: string | null = null;
  for (const commit of commits) {
    const text = gitIn(remoteDir, ['show', `${commit}:${path}`]);
    if (previous !== null) {
      const oldThread = parseThread(previous);
      const newThread = parseThread(text);
      // Group commit: one commit may carry several writers' entries, never fewer than one.
      expect(newThread.entries.length).toBeGreaterThan(oldThread.entries.length);
      const oldRest = previous.slice(previous.indexOf('\n\n')).trimEnd();
      const newRest = text.slice(text.indexOf('\n\n'));
      expect(newRest.startsWith(oldRest)).toBe(true);
      const strip = (h: string[]) => h.filter((l) => !/^(Status|Ball):/i.test(l));
      expect(strip(newThread.header.lines)).toEqual(strip(oldThread.header.lines));
    }
    previous = text;
  }
}

async function scenario(remoteUrl: string, remoteDir: string, topics: string[]): Promise<void> {
  const cache = scratch();
  const { outcomes } = await runWriters({
    url: remoteUrl,
    writers: WRITERS,
    count: COUNT,
    topics,
    cacheDir: cache,
    cloneDir: join(cache, 'shared-clone'),
  });
  const results = outcomes.flatMap((o) => o.results);
  expect(results).toHaveLength(WRITERS * COUNT);
  expect(results.filter((r) => r.pending)).toEqual([]);
  const written = new Set(results.map((r) => r.entry_id));
  expect(written.size).toBe(WRITERS * COUNT);

  const seen: string[] = [];
  for (const topic of topics) {
    const path = `threads/${topic}.md`;
    const thread = parseThread(gitIn(remoteDir, ['show', `main:${path}`]));
    for (const e of thread.entries) seen.push(e.entryId ?? 'missing');
    checkHistory(remoteDir, path);
  }
  expect(seen).toHaveLength(WRITERS * COUNT);
  expect(new Set(seen)).toEqual(written);
}

describe('concurrent writer processes', () => {
  it('bare remote: 50 × 10 on one thread land exactly once, append-only', async () => {
    const remote = createBareRemote();
    temps.push(join(remote.dir, '..'));
    await scenario(remote.dir, remote.dir, ['busy']);
  }, 300_000);

  it('HTTP remote: 50 × 10 on one thread land exactly once, append-only', async () => {
    const remote = await startHttpRemote();
    try {
      await scenario(remote.url, remote.bare.dir, ['busy']);
    } finally {
      await remote.close();
    }
  }, 300_000);

  it('bare remote: 50 × 10 spread over 20 threads', async () => {
    const remote = createBareRemote();
    temps.push(join(remote.dir, '..'));
    await scenario(
      remote.dir,
      remote.dir,
      Array.from({ length: 20 }, (_, i) => `topic-${i}`),
    );
  }, 300_000);
});
