/**
 * The Action as the runner runs it (built bundle, INPUT_* and GITHUB_* environment, real payloads,
 * real repositories and commits). Pins, for each case, exit code, annotations on file and line,
 * the job summary and the outputs:
 * - a clean append passes; an edited, a deleted and a reordered entry fail on the right line;
 * - a deleted and a renamed thread fail (notices with allow-delete);
 * - a forced push is reported as rewritten history, also when `before` is gone from the clone;
 * - a pull request of several commits is checked from its merge base, not from the base tip;
 * - a malformed new thread and a changed header line (other than Status/Ball) fail;
 * - a redaction passes as a notice only with a Watercooler-Redact trailer on its commit;
 * - a new branch (zero `before`) is checked from where it left the default branch;
 * - warnings pass unless strict; a 5,000-entry thread is checked (append passes, edit fails);
 * - at a repository root only files with a thread header are threads (README.md is not).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ThreadRepo, createThreadRepo, say } from '../helpers/thread-repo.js';
import {
  type ActionRun,
  ZERO,
  pullRequestPayload,
  pushPayload,
  runAction as runBundle,
} from './harness.js';

/**
 * Runs the bundle and checks what every run must agree on: exit code, annotations, outputs and
 * summary tell the same story.
 */
function runAction(options: Parameters<typeof runBundle>[0]): ActionRun {
  const run = runBundle(options);
  expect(run.stderr).toBe('');
  expect([0, 1]).toContain(run.code);
  expect(Object.keys(run.outputs).sort()).toEqual(['entries-added', 'issues', 'threads-checked']);
  const findings = run.annotations.filter((a) => a.code !== undefined);
  const failing = findings.filter((a) => a.level !== 'notice');
  expect(Number(run.outputs.issues)).toBe(failing.length);
  if (findings.some((a) => a.level === 'error')) expect(run.code).toBe(1);
  expect(run.summary).toContain(
    run.code === 0 ? '✅ Thread history is append-only' : '❌ Thread history check failed',
  );
  for (const a of findings) {
    expect(run.summary).toContain(`\`${a.code}\``);
    if (a.file !== undefined) expect(run.summary).toContain(`\`${a.file}:${a.line}\``);
  }
  const final = run.annotations.filter((a) => a.code === undefined);
  expect(final.length).toBe(run.code === 0 ? 0 : 1);
  return run;
}

const repos: ThreadRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

function seeded(entries = 3): { repo: ThreadRepo; base: string } {
  const repo = createThreadRepo();
  repos.push(repo);
  repo.write('watercooler.json', '{ "threadsDir": "threads" }\n');
  for (let i = 0; i < entries; i++) repo.apply('threads/auth.md', say('auth', i));
  repo.apply('threads/other.md', say('other', 0));
  return { repo, base: repo.commit('seed threads') };
}

const lineOf = (text: string, needle: string): number =>
  text.slice(0, text.indexOf(needle)).split('\n').length;
const push = (repo: ThreadRepo, before: string, inputs = {}) =>
  runAction({
    workspace: repo.dir,
    eventName: 'push',
    payload: pushPayload(before, repo.head()),
    inputs,
  });

describe('push', () => {
  it('a clean append passes with outputs and a summary row', () => {
    const { repo, base } = seeded();
    repo.apply('threads/auth.md', say('auth', 3));
    repo.apply('threads/auth.md', { kind: 'set-status', topic: 'auth', status: 'in_review' });
    repo.commit('Claude: say auth');
    const run = push(repo, base);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.annotations.filter((a) => a.level !== 'notice')).toEqual([]);
    expect(run.outputs).toEqual({ 'threads-checked': '1', 'entries-added': '1', issues: '0' });
    expect(run.summary).toContain('| `threads/auth.md` | modified | 1 | 0 | 0 | 0 |');
    expect(run.summary).toContain('Thread history is append-only');
  });

  it('an edited entry fails with an annotation on the edited line', () => {
    const { repo, base } = seeded();
    const text = repo.read('threads/auth.md').replace('Body of entry 1.', 'Body of entry one.');
    repo.write('threads/auth.md', text);
    repo.commit('tidy wording');
    const run = push(repo, base);
    expect(run.code).toBe(1);
    const [error] = run.annotations.filter((a) => a.level === 'error');
    expect([error?.file, error?.line]).toEqual([
      'threads/auth.md',
      lineOf(text, 'Body of entry one.'),
    ]);
    expect(run.stdout).toMatch(/^::error file=threads\/auth.md,line=\d+::ENTRY_EDITED: /m);
    expect(error?.code).toBe('ENTRY_EDITED');
    expect(error?.message).toMatch(/entry 2 \([0-9A-Z]{26}\) by Codex \(amy\)/);
    expect(error?.message).toContain('Watercooler-Redact');
    expect(run.outputs.issues).toBe('1');
    expect(run.summary).toContain('Thread history check failed');
    expect(run.summary).toContain('`ENTRY_EDITED`');
    expect(run.stdout).toContain('::error::1 thread history issue(s) found');
  });

  it('a deleted entry fails', () => {
    const { repo, base } = seeded();
    const old = repo.read('threads/auth.md');
    const blocks = old.split('\n---\n');
    const text = [blocks[0], blocks[1], blocks[3]].join('\n---\n');
    repo.write('threads/auth.md', text);
    repo.commit('drop an entry');
    const run = push(repo, base);
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error' && a.file !== undefined);
    expect(errors.map((a) => [a.code, a.line])).toEqual([
      ['ENTRY_DELETED', lineOf(text, 'Title: Entry 2') - 3],
    ]);
  });

  it('a reordered entry fails', () => {
    const { repo, base } = seeded();
    const blocks = repo.read('threads/auth.md').trimEnd().split('\n---\n');
    repo.write(
      'threads/auth.md',
      [blocks[0], blocks[2], blocks[1], blocks[3]].join('\n---\n') + '\n',
    );
    repo.commit('reorder');
    const run = push(repo, base);
    expect(run.code).toBe(1);
    expect(run.annotations.map((a) => a.code)).toContain('ENTRY_REORDERED');
  });

  it('a deleted thread fails, and is a notice with allow-delete', () => {
    const { repo, base } = seeded();
    repo.remove('threads/other.md');
    repo.commit('remove a thread');
    const run = push(repo, base);
    expect(run.code).toBe(1);
    expect(run.annotations[0]).toMatchObject({
      level: 'error',
      file: 'threads/other.md',
      line: 1,
      code: 'THREAD_DELETED',
    });
    const allowed = push(repo, base, { 'allow-delete': 'true' });
    expect(allowed.code).toBe(0);
    expect(allowed.annotations.map((a) => [a.level, a.code])).toEqual([
      ['notice', 'THREAD_DELETED'],
    ]);
    expect(allowed.outputs.issues).toBe('0');
  });

  it('a renamed thread fails', () => {
    const { repo, base } = seeded();
    repo.git('mv', 'threads/other.md', 'threads/renamed.md');
    repo.commit('rename');
    const run = push(repo, base);
    expect(run.code).toBe(1);
    const codes = run.annotations.map((a) => a.code);
    expect(codes).toContain('THREAD_RENAMED');
    expect(codes).toContain('TOPIC_MISMATCH');
    expect(run.summary).toContain('`threads/other.md` → `threads/renamed.md` | renamed');
  });

  it('a forced push is reported as rewritten history, with what it changed', () => {
    const { repo, base } = seeded();
    repo.apply('threads/auth.md', say('auth', 3));
    const pushed = repo.commit('say');
    repo.git('reset', '--quiet', '--hard', base);
    const text = repo.read('threads/auth.md').replace('Body of entry 2.', 'Rewritten.');
    repo.write('threads/auth.md', text);
    repo.commit('rewrite');
    const run = runAction({
      workspace: repo.dir,
      eventName: 'push',
      payload: pushPayload(pushed, repo.head(), { forced: true }),
    });
    expect(run.code).toBe(1);
    const rewritten = run.annotations.find((a) => a.code === 'HISTORY_REWRITTEN');
    expect(rewritten?.file).toBeUndefined();
    expect(rewritten?.message).toContain(
      `${pushed.slice(0, 7)} (before the push) is not an ancestor`,
    );
    expect(run.annotations.map((a) => a.code)).toContain('ENTRY_DELETED');
    expect(run.summary).toContain('HISTORY_REWRITTEN');
  });

  it('a `before` this full clone does not have is rewritten history, said with the sha and the fix', () => {
    const { repo } = seeded();
    const run = runAction({
      workspace: repo.dir,
      eventName: 'push',
      payload: pushPayload('1234567890abcdef1234567890abcdef12345678', repo.head(), {
        forced: true,
      }),
    });
    expect(run.code).toBe(1);
    const [rewritten] = run.annotations;
    expect(rewritten?.code).toBe('HISTORY_REWRITTEN');
    expect(rewritten?.message).toContain(
      'rewritten by a forced push: main was at 1234567890abcdef1234567890abcdef12345678',
    );
    expect(rewritten?.message).toContain(
      'git push --force-with-lease origin 1234567890abcdef1234567890abcdef12345678:main',
    );
    expect(rewritten?.message).not.toContain('fetch-depth');
  });

  it('a header line other than Status/Ball changed fails on that line', () => {
    const { repo, base } = seeded();
    repo.write(
      'threads/auth.md',
      repo.read('threads/auth.md').replace('Topic: auth', 'Topic: authentication'),
    );
    repo.commit('retopic');
    const run = push(repo, base);
    expect(run.code).toBe(1);
    expect(run.annotations[0]).toMatchObject({
      level: 'error',
      file: 'threads/auth.md',
      line: 4,
      code: 'HEADER_CHANGED',
    });
    expect(run.annotations[0]?.message).toContain(
      'Header line 4 changed from "Topic: auth" to "Topic: authentication"',
    );
  });

  it('a malformed new thread fails on each broken rule', () => {
    const { repo, base } = seeded();
    repo.write(
      'threads/new-thing.md',
      '# Other — Thread\nStatus: OPEN\nBall: Claude\nTopic: wrong name\nCreated: 2026-01-01T00:00:00Z\n\n' +
        '---\nEntry: Claude (amy) 2026-01-01T00:00:01Z\nRole: boss\nType: Note\nTitle: Hi\n\nhello\n<!-- Entry-ID: 01KTMMG3MTKFGRKYEJGHN65QY8 -->\n\n' +
        '---\nEntry: Codex (amy) 2026-02-30T00:00:01Z\nRole: critic\nType: Rant\n\nno title\n<!-- Entry-ID: 01KTMMG3MTKFGRKYEJGHN65QY8 -->\n\n' +
        '---\nEntry: Codex yesterday\nRole: critic\n',
    );
    repo.commit('new thread by hand');
    const run = push(repo, base);
    expect(run.code).toBe(1);
    const found = run.annotations
      .filter((a) => a.file === 'threads/new-thing.md')
      .map((a) => `${a.level} ${a.code} ${a.line}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'error TOPIC_MISMATCH 4',
        'warning HEADER_MALFORMED 1',
        'error ENTRY_ROLE_INVALID 9',
        'error ENTRY_TIMESTAMP_INVALID 17',
        'error ENTRY_TYPE_INVALID 19',
        'error ENTRY_TITLE_MISSING 17',
        'error ENTRY_ID_DUPLICATE 17',
        'error ENTRY_HEADER_MALFORMED 25',
      ]),
    );
    expect(run.summary).toContain('| `threads/new-thing.md` | added | 2 |');
  });

  it('warnings pass, and fail under strict', () => {
    const { repo, base } = seeded();
    const text =
      repo.read('threads/auth.md').trimEnd() +
      '\n\n---\nEntry: Cursor (amy) 2026-03-01T00:00:00Z\nRole: pm\nType: Note\nTitle: Hand-written\n\nabove\n---\nbelow\n';
    repo.write('threads/auth.md', text);
    repo.commit('hand append');
    const run = push(repo, base);
    expect(run.code).toBe(0);
    const warnings = run.annotations
      .filter((a) => a.level === 'warning')
      .map((a) => [a.code, a.line]);
    expect(warnings).toEqual([
      ['ENTRY_ID_MISSING', lineOf(text, 'Entry: Cursor')],
      ['BODY_SEPARATOR', lineOf(text, '---\nbelow')],
    ]);
    expect(run.outputs.issues).toBe('2');
    const strict = push(repo, base, { strict: 'true' });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('(strict: warnings count)');
  });
});

describe('redaction', () => {
  function redacted(trailer: boolean) {
    const { repo, base } = seeded();
    const text = repo.read('threads/auth.md').replace('Body of entry 1.', 'token ghp_notreally');
    repo.write('threads/auth.md', text);
    const pasted = repo.commit('Codex: say auth');
    repo.apply('threads/auth.md', say('auth', 4));
    repo.commit('Claude: say auth');
    const clean = repo.read('threads/auth.md').replace('token ghp_notreally', '[redacted]');
    repo.write('threads/auth.md', clean);
    repo.commit(
      trailer
        ? 'Redact a pasted token\n\nWatercooler-Redact: pasted a token by mistake'
        : 'Redact a pasted token',
    );
    return { repo, base, pasted, clean };
  }

  it('passes as a notice naming the entry when the commit carries the trailer', () => {
    const { repo, pasted, clean } = redacted(true);
    const run = push(repo, pasted);
    expect(run.code).toBe(0);
    const notices = run.annotations.filter((a) => a.level === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.code).toBe('REDACTED');
    expect(notices[0]?.line).toBe(lineOf(clean, '[redacted]'));
    expect(notices[0]?.message).toMatch(
      /Entry 2 \([0-9A-Z]{26}\) by Codex \(amy\), "Entry 1" was rewritten by commit [0-9a-f]{7} \(Watercooler-Redact: pasted a token by mistake\)/,
    );
    expect(run.outputs).toEqual({ 'threads-checked': '1', 'entries-added': '1', issues: '0' });
  });

  it('fails without the trailer', () => {
    const { repo, pasted } = redacted(false);
    const run = push(repo, pasted);
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.file !== undefined);
    expect(errors.map((a) => [a.level, a.code])).toEqual([['error', 'ENTRY_EDITED']]);
    expect(errors[0]?.message).toMatch(/Rewritten without the trailer by [0-9a-f]{7}\./);
  });

  it('fails when one of several rewriting commits lacks the trailer', () => {
    const { repo, base } = seeded();
    repo.write('threads/auth.md', repo.read('threads/auth.md').replace('Body of entry 1.', 'x'));
    repo.commit('edit without trailer');
    repo.write('threads/auth.md', repo.read('threads/auth.md').replace('Body of entry 2.', 'y'));
    repo.commit('edit\n\nWatercooler-Redact: scrub a name');
    const run = push(repo, base);
    expect(run.code).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.code)).toContain(
      'ENTRY_EDITED',
    );
  });
});

describe('pull_request and new branches', () => {
  it('a pull request of several commits is checked from the merge base', () => {
    const { repo, base } = seeded();
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.apply('threads/auth.md', say('auth', 3));
    repo.commit('one');
    repo.apply('threads/auth.md', say('auth', 4));
    repo.apply('threads/other.md', say('other', 1));
    repo.commit('two');
    repo.apply('threads/new-topic.md', say('new-topic', 0));
    const head = repo.commit('three');
    repo.git('checkout', '--quiet', 'main');
    repo.apply('threads/other.md', say('other', 2)); // main moves on meanwhile
    const mainTip = repo.commit('main moves');
    repo.git('checkout', '--quiet', 'feature');
    const run = runAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      payload: pullRequestPayload(mainTip, head),
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({ 'threads-checked': '3', 'entries-added': '4', issues: '0' });
    expect(run.summary).toContain(`merge-base ${base.slice(0, 7)}`);
    expect(run.summary).toContain('| `threads/new-topic.md` | added | 1 |');
  });

  it('a pull request with an edit in one of its commits fails', () => {
    const { repo } = seeded();
    const mainTip = repo.head();
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.apply('threads/auth.md', say('auth', 3));
    repo.commit('one');
    repo.write(
      'threads/auth.md',
      repo.read('threads/auth.md').replace('Body of entry 0.', 'changed'),
    );
    const head = repo.commit('two');
    const run = runAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      payload: pullRequestPayload(mainTip, head),
    });
    expect(run.code).toBe(1);
    expect(run.annotations.map((a) => a.code)).toContain('ENTRY_EDITED');
  });

  it('a new branch is checked from where it left the default branch', () => {
    const { repo, base } = seeded();
    repo.git('update-ref', 'refs/remotes/origin/main', base);
    repo.git('checkout', '--quiet', '-b', 'topic');
    repo.apply('threads/auth.md', say('auth', 3));
    repo.commit('one');
    repo.write(
      'threads/other.md',
      repo.read('threads/other.md').replace('Body of entry 0.', 'edited'),
    );
    const head = repo.commit('two');
    const run = runAction({
      workspace: repo.dir,
      eventName: 'push',
      payload: pushPayload(ZERO, head, { ref: 'refs/heads/topic' }),
    });
    expect(run.code).toBe(1);
    expect(run.summary).toContain(`merge-base with main ${base.slice(0, 7)}`);
    expect(run.annotations.map((a) => a.file)).toContain('threads/other.md');
    expect(run.outputs['entries-added']).toBe('1');
  });

  it('the first push of a repository checks every thread as new', () => {
    const repo = createThreadRepo();
    repos.push(repo);
    repo.apply('threads/welcome.md', say('welcome', 0));
    repo.write('README.md', '# not a thread\n');
    const head = repo.commit('first');
    const run = runAction({
      workspace: repo.dir,
      eventName: 'push',
      payload: pushPayload(ZERO, head, { commits: [head] }),
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({ 'threads-checked': '1', 'entries-added': '1', issues: '0' });
  });
});

describe('threads at the repository root (the Python tool’s layout)', () => {
  it('finds the threads there, leaves README.md alone, and honours threads-dir', () => {
    const repo = createThreadRepo();
    repos.push(repo);
    repo.apply('auth.md', say('auth', 0));
    repo.write('README.md', '# Team threads\n\nRead me.\n');
    const base = repo.commit('root layout');
    repo.write('README.md', '# Team threads\n\nRewritten freely.\n');
    repo.apply('auth.md', say('auth', 1));
    repo.write('auth.md', repo.read('auth.md').replace('Body of entry 0.', 'Edited.'));
    repo.commit('edit');
    const run = push(repo, base);
    expect(run.code).toBe(1);
    expect(run.annotations.map((a) => [a.file, a.code])).toEqual([
      ['auth.md', 'ENTRY_EDITED'],
      [undefined, undefined],
    ]);
    expect(run.outputs['threads-checked']).toBe('1');
    const elsewhere = push(repo, base, { 'threads-dir': 'threads' });
    expect(elsewhere.code).toBe(0);
    expect(elsewhere.outputs['threads-checked']).toBe('0');
  });
});

describe('a 5,000-entry thread', () => {
  it('an append passes and an edit deep inside fails on its line', () => {
    const repo = createThreadRepo();
    repos.push(repo);
    repo.apply('threads/big.md', say('big', 0));
    let text = repo.read('threads/big.md');
    const blocks: string[] = [];
    for (let i = 1; i < 5000; i++) {
      const id = `01KTMMG3MT${String(i).padStart(16, '0')}`;
      blocks.push(
        `---\nEntry: ${i % 2 ? 'Codex' : 'Claude'} (amy) 2026-01-01T00:00:00Z\nRole: implementer\nType: Note\nTitle: Entry ${i}\n\nBody ${i}\n<!-- Entry-ID: ${id} -->\n`,
      );
    }
    text = text.trimEnd() + '\n\n' + blocks.join('\n');
    repo.write('threads/big.md', text);
    const base = repo.commit('big');
    repo.apply('threads/big.md', say('big', 5000));
    repo.commit('append');
    const ok = push(repo, base);
    expect(ok.code).toBe(0);
    expect(ok.outputs).toEqual({ 'threads-checked': '1', 'entries-added': '1', issues: '0' });
    const edited = repo.read('threads/big.md').replace('Body 4321\n', 'Body 4321 (edited)\n');
    repo.write('threads/big.md', edited);
    repo.commit('edit');
    const bad = push(repo, base);
    expect(bad.code).toBe(1);
    expect(bad.annotations.map((a) => [a.code, a.line])).toContainEqual([
      'ENTRY_EDITED',
      lineOf(edited, 'Body 4321 (edited)'),
    ]);
  });
});
