/**
 * create-watercooler wires the thread merge driver. Pins:
 * - the new repository's .gitattributes sends its threads to `merge=watercooler`;
 * - the new clone already defines `merge.watercooler.driver` (the scaffolder's own release);
 * - the next steps print the one `git config` line every other clone needs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_RELEASE_SPEC } from '../../cli/version.js';
import { git, runCreate } from '../create/helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('create-watercooler and the merge driver', () => {
  it('writes merge=watercooler, sets the driver in the new clone and prints the line', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'wc-create-merge-'));
    dirs.push(cwd);
    const r = await runCreate(['demo', '--yes'], { cwd, env: { HOME: cwd } });
    expect(r.code).toBe(0);
    const repo = join(cwd, 'demo');
    const attributes = readFileSync(join(repo, '.gitattributes'), 'utf8');
    expect(attributes).toMatch(/^threads\/\*\.md merge=watercooler$/m);
    const driver = `npx -y ${CLI_RELEASE_SPEC} merge-driver %O %A %B`;
    expect(attributes).toContain(`git config merge.watercooler.driver "${driver}"`);
    expect(git(repo, ['config', 'merge.watercooler.driver']).trim()).toBe(driver);
    expect(git(repo, ['check-attr', 'merge', 'threads/welcome.md']).trim()).toBe(
      'threads/welcome.md: merge: watercooler',
    );
    expect(r.stdout).toContain(`git config merge.watercooler.driver "${driver}"`);
  });
});
