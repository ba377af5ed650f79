import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { withStoreOptions } from '../store-options.js';
import { readBodyArg, runWrite } from './shared.js';

export function registerSetStatus(program: Command, io: CliIO): Command {
  const cmd = program
    .command('set-status')
    .description(
      "Change a thread's status (OPEN, IN_REVIEW, BLOCKED, CLOSED, MERGED, RESOLVED, ABANDONED, OBSOLETE).",
    )
    .argument('<topic>', 'thread topic')
    .argument('<status>', 'new status (any case)')
    .option('--force-status', 'write a status outside the known set')
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

export function registerSetBall(program: Command, io: CliIO): Command {
  const cmd = program
    .command('set-ball')
    .description('Give the ball to an agent without writing an entry.')
    .argument('<topic>', 'thread topic (created if missing)')
    .argument('<agent>', 'who gets the ball, "Name" or "Name (user)"')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ watercooler set-ball auth-refactor "Codex (bob)"');
  withStoreOptions(cmd);
  return cmd.action(async (topic: string, ball: string, flags: { json?: boolean }) => {
    await runWrite(io, flags, () => ({ kind: 'set-ball', topic, ball }));
  });
}

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
