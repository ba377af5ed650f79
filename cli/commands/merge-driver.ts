import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { mergeThreads } from '../../core/index.js';
import { EXIT } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { ExitSignal } from '../output.js';

/**
 * git's merge driver for thread files (`.gitattributes`: `*.md merge=watercooler`; each clone:
 * `git config merge.watercooler.driver "npx watercooler merge-driver %O %A %B %P"`). git hands it
 * the base, ours and theirs in temporary files; the merged thread goes into ours. When the sides
 * cannot be merged by rule (one rewrote old entries), git's own conflict markers go there instead
 * and the exit code tells git the file is still conflicted.
 */
export function registerMergeDriver(program: Command, io: CliIO): Command {
  return program
    .command('merge-driver')
    .description(
      'git merge driver for threads: keeps every entry of both branches, once, in order (wired by create-watercooler).',
    )
    .argument('<base>', "the common ancestor's version (git's %O)")
    .argument('<ours>', 'our version, overwritten with the result (%A)')
    .argument('<theirs>', 'their version (%B)')
    .argument('[path]', 'the thread file, for messages (%P)')
    .addHelpText(
      'after',
      "\nSet up once per clone (the repository's .gitattributes already names the driver):\n" +
        '  $ git config merge.watercooler.driver "npx watercooler merge-driver %O %A %B %P"',
    )
    .action((basePath: string, oursPath: string, theirsPath: string, path?: string) => {
      const read = (p: string): string => readFileSync(resolve(io.cwd, p), 'utf8');
      const ours = resolve(io.cwd, oursPath);
      const result = mergeThreads(read(basePath), read(oursPath), read(theirsPath));
      if (result.ok) {
        writeFileSync(ours, result.text);
        return;
      }
      // Leave what git would have left: its conflict markers, for a hand resolution.
      spawnSync(
        'git',
        [
          'merge-file',
          '-L',
          'ours',
          '-L',
          'base',
          '-L',
          'theirs',
          ours,
          resolve(io.cwd, basePath),
          resolve(io.cwd, theirsPath),
        ],
        {
          cwd: io.cwd,
          env: io.env,
          stdio: 'ignore',
        },
      );
      io.stderr.write(
        `watercooler merge-driver: ${path ?? oursPath}: cannot merge by rule: ${result.reason}. ` +
          'Left conflict markers: keep every entry once, each after its own `---` line, and one Status:/Ball: line.\n',
      );
      throw new ExitSignal(EXIT.FAILURE);
    });
}
