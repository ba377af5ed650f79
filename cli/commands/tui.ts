import type { Command } from 'commander';
import { WatercoolerError } from '../../core/index.js';
import { EXIT } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { ExitSignal } from '../output.js';
import {
  type StoreFlags,
  openStoreFromFlags,
  withAgentOption,
  withStoreOptions,
  resolveMe,
} from '../store-options.js';

interface TuiFlags extends StoreFlags {
  poll?: string;
}

/** `watercooler tui`: the terminal UI. ink and React load only here, lazily. */
export function registerTui(program: Command, io: CliIO): Command {
  const cmd = program
    .command('tui')
    .description(
      'Terminal UI for humans: every thread, whose turn it is, what is new; read, reply, ack, hand off, set status.',
    )
    .option(
      '--poll <ms>',
      'how often to check the store for changes (default 2000 remote, 10000 local + file watch)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ watercooler tui\n  $ watercooler tui --git git@github.com:acme/team-threads.git --agent "Alice"\n\nKeys: ? inside the TUI. Unread state: $XDG_STATE_HOME/watercooler (default ~/.local/state/watercooler). NO_COLOR is honoured.',
    );
  withAgentOption(withStoreOptions(cmd));
  return cmd.action(async (flags: TuiFlags) => {
    if (io.stdin.isTTY !== true || io.stdout.isTTY !== true) {
      io.stderr.write(
        'watercooler: tui needs an interactive terminal (stdin and stdout must be a TTY); in scripts use `watercooler list` and `watercooler read`.\n',
      );
      throw new ExitSignal(EXIT.USAGE);
    }
    let pollMs: number | undefined;
    if (flags.poll !== undefined) {
      pollMs = Number(flags.poll);
      if (!Number.isInteger(pollMs) || pollMs < 100) {
        throw new WatercoolerError(
          'INVALID_INPUT',
          `--poll ${flags.poll} is not a number of milliseconds ≥ 100.`,
          {
            hint: 'For example --poll 1000.',
          },
        );
      }
    }
    const store = await openStoreFromFlags(flags, io);
    try {
      const { registry } = await store.config();
      const me = resolveMe(flags, io, registry);
      const { runTui } = await import('../tui/main.js');
      await runTui({
        store,
        me,
        env: io.env,
        stdin: io.stdin as NodeJS.ReadStream,
        stdout: io.stdout as NodeJS.WriteStream,
        ...(pollMs === undefined ? {} : { pollMs }),
      });
    } finally {
      await store.close();
    }
  });
}
