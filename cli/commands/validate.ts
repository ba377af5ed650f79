import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import {
  type Issue,
  WatercoolerError,
  isFailing,
  readRegularFile,
  validateRange,
  validateThread,
  workTreeOf,
} from '../../core/index.js';
import { EXIT } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { ExitSignal, printJson, printLine } from '../output.js';
import { resolveStoreOptions } from '../store-options.js';

interface ValidateFlags {
  base?: string;
  head?: string;
  all?: boolean;
  threadsDir?: string;
  allowDelete?: boolean;
  strict?: boolean;
  json?: boolean;
}

interface Outcome {
  threadsChecked: number;
  entriesAdded: number;
  issues: Issue[];
}

export function registerValidate(program: Command, io: CliIO): Command {
  return program
    .command('validate')
    .description(
      'Check that thread history is append-only and new entries are well formed (what the Action checks).',
    )
    .option('--base <ref>', 'check the commits after this one (with --head, default HEAD)')
    .option('--head <ref>', 'the last commit to check (default HEAD)')
    .option(
      '--all',
      'check every thread file in the threads folder as it is now (the default without --base)',
    )
    .option('--threads-dir <path>', 'the threads folder (default: watercooler.json, else threads/)')
    .option('--allow-delete', 'deleted and renamed threads are notices, not errors')
    .option('--strict', 'warnings fail too')
    .option('--json', 'print {ok, threads_checked, entries_added, issues} as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ watercooler validate --base origin/main        # what a push or PR would be checked for\n' +
        '  $ watercooler validate --all --strict --json',
    )
    .action(async (flags: ValidateFlags) => {
      if (flags.all === true && (flags.base !== undefined || flags.head !== undefined)) {
        throw new WatercoolerError(
          'INVALID_INPUT',
          'Give --all or a range (--base/--head), not both.',
        );
      }
      const outcome =
        flags.base !== undefined || flags.head !== undefined
          ? await checkRange(flags, io)
          : await checkFolder(flags, io);
      const failed = isFailing(outcome.issues, flags.strict === true);
      if (flags.json === true) {
        printJson(io, {
          ok: !failed,
          threads_checked: outcome.threadsChecked,
          entries_added: outcome.entriesAdded,
          issues: outcome.issues.map((i) => ({
            code: i.code,
            severity: i.severity,
            message: i.message,
            hint: i.hint,
            file: i.file,
            line: i.line,
          })),
        });
      } else {
        for (const i of outcome.issues) {
          printLine(
            io,
            `${i.file === '' ? '(repository)' : `${i.file}:${i.line}`}: ${i.severity} ${i.code}: ${i.message}`,
          );
          if (i.hint !== '') printLine(io, `  ${i.hint}`);
        }
        const count = (s: Issue['severity']): number =>
          outcome.issues.filter((i) => i.severity === s).length;
        printLine(
          io,
          `${outcome.threadsChecked} thread(s) checked, ${outcome.entriesAdded} entr(ies) added: ${count('error')} error(s), ${count('warning')} warning(s), ${count('notice')} notice(s).`,
        );
      }
      if (failed) throw new ExitSignal(EXIT.FAILURE);
    });
}

async function checkRange(flags: ValidateFlags, io: CliIO): Promise<Outcome> {
  const root = workTreeOf(io.cwd);
  if (root === null) {
    throw new WatercoolerError(
      'INVALID_INPUT',
      'validate --base/--head needs a git repository, and this folder is not in one.',
      {
        hint: 'Run it inside the threads repository, or use --all to check the files as they are.',
      },
    );
  }
  const threadsDir =
    flags.threadsDir === undefined
      ? undefined
      : toPosix(relative(root, resolve(io.cwd, flags.threadsDir)));
  const report = await validateRange({
    repo: root,
    base: flags.base ?? 'HEAD',
    head: flags.head ?? 'HEAD',
    threadsDir,
    allowDelete: flags.allowDelete === true,
    env: io.env,
  });
  return {
    threadsChecked: report.threadsChecked,
    entriesAdded: report.entriesAdded,
    issues: report.issues,
  };
}

/** Every thread file of the local threads folder, each on its own (no history to compare). */
async function checkFolder(flags: ValidateFlags, io: CliIO): Promise<Outcome> {
  const options = await resolveStoreOptions({ threadsDir: flags.threadsDir }, io);
  if (options.kind !== 'local') {
    throw new WatercoolerError('INVALID_INPUT', 'validate --all checks a threads folder on disk.', {
      hint: 'Pass --threads-dir PATH, or run it in a clone of the threads repository.',
    });
  }
  let names: string[];
  try {
    names = readdirSync(options.threadsDir)
      .filter((n) => n.endsWith('.md') && n !== 'index.md' && !n.startsWith('.'))
      .sort();
  } catch {
    throw new WatercoolerError(
      'THREAD_NOT_FOUND',
      `There is no threads folder at ${options.threadsDir}.`,
      {
        hint: 'Pass --threads-dir PATH.',
      },
    );
  }
  const root = workTreeOf(options.threadsDir);
  const issues: Issue[] = [];
  let checked = 0;
  for (const name of names) {
    const path = join(options.threadsDir, name);
    // As the stores do: a symlink is not followed, a FIFO not waited on, a folder not read.
    const file = readRegularFile(path);
    if (file === null) {
      io.stderr.write(
        `watercooler: warning: skipping ${name}: not a regular file (a symlink, folder or pipe).\n`,
      );
      continue;
    }
    checked++;
    issues.push(...validateThread(file.text, toPosix(relative(root ?? io.cwd, path))));
  }
  // Nothing is added without a range: entries_added stays 0.
  return { threadsChecked: checked, entriesAdded: 0, issues };
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}
