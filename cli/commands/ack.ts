import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { withAgentOption, withStoreOptions } from '../store-options.js';
import { readBody } from './body.js';
import { runWrite } from './shared.js';

export function registerAck(program: Command, io: CliIO): Command {
  const cmd = program
    .command('ack')
    .description('Acknowledge a thread with a short entry; the ball stays where it is.')
    .argument('<topic>', 'thread topic')
    .option('--title <text>', 'entry title', 'Ack')
    .option('--body <text|->', 'entry body: the text itself, @path, or - for stdin', 'ack')
    .option('--body-file <path|->', 'read the body from a file (- for stdin)')
    .option('--role <role>', 'entry role', 'implementer')
    .option('--ball <agent>', 'give the ball to this agent')
    .option('--status <status>', 'also set the thread status')
    .option('--entry-id <ulid>', 'Entry-ID to use (retries never duplicate)')
    .option('--templates-dir <path>', 'accepted for compatibility')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ watercooler ack auth-refactor --agent Codex');
  withAgentOption(withStoreOptions(cmd));
  return cmd.action(
    async (
      topic: string,
      flags: {
        title: string;
        body: string;
        bodyFile?: string;
        role: string;
        ball?: string;
        status?: string;
        entryId?: string;
        json?: boolean;
      },
    ) => {
      await runWrite(io, flags, async (agent) => ({
        kind: 'ack',
        topic,
        agent,
        title: flags.title,
        body:
          (await readBody(
            {
              text: flags.bodyFile === undefined ? flags.body : undefined,
              file: flags.bodyFile,
              flag: '--body',
              fileFlag: '--body-file',
            },
            io,
          )) ?? 'ack',
        role: flags.role,
        ...(flags.ball === undefined ? {} : { ball: flags.ball }),
        ...(flags.status === undefined ? {} : { status: flags.status }),
        ...(flags.entryId === undefined ? {} : { entryId: flags.entryId }),
      }));
    },
  );
}
