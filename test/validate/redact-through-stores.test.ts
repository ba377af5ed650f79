/**
 * A redaction made through the git store is the sanctioned kind (SPEC §6): `watercooler redact
 * --git` commits with the `Watercooler-Redact:` trailer, and the validation Action over that push
 * passes with a notice naming the entry, while the body is gone from the thread.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseThread } from '../../core/index.js';
import { pushPayload, runAction } from '../action/harness.js';
import { createBareRemote, gitIn } from '../helpers/git-remote.js';
import { cleanEnv, runBin } from '../helpers/run-bin.js';

const remote = createBareRemote();
const work = mkdtempSync(join(tmpdir(), 'wc-redact-'));
afterAll(() => {
  remote.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('redaction through the git store', () => {
  it('commits with the trailer and passes the Action as a notice', async () => {
    const env = cleanEnv({ XDG_CACHE_HOME: join(work, 'cache'), WATERCOOLER_AGENT: 'Claude' });
    const git = ['--git', remote.dir];
    const leaked = await runBin(
      [
        'say',
        'oops',
        ...git,
        '--title',
        'Creds',
        '--body',
        'token=ghp_notreallyasecret1234567890',
        '--json',
      ],
      { env },
    );
    expect(leaked.code, leaked.stderr).toBe(0);
    const id = (JSON.parse(leaked.stdout) as { entry_id: string }).entry_id;
    expect(
      (
        await runBin(
          ['say', 'oops', ...git, '--agent', 'Codex', '--title', 'Reply', '--body', 'Rotate it.'],
          { env },
        )
      ).code,
    ).toBe(0);
    const before = gitIn(remote.dir, ['rev-parse', 'main']).trim();

    const redacted = await runBin(
      [
        'redact',
        'oops',
        ...git,
        '--entry',
        id,
        '--replace',
        '[token removed]',
        '--reason',
        'leaked token',
      ],
      { env },
    );
    expect(redacted.code, redacted.stderr).toBe(0);
    expect(gitIn(remote.dir, ['log', '-1', '--format=%B', 'main'])).toContain(
      'Watercooler-Redact: leaked token',
    );

    const ws = join(work, 'checkout');
    execFileSync('git', ['clone', '--quiet', remote.dir, ws]);
    const after = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ws, encoding: 'utf8' }).trim();
    const thread = parseThread(readFileSync(join(ws, 'threads', 'oops.md'), 'utf8'));
    expect(thread.entries.map((e) => e.body)).toEqual(['[token removed]', 'Rotate it.']);

    const run = runAction({
      workspace: ws,
      eventName: 'push',
      payload: pushPayload(before, after),
      sha: after,
    });
    expect(run.code, run.stdout).toBe(0);
    const notices = run.annotations.filter((a) => a.level === 'notice');
    expect(notices.some((a) => a.file === 'threads/oops.md' && /REDACTED/.test(a.message))).toBe(
      true,
    );
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
  });
});
