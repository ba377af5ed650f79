/**
 * The local store under concurrency and crashes (SPEC §3):
 * - 20 processes appending 25 entries each to one thread at once: 500 entries, each exactly once,
 *   the file parses;
 * - writers killed with SIGKILL at random moments, 200 times: the file is always the old or a new
 *   whole file, never torn, and later writers take over the dead holders' locks.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseThread } from '../../core/index.js';
import { coreBundleUrl } from '../helpers/core-bundle.js';
import { WATERCOOLER_BIN, cleanEnv, runNode } from '../helpers/run-bin.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wc-local-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// One process that says `count` times in a loop, so 20 of them stay concurrent for the whole run.
const WRITER = `
// With -e, process.argv holds node's path and then the extra arguments.
const [coreUrl, dir, who, count] = process.argv.slice(1);
const { openStore } = await import(coreUrl);
const store = await openStore({ kind: 'local', threadsDir: dir, context: { user: 'u' } });
for (let i = 0; i < Number(count); i++) {
  await store.apply({ kind: 'say', topic: 'shared', agent: who, title: who + ' #' + i, body: 'entry ' + i + ' of ' + who });
}
`;

describe('local store', () => {
  it('20 processes × 25 entries to one thread: 500 entries, none lost, none twice', async () => {
    const dir = tempDir();
    const coreUrl = await coreBundleUrl();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, w) =>
        runNode(['--input-type=module', '-e', WRITER, coreUrl, dir, `Writer${w}`, '25']),
      ),
    );
    for (const r of results) expect(r.stderr).toBe('');
    const thread = parseThread(readFileSync(join(dir, 'shared.md'), 'utf8'));
    expect(thread.entries).toHaveLength(500);
    const titles = new Set(thread.entries.map((e) => e.title));
    expect(titles.size).toBe(500);
    expect(new Set(thread.entries.map((e) => e.entryId)).size).toBe(500);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))).toEqual([]);
  });

  it('SIGKILL at random moments, 200 times: never a torn file, and dead locks are taken over', async () => {
    const dir = tempDir();
    const env = cleanEnv({ WATERCOOLER_DIR: dir, WATERCOOLER_AGENT: 'Killer' });
    let landed = 0;
    for (let round = 0; round < 200; round += 4) {
      // Four writers at once, each killed after a random delay inside its run.
      const kills = Array.from({ length: 4 }, (_, k) => {
        const child = spawn(
          process.execPath,
          [
            WATERCOOLER_BIN,
            'say',
            'crash',
            '--title',
            `r${round + k}`,
            '--body',
            'x'.repeat(20_000),
          ],
          {
            env,
            stdio: 'ignore',
          },
        );
        const timer = setTimeout(() => child.kill('SIGKILL'), 5 + Math.random() * 120);
        return new Promise<void>((resolve) =>
          child.on('exit', (code) => {
            clearTimeout(timer);
            if (code === 0) landed++;
            resolve();
          }),
        );
      });
      await Promise.all(kills);
      let text: string;
      try {
        text = readFileSync(join(dir, 'crash.md'), 'utf8');
      } catch {
        continue; // Every writer so far died before the first rename.
      }
      const thread = parseThread(text);
      expect(text.startsWith('# crash — Thread\n')).toBe(true);
      for (const e of thread.entries) expect(e.body).toBe('x'.repeat(20_000));
    }
    // After the carnage a normal write still succeeds: stale locks are broken, not waited on.
    const after = await runNode(
      [WATERCOOLER_BIN, 'say', 'crash', '--title', 'after', '--body', 'done'],
      { env },
    );
    expect(after.code).toBe(0);
    const thread = parseThread(readFileSync(join(dir, 'crash.md'), 'utf8'));
    expect(thread.entries.at(-1)?.title).toBe('after');
    expect(thread.entries.length).toBeGreaterThanOrEqual(landed + 1);
  });
});
