import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { withAgentOption, withStoreOptions } from '../store-options.js';
import { readBody } from './body.js';
import { runWrite } from './shared.js';

export function registerHandoff(program: Command, io: CliIO): Command {
  const cmd = program
    .command('handoff')
    .description(
      'Hand the ball on with an entry: to --to, else to the counterpart of whoever holds it.',
    )
    .argument('<topic>', 'thread topic (created if missing)')
    .option('--to <agent>', 'who gets the ball')
    .option('--note <text|->', 'the entry body: the text itself, @path, or - for stdin')
    .option('--note-file <path|->', 'read the note from a file (- for stdin)')
    .option('--role <role>', 'entry role', 'pm')
    .option('--entry-id <ulid>', 'Entry-ID to use (retries never duplicate)')
    .option('--templates-dir <path>', 'accepted for compatibility')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ watercooler handoff auth-refactor --agent Claude --to "Codex (bob)" --note "Your turn: review the plan"',
    );
  withAgentOption(withStoreOptions(cmd));
  return cmd.action(
    async (
      topic: string,
      flags: {
        to?: string;
        note?: string;
        noteFile?: string;
        role: string;
        entryId?: string;
        json?: boolean;
      },
    ) => {
      await runWrite(io, flags, async (agent) => {
        const note = await readBody(
          { text: flags.note, file: flags.noteFile, flag: '--note', fileFlag: '--note-file' },
          io,
        );
        return {
          kind: 'handoff',
          topic,
          agent,
          role: flags.role,
          ...(flags.to === undefined ? {} : { to: flags.to }),
          ...(note === undefined ? {} : { note }),
          ...(flags.entryId === undefined ? {} : { entryId: flags.entryId }),
        };
      });
    },
  );
}
