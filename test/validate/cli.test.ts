/**
 * `watercooler validate` and `watercooler redact`, run as users run them (the built bin):
 * - validate --base/--head finds the same findings as the Action, exit 1, `--json` contract
 *   `{ok, threads_checked, entries_added, issues: [{code, severity, message, hint, file, line}]}`;
 * - validate --all checks every thread file of the folder on its own, and --strict fails warnings;
 * - redact rewrites only the entry's body (header and Entry-ID stay), --drop-body removes it,
 *   a missing entry exits 1 and changes nothing, and the result validates as a notice once
 *   committed with the Watercooler-Redact trailer (and as an error without it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, runBin } from '../helpers/run-bin.js';
import { type ThreadRepo, createThreadRepo, say } from '../helpers/thread-repo.js';

const repos: ThreadRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

function seeded(): ThreadRepo {
  const repo = createThreadRepo();
  repos.push(repo);
  repo.write('watercooler.json', '{ "threadsDir": "threads" }\n');
  for (let i = 0; i < 3; i++) repo.apply('threads/auth.md', say('auth', i));
  repo.commit('seed');
  return repo;
}

const env = () =>
  cleanEnv({
    WATERCOOLER_AGENT: 'Claude',
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@x',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@x',
  });

describe('watercooler validate', () => {
  it('a range with an edited entry fails with the JSON contract', async () => {
    const repo = seeded();
    repo.apply('threads/auth.md', say('auth', 3));
    repo.write(
      'threads/auth.md',
      repo.read('threads/auth.md').replace('Body of entry 0.', 'Changed.'),
    );
    repo.commit('edit');
    const r = await runBin(['validate', '--base', 'HEAD~1', '--json'], {
      cwd: repo.dir,
      env: env(),
    });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      ok: boolean;
      threads_checked: number;
      entries_added: number;
      issues: Record<string, unknown>[];
    };
    expect(out).toMatchObject({ ok: false, threads_checked: 1, entries_added: 1 });
    expect(out.issues).toHaveLength(1);
    expect(Object.keys(out.issues[0] ?? {}).sort()).toEqual([
      'code',
      'file',
      'hint',
      'line',
      'message',
      'severity',
    ]);
    expect(out.issues[0]).toMatchObject({
      code: 'ENTRY_EDITED',
      severity: 'error',
      file: 'threads/auth.md',
    });
  });

  it('a clean range passes, from a subfolder too, and prints a summary line', async () => {
    const repo = seeded();
    repo.apply('threads/auth.md', say('auth', 3));
    repo.commit('append');
    const r = await runBin(['validate', '--base', 'HEAD~1', '--head', 'HEAD'], {
      cwd: `${repo.dir}/threads`,
      env: env(),
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '1 thread(s) checked, 1 entr(ies) added: 0 error(s), 0 warning(s), 0 notice(s).',
    );
  });

  it('--all checks each file of the folder; --strict makes warnings fail', async () => {
    const repo = seeded();
    repo.write(
      'threads/legacy.md',
      '# legacy — Thread\nStatus: OPEN\nBall: Claude\nTopic: legacy\nCreated: 2025-10-01T00:00:00Z\n\n---\nEntry: Codex (jay) 2025-10-01T00:00:01Z\nType: Note\nTitle: old\n\nno role, no id\n',
    );
    const ok = await runBin(['validate', '--all', '--json'], { cwd: repo.dir, env: env() });
    expect(ok.code).toBe(0);
    const out = JSON.parse(ok.stdout) as {
      ok: boolean;
      threads_checked: number;
      issues: { code: string }[];
    };
    expect(out.threads_checked).toBe(2);
    expect(out.issues.map((i) => i.code).sort()).toEqual([
      'ENTRY_ID_MISSING',
      'ENTRY_ROLE_MISSING',
    ]);
    const strict = await runBin(['validate', '--strict'], { cwd: repo.dir, env: env() });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('threads/legacy.md:8: warning ENTRY_ROLE_MISSING');
  });

  it('refuses --all together with a range', async () => {
    const repo = seeded();
    const r = await runBin(['validate', '--all', '--base', 'HEAD'], { cwd: repo.dir, env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Give --all or a range');
  });
});

describe('watercooler redact', () => {
  it('replaces one body, keeps every other byte, and validates as a notice with the trailer', async () => {
    const repo = seeded();
    const before = repo.read('threads/auth.md');
    const id =
      /Entry-ID: ([0-9A-Z]{26})/g.exec(before.slice(before.indexOf('Title: Entry 1')))?.[1] ?? '';
    const r = await runBin(
      [
        'redact',
        'auth',
        '--threads-dir',
        'threads',
        '--entry',
        id,
        '--replace',
        '[removed]',
        '--reason',
        'pasted a token',
        '--json',
      ],
      { cwd: repo.dir, env: env() },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      topic: 'auth',
      operation: 'redact',
      pending: false,
    });
    expect(r.stderr).toContain('Watercooler-Redact: pasted a token');
    const after = repo.read('threads/auth.md');
    const body1 = 'Body of entry 1.\n\n- a list item\n- another one';
    expect(after).toBe(before.replace(body1, '[removed]'));

    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'redact', '--trailer', 'Watercooler-Redact: pasted a token');
    const ok = await runBin(['validate', '--base', 'HEAD~1', '--json'], {
      cwd: repo.dir,
      env: env(),
    });
    expect(ok.code).toBe(0);
    const out = JSON.parse(ok.stdout) as { issues: { code: string; severity: string }[] };
    expect(out.issues).toEqual([expect.objectContaining({ code: 'REDACTED', severity: 'notice' })]);
  });

  it('--drop-body removes the body; the same redaction twice changes nothing more', async () => {
    const repo = seeded();
    const before = repo.read('threads/auth.md');
    const id = /Entry-ID: ([0-9A-Z]{26})/.exec(before)?.[1] ?? '';
    const args = [
      'redact',
      'auth',
      '--threads-dir',
      'threads',
      '--entry',
      id,
      '--drop-body',
      '--reason',
      'personal data',
    ];
    expect((await runBin(args, { cwd: repo.dir, env: env() })).code).toBe(0);
    const once = repo.read('threads/auth.md');
    expect(once).toContain(`Title: Entry 0\n\n<!-- Entry-ID: ${id} -->`);
    expect((await runBin(args, { cwd: repo.dir, env: env() })).code).toBe(0);
    expect(repo.read('threads/auth.md')).toBe(once);
  });

  it('an unknown entry exits 1 and changes nothing; both or neither of --replace/--drop-body is usage', async () => {
    const repo = seeded();
    const before = repo.read('threads/auth.md');
    const missing = await runBin(
      [
        'redact',
        'auth',
        '--threads-dir',
        'threads',
        '--entry',
        '01KTMMG3MTKFGRKYEJGHN65QY0',
        '--drop-body',
      ],
      { cwd: repo.dir, env: env() },
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No entry with Entry-ID 01KTMMG3MTKFGRKYEJGHN65QY0');
    const both = await runBin(
      [
        'redact',
        'auth',
        '--threads-dir',
        'threads',
        '--entry',
        'X',
        '--drop-body',
        '--replace',
        'y',
      ],
      { cwd: repo.dir, env: env() },
    );
    expect(both.code).toBe(2);
    expect(repo.read('threads/auth.md')).toBe(before);
  });
});
