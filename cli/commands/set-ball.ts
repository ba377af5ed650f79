import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { withStoreOptions } from '../store-options.js';
import { runWrite } from './shared.js';

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
