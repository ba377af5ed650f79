/**
 * The Python tool's own CLI tests (tests/test_cli*.py of 2025-12, tests/integration/test_cli*.py
 * of 2026), ported with the CLI substituted: each scenario runs against our bin and, as a control,
 * against the Python generation it was written for (from ../shared/reference/python, skipped
 * when absent). Rules pinned:
 * - every scenario the Python tool passes, ours passes — except the documented differences
 *   listed in DIFFERENCES (README, "Deliberate differences"), which are asserted to differ;
 * - flags that the old tests used but no Python CLI had (`--author`) are ported as `--agent`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, runBin } from '../helpers/run-bin.js';
import { type Generation, pythonFor, runPython, whyNot } from './python.js';

type Cli = (
  args: string[],
  cwd?: string,
) => Promise<{ code: number | null; stdout: string; stderr: string }>;

let tmp = '';
afterEach(() => rmSync(tmp, { recursive: true, force: true }));
const read = (name: string) => readFileSync(join(tmp, name), 'utf8');

/** One ported test: throws (an expect) when the CLI under test does not behave as it asserts. */
type Scenario = (cli: Cli) => Promise<void>;

const SCENARIOS: Record<string, Scenario> = {
  'test_cli_say_ack: say then ack': async (cli) => {
    expect((await cli(['init-thread', 'topic3', '--threads-dir', tmp])).code).toBe(0);
    const say = await cli([
      'say',
      'topic3',
      '--threads-dir',
      tmp,
      '--agent',
      'dev',
      '--title',
      'Note',
      '--body',
      'Heads-up',
    ]);
    expect(say.code).toBe(0);
    expect(read('topic3.md')).toContain('Heads-up');
    expect((await cli(['ack', 'topic3', '--threads-dir', tmp, '--agent', 'dev'])).code).toBe(0);
    expect(read('topic3.md').toLowerCase()).toContain('ack');
  },
  'test_cli_handoff: handoff flips the ball to the counterpart': async (cli) => {
    expect(
      (await cli(['init-thread', 'handoff1', '--threads-dir', tmp, '--ball', 'codex'])).code,
    ).toBe(0);
    expect(read('handoff1.md')).toContain('Ball: codex');
    const h = await cli([
      'handoff',
      'handoff1',
      '--threads-dir',
      tmp,
      '--agent',
      'codex',
      '--note',
      'please take a look',
    ]);
    expect(h.code).toBe(0);
    expect(read('handoff1.md').toLowerCase()).toContain('ball: claude');
    expect(read('handoff1.md')).toContain('please take a look');
  },
  'test_cli_list: list shows threads in six columns': async (cli) => {
    for (const t of ['alpha', 'beta'])
      expect((await cli(['init-thread', t, '--threads-dir', tmp])).code).toBe(0);
    const list = await cli(['list', '--threads-dir', tmp]);
    expect(list.code).toBe(0);
    const lines = list.stdout.split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const cols = lines[0]?.split('\t') ?? [];
    expect(cols).toHaveLength(6);
    expect(['open', 'in-progress', 'done']).toContain(cols[1]);
  },
  'test_cli_setters: set-status and set-ball': async (cli) => {
    expect((await cli(['init-thread', 'topic1', '--threads-dir', tmp])).code).toBe(0);
    expect((await cli(['set-status', 'topic1', 'in-progress', '--threads-dir', tmp])).code).toBe(0);
    expect(read('topic1.md')).toContain('Status: IN-PROGRESS');
    expect((await cli(['set-ball', 'topic1', 'claude', '--threads-dir', tmp])).code).toBe(0);
    expect(read('topic1.md')).toContain('Ball: claude');
  },
  'test_cli_setters: set-status on a missing thread fails and creates nothing': async (cli) => {
    const r = await cli(['set-status', 'does-not-exist', 'CLOSED', '--threads-dir', tmp]);
    expect(r.code).not.toBe(0);
    expect(`${r.stderr}${r.stdout}`.toLowerCase()).toContain('not found');
    expect(existsSync(join(tmp, 'does-not-exist.md'))).toBe(false);
  },
  'test_cli_setters: append-entry with --status in-review (2026 check, any case)': async (cli) => {
    expect((await cli(['init-thread', 'topic2', '--threads-dir', tmp])).code).toBe(0);
    const r = await cli([
      'append-entry',
      'topic2',
      '--threads-dir',
      tmp,
      '--agent',
      'dev',
      '--role',
      'implementer',
      '--title',
      'Completed task',
      '--body',
      'Did the thing',
      '--status',
      'in-review',
    ]);
    expect(r.code).toBe(0);
    expect(read('topic2.md').toLowerCase()).toContain('in-review');
    expect(read('topic2.md')).toContain('Did the thing');
  },
  'test_cli_setters: append-entry with --status in-review (2025-12 check, exact case)': async (
    cli,
  ) => {
    expect((await cli(['init-thread', 'topic2', '--threads-dir', tmp])).code).toBe(0);
    await cli([
      'append-entry',
      'topic2',
      '--threads-dir',
      tmp,
      '--agent',
      'dev',
      '--role',
      'implementer',
      '--title',
      'Completed task',
      '--body',
      'Did the thing',
      '--status',
      'in-review',
    ]);
    expect(read('topic2.md')).toContain('in-review');
  },
  'test_cli_reindex_search: reindex lists both threads, search finds the entry': async (cli) => {
    await cli(['init-thread', 'alpha', '--threads-dir', tmp]);
    await cli([
      'append-entry',
      'alpha',
      '--threads-dir',
      tmp,
      '--agent',
      'team',
      '--role',
      'planner',
      '--title',
      'Roadmap',
      '--body',
      'Discuss roadmap',
    ]);
    await cli(['init-thread', 'beta', '--threads-dir', tmp]);
    await cli([
      'append-entry',
      'beta',
      '--threads-dir',
      tmp,
      '--agent',
      'team',
      '--role',
      'implementer',
      '--title',
      'Bugfix',
      '--body',
      'Fix bug 123',
    ]);
    expect((await cli(['reindex', '--threads-dir', tmp])).code).toBe(0);
    expect(read('index.md')).toMatch(/alpha\.md[\s\S]*beta\.md|beta\.md[\s\S]*alpha\.md/);
    const s = await cli(['search', 'roadmap', '--threads-dir', tmp]);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain(':');
    expect(s.stdout).toContain('alpha.md');
  },
  'test_cli_reindex_search: search with no hit exits 0': async (cli) => {
    await cli(['init-thread', 'alpha', '--threads-dir', tmp]);
    expect((await cli(['search', 'nothing-like-this', '--threads-dir', tmp])).code).toBe(0);
  },
  'test_cli_init_thread: the header has status, ball, topic': async (cli) => {
    const r = await cli(['init-thread', 'team-sync', '--threads-dir', tmp]);
    expect(r.code, r.stderr).toBe(0);
    const s = read('team-sync.md').toLowerCase();
    for (const key of ['status:', 'ball:', 'topic:', 'created:']) expect(s).toContain(key);
    expect(s).toContain('team');
  },
  'test_cli_init_thread: overrides (status, ball)': async (cli) => {
    const r = await cli([
      'init-thread',
      'topic-x',
      '--threads-dir',
      tmp,
      '--title',
      'Custom Title',
      '--status',
      'in-progress',
      '--ball',
      'claude',
    ]);
    expect(r.code).toBe(0);
    const s = read('topic-x.md');
    expect(s.toLowerCase()).toContain('in-progress');
    expect(s).toContain('Ball: claude');
  },
  'test_cli_init_thread: --body naming a file posts the file (2025-12)': async (cli) => {
    writeFileSync(join(tmp, 'body.txt'), 'Initial body');
    const r = await cli([
      'init-thread',
      'topic-y',
      '--threads-dir',
      tmp,
      '--body',
      join(tmp, 'body.txt'),
    ]);
    expect(r.code).toBe(0);
    expect(read('topic-y.md').trim().endsWith('Initial body')).toBe(true);
  },
  'test_cli_init_thread: idempotent': async (cli) => {
    expect((await cli(['init-thread', 'dupe', '--threads-dir', tmp])).code).toBe(0);
    const before = read('dupe.md');
    expect((await cli(['init-thread', 'dupe', '--threads-dir', tmp])).code).toBe(0);
    expect(read('dupe.md')).toBe(before);
  },
  'test_cli: every command exists and exits 0': async (cli) => {
    for (const cmd of [
      'init-thread topic',
      'append-entry topic --agent codex --role implementer --title Test --body note',
      'say topic --title Note --body note',
      'ack topic',
      'handoff topic --note test',
      'set-status topic open',
      'set-ball topic codex',
      'reindex',
      'list',
      'web-export',
      'search roadmap',
      'unlock topic',
    ]) {
      const parts = cmd.split(' ');
      const r = await cli([...parts, '--threads-dir', tmp]);
      expect(r.code, `${cmd}: ${r.stderr}`).toBe(0);
      if (
        ['init-thread', 'append-entry', 'set-status', 'set-ball', 'say', 'ack', 'handoff'].includes(
          parts[0] ?? '',
        )
      )
        expect(r.stdout).toContain('.md');
      if (parts[0] === 'list') expect(r.stdout.trim().length).toBeGreaterThan(0);
      if (parts[0] === 'reindex') expect(r.stdout.trim().endsWith('index.md')).toBe(true);
    }
  },
};

/**
 * Where ours differs on purpose (each is in README's "Deliberate differences"); the scenario is
 * asserted to fail against ours, so a change of behaviour updates this list and the README.
 */
const DIFFERENCES: Record<string, string> = {
  'test_cli_setters: append-entry with --status in-review (2025-12 check, exact case)':
    'a status is written upper-cased on every write (IN-REVIEW), not only by set-status',
  'test_cli_init_thread: --body naming a file posts the file (2025-12)':
    '--body is the text; a file is --body-file PATH or @PATH (WATERCOOLER_BODY_PATHS=1 restores the old rule)',
};

/** The generation each scenario was written for (its control). */
const CONTROL: Generation = 'dec2025';

const ours: Cli = (args, cwd) =>
  runBin(args, { cwd: cwd ?? tmp, env: cleanEnv({ WATERCOOLER_USER: 'tester' }) });
const python: Cli = async (args, cwd) => runPython(CONTROL, args, { cwd: cwd ?? tmp });

describe('the Python CLI tests with our CLI substituted', () => {
  it.each(Object.keys(SCENARIOS))('%s', async (name) => {
    tmp = mkdtempSync(join(tmpdir(), 'wc-pytests-'));
    const scenario = SCENARIOS[name] as Scenario;
    const difference = DIFFERENCES[name];
    if (difference === undefined) await scenario(ours);
    else await expect(scenario(ours), `documented difference: ${difference}`).rejects.toThrow();
  });
});

describe.skipIf(pythonFor(CONTROL) === null)(
  `control: the same scenarios against the Python tool (${CONTROL})${pythonFor(CONTROL) === null ? ` — skipped: ${whyNot(CONTROL)}` : ''}`,
  () => {
    it.each(
      Object.keys(SCENARIOS).filter((n) => !n.includes('2026') && !n.includes('missing thread')),
    )('%s', async (name) => {
      tmp = mkdtempSync(join(tmpdir(), 'wc-pytests-py-'));
      await (SCENARIOS[name] as Scenario)(python);
    });
  },
);
