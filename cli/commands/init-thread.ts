import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { withStoreOptions } from '../store-options.js';
import { readBodyArg, runWrite } from './shared.js';

export function registerInitThread(program: Command, io: CliIO): Command {
  const cmd = program
    .command('init-thread')
    .description('Create a thread (no entry); does nothing if it exists.')
    .argument('<topic>', 'thread topic')
    .option('--status <status>', 'initial status', 'OPEN')
    .option('--ball <agent>', 'who holds the ball first (default: the configured default ball)')
    .option('--body <text|path|->', 'free text under the header')
    .option('--title <text>', 'accepted for compatibility (the title line is the topic)')
    .option('--owner <name>', 'accepted for compatibility')
    .option('--participants <names>', 'accepted for compatibility')
    .option('--templates-dir <path>', 'accepted for compatibility')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ watercooler init-thread auth-refactor --ball "Claude (alice)"',
    );
  withStoreOptions(cmd);
  return cmd.action(
    async (
      topic: string,
      flags: { status: string; ball?: string; body?: string; json?: boolean },
    ) => {
      const body = await readBodyArg(flags.body, io);
      await runWrite(io, flags, () => ({
        kind: 'init-thread',
        topic,
        status: flags.status,
        ...(flags.ball === undefined ? {} : { ball: flags.ball }),
        ...(body === undefined ? {} : { body }),
      }));
    },
  );
}
