import type { Command } from 'commander';
import { WatercoolerError } from '../../core/index.js';
import type { CliIO } from '../io.js';
import {
  withAgentOption,
  withStoreOptions,
  type StoreFlags,
  openStoreFromFlags,
  resolveAgent,
} from '../store-options.js';
import { readBody } from './body.js';
import { printWrite, threadPathFor } from './shared.js';

interface RedactFlags extends StoreFlags {
  entry: string;
  replace?: string;
  dropBody?: boolean;
  reason?: string;
  json?: boolean;
}

export function registerRedact(program: Command, io: CliIO): Command {
  const cmd = program
    .command('redact')
    .description(
      "Rewrite one entry's body (a pasted secret, a name to scrub): the one sanctioned edit of history. " +
        'Git and GitHub stores commit it with a Watercooler-Redact trailer, so the validation Action reports it as a notice.',
    )
    .argument('<topic>', 'thread topic')
    .requiredOption('--entry <id>', 'the Entry-ID of the entry to redact')
    .option('--replace <text|path|->', 'the new body: text, a file path, @path, or - for stdin')
    .option('--drop-body', 'remove the body entirely (the entry header and Entry-ID stay)')
    .option(
      '--reason <text>',
      'why: goes into the Watercooler-Redact trailer',
      'content removed with watercooler redact',
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ watercooler redact auth-refactor --entry 01J… --replace "[token removed]" --reason "pasted a token"\n' +
        '  $ watercooler redact auth-refactor --entry 01J… --drop-body --reason "personal data"',
    );
  withAgentOption(withStoreOptions(cmd));
  return cmd.action(async (topic: string, flags: RedactFlags) => {
    if ((flags.replace === undefined) === (flags.dropBody !== true)) {
      throw new WatercoolerError('INVALID_INPUT', 'Give one of --replace TEXT and --drop-body.', {
        hint: 'For example: --replace "[removed]".',
      });
    }
    const store = await openStoreFromFlags(flags, io);
    try {
      const replace =
        flags.replace === undefined
          ? undefined
          : await readBody(
              { text: flags.replace, flag: '--replace', fileFlag: '--replace @PATH' },
              io,
            );
      const result = await store.apply({
        kind: 'redact',
        topic,
        agent: resolveAgent(flags, io),
        entry: flags.entry,
        ...(replace === undefined ? { dropBody: true } : { replace }),
        reason: flags.reason ?? 'content removed with watercooler redact',
      });
      if (store.info.kind === 'local') {
        // A local folder has no commit of ours: whoever commits it must add the trailer.
        io.stderr.write(
          `watercooler: if this folder is in a git repository, commit the change with the trailer, e.g.\n` +
            `  git commit --trailer "Watercooler-Redact: ${(flags.reason ?? 'content removed').replace(/"/g, "'")}" -m "Redact an entry of ${topic}"\n`,
        );
      }
      printWrite(io, result, flags.json === true, threadPathFor(store, topic));
    } finally {
      await store.close();
    }
  });
}
