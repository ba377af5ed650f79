import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { withAgentOption, withStoreOptions } from '../store-options.js';
import { WatercoolerError } from '../../core/index.js';
import { readBody } from './body.js';
import { runWrite } from './shared.js';

interface SayFlags {
  title: string;
  body?: string;
  bodyFile?: string;
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
    .option('--body <text|->', 'entry body: the text itself, @path for a file, or - for stdin')
    .option('--body-file <path|->', 'read the body from a file (- for stdin)')
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
      body: await bodyOf(flags, io),
      ...(flags.role === undefined ? {} : { role: flags.role }),
      ...(flags.type === undefined ? {} : { type: flags.type }),
      ...(flags.ball === undefined ? {} : { ball: flags.ball }),
      ...(flags.status === undefined ? {} : { status: flags.status }),
      ...(flags.entryId === undefined ? {} : { entryId: flags.entryId }),
    }));
  });
}

async function bodyOf(flags: SayFlags, io: CliIO): Promise<string> {
  const body = await readBody(
    { text: flags.body, file: flags.bodyFile, flag: '--body', fileFlag: '--body-file' },
    io,
  );
  if (body === undefined)
    throw new WatercoolerError('INVALID_INPUT', 'An entry needs a body.', {
      hint: 'Pass --body "…" (the text), --body-file PATH, or --body - to read stdin.',
    });
  return body;
}

export function registerSay(program: Command, io: CliIO): Command {
  return define(
    program,
    io,
    'say',
    'Add an entry and pass the ball to the counterpart (or --ball).',
  ).addHelpText(
    'after',
    '\nExamples:\n  $ watercooler say auth-refactor --agent Claude --title "Plan" --body "Three steps: …"\n  $ watercooler say auth-refactor --agent Claude --title "Plan" --body-file plan.md',
  );
}

export function registerAppendEntry(program: Command, io: CliIO): Command {
  return define(program, io, 'append-entry', "Add an entry (the Python tool's name for say).");
}
