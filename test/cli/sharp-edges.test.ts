/**
 * The CLI's sharp edges, as a user and a script meet them (spawned bin, real folders):
 * - `--body TEXT` is the text even when a file of that name exists (a note says how to post the
 *   file); `--body-file PATH`, `--body @PATH`, `--body -` and `--body-file -` read a file or stdin;
 *   `@missing` and a missing `--body-file` are exit 2 with the path; WATERCOOLER_BODY_PATHS=1
 *   brings back the Python tool's "a path is a file" rule for old scripts;
 * - one entry size limit (core's MAX_ENTRY_BYTES), refused with exit 2 and nothing written;
 * - `search` with no hit exits 0, plain and with --json;
 * - `list` piped prints six tab-separated columns ending with the file's path;
 * - `read --json | head` ends quietly (no EPIPE stack);
 * - an API host that does not resolve is "could not reach", not "GitHub answered 500".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ENTRY_BYTES } from '../../core/index.js';
import { WATERCOOLER_BIN, cleanEnv, runBin } from '../helpers/run-bin.js';

let dir: string;
let env: Record<string, string>;
const threadText = (topic = 'edges') => readFileSync(join(dir, 'threads', `${topic}.md`), 'utf8');
const lastBody = async (topic = 'edges') => {
  const r = await runBin(['read', topic, '--json'], { cwd: dir, env });
  return (JSON.parse(r.stdout) as { entries: Array<{ body: string }> }).entries.at(-1)?.body;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wc-edges-'));
  env = cleanEnv({ WATERCOOLER_AGENT: 'Claude' });
  writeFileSync(join(dir, 'TODO'), 'secret list of things\n');
  writeFileSync(join(dir, 'plan.md'), 'The plan, from a file.\n');
  const made = await runBin(['say', 'edges', '--title', 'Hi', '--body', 'hello'], {
    cwd: dir,
    env,
  });
  expect(made.code, made.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('where a body comes from', () => {
  it('--body TEXT is the text, even when a file of that name exists', async () => {
    const r = await runBin(['say', 'edges', '--title', 't', '--body', 'TODO'], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(await lastBody()).toBe('TODO');
    expect(r.stderr).toMatch(/posted as text.*--body-file TODO/);
    const abs = await runBin(['say', 'edges', '--title', 't', '--body', '/etc/hostname'], {
      cwd: dir,
      env,
    });
    expect(abs.code).toBe(0);
    expect(await lastBody()).toBe('/etc/hostname');
  });

  it.each<[string, string[], string | undefined]>([
    ['--body-file PATH', ['--body-file', 'plan.md'], undefined],
    ['--body @PATH', ['--body', '@plan.md'], undefined],
    ['--body -', ['--body', '-'], 'The plan, from a file.\n'],
    ['--body-file -', ['--body-file', '-'], 'The plan, from a file.\n'],
  ])('%s reads the file or stdin', async (_name, args, input) => {
    const r = await runBin(['say', 'edges', '--title', 't', ...args], {
      cwd: dir,
      env,
      ...(input === undefined ? {} : { input }),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(await lastBody()).toBe('The plan, from a file.');
  });

  it.each<[string, string[], RegExp]>([
    ['@missing', ['--body', '@missing'], /--body: no file "missing"/],
    ['a missing --body-file', ['--body-file', 'nope.md'], /--body-file: no file "nope.md"/],
    ['a folder as --body-file', ['--body-file', '.'], /not a regular file/],
    ['both flags', ['--body', 'x', '--body-file', 'plan.md'], /not both/],
    ['neither flag', [], /needs a body/],
  ])('%s is exit 2 and writes nothing', async (_name, args, message) => {
    const before = threadText();
    const r = await runBin(['say', 'edges', '--title', 't', ...args], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(threadText()).toBe(before);
  });

  it('WATERCOOLER_BODY_PATHS=1 keeps a Python-era script that passes a path working', async () => {
    const r = await runBin(['say', 'edges', '--title', 't', '--body', 'plan.md'], {
      cwd: dir,
      env: { ...env, WATERCOOLER_BODY_PATHS: '1' },
    });
    expect(r.code).toBe(0);
    expect(await lastBody()).toBe('The plan, from a file.');
  });
});

describe('one entry size limit', () => {
  it('refuses a body over MAX_ENTRY_BYTES with exit 2 and writes nothing', async () => {
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(MAX_ENTRY_BYTES + 1));
    const before = threadText();
    const r = await runBin(['say', 'edges', '--title', 't', '--body-file', 'big.txt'], {
      cwd: dir,
      env,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/an entry holds at most 1\.0 MiB \(1048576 bytes\)/);
    expect(threadText()).toBe(before);
    writeFileSync(join(dir, 'ok.txt'), 'y'.repeat(MAX_ENTRY_BYTES));
    const ok = await runBin(['say', 'edges', '--title', 't', '--body-file', 'ok.txt'], {
      cwd: dir,
      env,
    });
    expect(ok.code, ok.stderr).toBe(0);
  });
});

describe('output for scripts', () => {
  it('search with no hit exits 0, plain and --json', async () => {
    const plain = await runBin(['search', 'zzz-nothing'], { cwd: dir, env });
    expect([plain.code, plain.stdout]).toEqual([0, '']);
    const json = await runBin(['search', 'zzz-nothing', '--json'], { cwd: dir, env });
    expect([json.code, JSON.parse(json.stdout)]).toEqual([0, []]);
  });

  it('list piped: six tab-separated columns ending with the file path', async () => {
    const r = await runBin(['list'], { cwd: dir, env });
    const cols = r.stdout.trim().split('\n')[0]?.split('\t') ?? [];
    expect(cols).toHaveLength(6);
    expect(cols[1]).toBe('open');
    expect(cols[5]).toBe(join(dir, 'threads', 'edges.md'));
  });

  it('read --json | head ends quietly', () => {
    const run = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${WATERCOOLER_BIN}" read edges --json | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`,
      ],
      { cwd: dir, env, encoding: 'utf8' },
    );
    expect(run.stderr).not.toMatch(/EPIPE|Error/);
    expect(run.stdout.trim()).toBe('0');
  });

  it('an API host that does not resolve is "could not reach", not "GitHub answered 500"', async () => {
    const r = await runBin(['list', '--github', 'acme/threads'], {
      cwd: dir,
      env: {
        ...env,
        WATERCOOLER_GITHUB_TOKEN: 'test-token-1234',
        WATERCOOLER_GITHUB_API_URL: 'http://no-such-host.invalid',
      },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Could not reach the GitHub API at http:\/\/no-such-host\.invalid/);
    expect(r.stderr).not.toMatch(/answered 500/);
    expect(existsSync(join(dir, 'threads', 'acme'))).toBe(false);
  });
});
