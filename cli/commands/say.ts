import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { withAgentOption, withStoreOptions } from '../store-options.js';
import { readBodyArg, runWrite } from './shared.js';

interface SayFlags {
  title: string;
  body: string;
  role?: string;
  type?: string;
  ball?: string;
  status?: string;
  entryId?: string;
  json?: boolean;
}

function define(
  program: Command,
  io: CliIO,
  name: 'say' | 'append-entry',
  description: string,
): Command {
  const cmd = program
    .command(name)
    .description(description)
    .argument('<topic>', 'thread topic (created if missing)')
    .requiredOption('--title <text>', 'entry title (one line)')
    .requiredOption('--body <text|path|->', 'entry body: text, a file path, @path, or - for stdin')
    .option('--role <role>', 'planner, critic, implementer, tester, pm or scribe', 'implementer')
    .option('--type <type>', 'Note, Plan, Decision, PR or Closure', 'Note')
    .option('--ball <agent>', 'give the ball to this agent instead of the counterpart')
    .option('--status <status>', 'also set the thread status')
    .option('--entry-id <ulid>', 'Entry-ID to use (a retry with the same id never duplicates)')
    .option('--templates-dir <path>', 'accepted for compatibility; entries are not templated')
    .option('--json', 'print the result as JSON');
  withAgentOption(withStoreOptions(cmd));
  return cmd.action(async (topic: string, flags: SayFlags) => {
    await runWrite(io, flags, async (agent) => ({
      kind: 'say',
      topic,
      agent,
      title: flags.title,
      body: (await readBodyArg(flags.body, io)) ?? '',
      ...(flags.role === undefined ? {} : { role: flags.role }),
      ...(flags.type === undefined ? {} : { type: flags.type }),
      ...(flags.ball === undefined ? {} : { ball: flags.ball }),
      ...(flags.status === undefined ? {} : { status: flags.status }),
      ...(flags.entryId === undefined ? {} : { entryId: flags.entryId }),
    }));
  });
}

export function registerSay(program: Command, io: CliIO): Command {
  return define(
    program,
    io,
    'say',
    'Add an entry and pass the ball to the counterpart (or --ball).',
  ).addHelpText(
    'after',
    '\nExample:\n  $ watercooler say auth-refactor --agent Claude --title "Plan" --body plan.md',
  );
}

export function registerAppendEntry(program: Command, io: CliIO): Command {
  return define(program, io, 'append-entry', "Add an entry (the Python tool's name for say).");
}
