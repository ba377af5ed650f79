import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { withStoreOptions } from '../store-options.js';
import { runWrite } from './shared.js';

export function registerSetStatus(program: Command, io: CliIO): Command {
  const cmd = program
    .command('set-status')
    .description(
      "Change a thread's status: OPEN, IN_REVIEW, BLOCKED, CLOSED, MERGED, RESOLVED, ABANDONED, OBSOLETE, or a word of your own (written upper-cased).",
    )
    .argument('<topic>', 'thread topic')
    .argument('<status>', 'new status (any case)')
    .option('--force-status', 'accepted for compatibility (any one-line status is written)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ watercooler set-status auth-refactor in_review');
  withStoreOptions(cmd);
  return cmd.action(
    async (topic: string, status: string, flags: { forceStatus?: boolean; json?: boolean }) => {
      await runWrite(io, flags, () => ({
        kind: 'set-status',
        topic,
        status,
        force: flags.forceStatus === true,
      }));
    },
  );
}
