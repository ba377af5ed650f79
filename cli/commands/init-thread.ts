import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { withStoreOptions } from '../store-options.js';
import { readBody } from './body.js';
import { runWrite } from './shared.js';

export function registerInitThread(program: Command, io: CliIO): Command {
  const cmd = program
    .command('init-thread')
    .description('Create a thread (no entry); does nothing if it exists.')
    .argument('<topic>', 'thread topic')
    .option('--status <status>', 'initial status', 'OPEN')
    .option('--ball <agent>', 'who holds the ball first (default: the configured default ball)')
    .option('--body <text|->', 'free text under the header: the text itself, @path, or - for stdin')
    .option('--body-file <path|->', 'read that text from a file (- for stdin)')
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
      flags: { status: string; ball?: string; body?: string; bodyFile?: string; json?: boolean },
    ) => {
      const body = await readBody(
        { text: flags.body, file: flags.bodyFile, flag: '--body', fileFlag: '--body-file' },
        io,
      );
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
