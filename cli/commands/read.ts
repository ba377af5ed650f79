import type { Command } from 'commander';
import { WatercoolerError, selectEntries, toThreadJson } from '../../core/index.js';
import type { CliIO } from '../io.js';
import { printJson } from '../output.js';
import { type StoreFlags, openStoreFromFlags, withStoreOptions } from '../store-options.js';

interface ReadFlags extends StoreFlags {
  since?: string;
  entry?: string;
  range?: string;
  json?: boolean;
}

function parseRange(range: string | undefined): { from?: number; to?: number } {
  if (range === undefined) return {};
  const m = /^(\d*)\.\.(\d*)$/.exec(range);
  if (m === null)
    throw new WatercoolerError(
      'INVALID_INPUT',
      `--range must look like 3..7, 3.. or ..7 (got "${range}").`,
    );
  return { ...(m[1] ? { from: Number(m[1]) } : {}), ...(m[2] ? { to: Number(m[2]) } : {}) };
}

export function registerRead(program: Command, io: CliIO): Command {
  const cmd = program
    .command('read')
    .description('Print a thread, or some of its entries.')
    .argument('<topic>', 'thread topic')
    .option('--since <entry-id>', 'only entries after this one')
    .option('--entry <index|entry-id>', 'one entry')
    .option('--range <from..to>', 'entries by index, inclusive')
    .option('--json', 'print {topic, title, status, ball, created, path, entries} as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ watercooler read auth-refactor\n  $ watercooler read auth-refactor --since 01JD8Z… --json',
    );
  withStoreOptions(cmd);
  return cmd.action(async (topic: string, flags: ReadFlags) => {
    const range = parseRange(flags.range);
    const store = await openStoreFromFlags(flags, io);
    try {
      const snapshot = await store.read(topic);
      const whole =
        flags.since === undefined && flags.entry === undefined && flags.range === undefined;
      const entries = selectEntries(snapshot, {
        ...(flags.since === undefined ? {} : { since: flags.since }),
        ...(flags.entry === undefined ? {} : { entry: flags.entry }),
        ...range,
      });
      if (flags.json === true) return printJson(io, toThreadJson(snapshot, entries));
      if (whole) return void io.stdout.write(snapshot.text);
      io.stdout.write(
        entries.map((e) => snapshot.text.slice(e.start, e.end)).join('\n\n') +
          (entries.length > 0 ? '\n' : ''),
      );
    } finally {
      await store.close();
    }
  });
}
