/**
 * `watercooler tui` as a command: with stdin (or stdout) not a terminal it refuses on one line
 * and exits 2 (usage), before touching any store; `--help` documents keys, state and NO_COLOR.
 */
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/run-bin.js';

describe('watercooler tui (command)', () => {
  it('refuses cleanly when stdin is not a terminal', async () => {
    const r = await runBin(['tui', '--git', 'http://127.0.0.1:9/never-contacted.git']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('tui needs an interactive terminal');
  });

  it('documents itself in --help', async () => {
    const r = await runBin(['tui', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--poll');
    expect(r.stdout).toContain('--git');
    expect(r.stdout).toContain('NO_COLOR');
  });
});
