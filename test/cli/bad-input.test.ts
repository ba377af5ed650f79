/**
 * Bad input on the command line (SPEC §4): each case prints one line on stderr that says what is
 * wrong and what to do, exits with the documented code, and leaves every file as it was.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runBin } from '../helpers/run-bin.js';

let dir: string;
let env: Record<string, string>;
const snapshot = () =>
  Object.fromEntries(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n), 'utf8')]));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wc-bad-'));
  env = cleanEnv({ WATERCOOLER_DIR: dir, WATERCOOLER_AGENT: 'Claude' });
  const made = await runBin(['say', 'real-topic', '--title', 'Hi', '--body', 'hello'], { env });
  expect(made.code).toBe(0);
  writeFileSync(join(dir, 'broken.md'), 'not a thread at all\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bad input', () => {
  it.each<[string, string[], number, RegExp]>([
    ['an unknown topic', ['read', 'real-topik'], 1, /not found.*Did you mean "real-topic"/],
    [
      'a topic with a slash',
      ['say', 'a/b', '--title', 't', '--body', 'b'],
      2,
      /outside the threads folder/,
    ],
    [
      'a topic with ..',
      ['say', '..', '--title', 't', '--body', 'b'],
      2,
      /outside the threads folder/,
    ],
    [
      'a topic with a leading dot',
      ['say', '.hidden', '--title', 't', '--body', 'b'],
      2,
      /outside the threads folder/,
    ],
    [
      'a topic with a backslash',
      ['say', 'a\\b', '--title', 't', '--body', 'b'],
      2,
      /outside the threads folder/,
    ],
    [
      'a Windows reserved name',
      ['say', 'CON', '--title', 't', '--body', 'b'],
      2,
      /usable file name/,
    ],
    [
      'a status on two lines',
      ['set-status', 'real-topic', 'in\nprogress'],
      2,
      /is not one short line.*Use one of/,
    ],
    ['set-ball on a missing thread', ['set-ball', 'real-topik', 'Codex'], 1, /not found/],
    ['handoff on a missing thread', ['handoff', 'real-topik'], 1, /not found/],
    ['an empty body', ['say', 'real-topic', '--title', 't', '--body', ''], 2, /body is empty/],
    ['a missing title', ['say', 'real-topic', '--body', 'b'], 2, /--title/],
    ['set-status on a missing thread', ['set-status', 'nothing-here', 'open'], 1, /not found/],
    [
      'an unknown entry id',
      ['read', 'real-topic', '--since', '01ARZ3NDEKTSV4RRFFQ69G5FAV'],
      1,
      /No entry with id/,
    ],
    ['an unknown command', ['frobnicate'], 2, /unknown command/],
  ])('%s', async (_name, args, code, message) => {
    const before = snapshot();
    const result = await runBin(args, { env });
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    const lines = result.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('(run with --help'));
    expect(lines).toHaveLength(1);
    expect(result.stdout).toBe('');
    expect(snapshot()).toEqual(before);
  });

  it('a malformed thread reads as a thread with no entries and is not rewritten by read', async () => {
    const before = snapshot();
    const result = await runBin(['read', 'broken', '--json'], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).entries).toEqual([]);
    expect(snapshot()).toEqual(before);
  });
});

describe('the JSON contract', () => {
  it('write, list and read print the shapes of SPEC §4', async () => {
    const say = await runBin(['say', 'shape', '--title', 'T', '--body', 'B', '--json'], { env });
    expect(Object.keys(JSON.parse(say.stdout)).sort()).toEqual([
      'ball',
      'entry_id',
      'operation',
      'pending',
      'status',
      'topic',
    ]);
    const list = JSON.parse((await runBin(['list', '--json'], { env })).stdout) as Array<
      Record<string, unknown>
    >;
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(
      [
        'ball',
        'entry_count',
        'is_new',
        'is_your_turn',
        'last_agent',
        'path',
        'status',
        'title',
        'topic',
        'updated',
      ].sort(),
    );
    const read = JSON.parse((await runBin(['read', 'shape', '--json'], { env })).stdout);
    expect(Object.keys(read).sort()).toEqual([
      'ball',
      'created',
      'entries',
      'path',
      'status',
      'title',
      'topic',
    ]);
    expect(Object.keys(read.entries[0]).sort()).toEqual([
      'agent',
      'body',
      'entry_id',
      'index',
      'role',
      'timestamp',
      'title',
      'type',
    ]);
  });
});
