/**
 * `list` on a terminal reads like gh's tables (the program run in-process with a TTY stdout):
 * - a header row, columns aligned, times relative to now ("about 2 hours ago");
 * - the title is cut with … to fit the terminal's width; other columns stay whole;
 * - piped, the same command keeps the tab-separated rows (see sharp-edges.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { relativeTime, renderListTable } from '../../cli/commands/list-table.js';
import type { CliIO } from '../../cli/io.js';
import { createProgram } from '../../cli/program.js';
import type { ListRow } from '../../core/index.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const row = (over: Partial<ListRow>): ListRow => ({
  topic: 'auth-refactor',
  title: 'auth-refactor',
  status: 'OPEN',
  ball: 'Codex (bob)',
  updated: '2026-03-01T10:00:00Z',
  entry_count: 3,
  last_agent: 'Claude (amy)',
  is_new: true,
  is_your_turn: true,
  path: 'auth-refactor.md',
  ...over,
});

describe('the terminal table', () => {
  it.each([
    ['2026-03-01T11:59:30Z', 'less than a minute ago'],
    ['2026-03-01T11:55:00Z', '5 minutes ago'],
    ['2026-03-01T10:00:00Z', 'about 2 hours ago'],
    ['2026-02-27T12:00:00Z', '2 days ago'],
    ['2025-12-01T12:00:00Z', 'about 3 months ago'],
    ['2024-03-01T12:00:00Z', 'about 2 years ago'],
  ])('%s is %s', (iso, text) => {
    expect(relativeTime(iso, NOW)).toBe(text);
  });

  it('has a header, aligned columns and a title cut to the width', () => {
    const lines = renderListTable(
      [
        row({}),
        row({ topic: 'x', title: 'A much longer title than fits', ball: 'Team', is_new: false }),
      ],
      NOW,
      80,
    );
    expect(lines[0]).toMatch(/^TOPIC\s+TITLE\s+STATUS\s+BALL\s+NEW\s+UPDATED$/);
    const at = (line: string | undefined, word: string) => line?.indexOf(word);
    expect(at(lines[1], 'open')).toBe(at(lines[0], 'STATUS'));
    expect(at(lines[2], 'open')).toBe(at(lines[0], 'STATUS'));
    expect(lines[1]).toContain('about 2 hours ago');
    expect(lines[2]).toContain('…');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
  });
});

describe('list through the program on a TTY', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wc-table-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the table, not tab-separated rows', async () => {
    const out = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const io: CliIO = {
      stdout: out,
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      env: { WATERCOOLER_USER: 'amy', WATERCOOLER_DIR: dir },
      cwd: dir,
    };
    await createProgram(io).parseAsync(
      ['say', 'auth-refactor', '--agent', 'Claude', '--title', 'Plan', '--body', 'b'],
      { from: 'user' },
    );
    text = '';
    await createProgram(io).parseAsync(['list'], { from: 'user' });
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^TOPIC\s+TITLE/);
    expect(lines[1]).toMatch(
      /^auth-refactor\s+auth-refactor\s+open\s+Codex \(amy\)\s+less than a minute ago$/,
    );
    expect(text).not.toContain('\t');
  });
});
