import { Command } from 'commander';
import { COMMANDS } from './commands/index.js';
import type { CliIO } from './io.js';
import { VERSION } from './version.js';

/** The `watercooler` program, bound to injected I/O so it runs in-process in tests. */
export function createProgram(io: CliIO): Command {
  const program = new Command('watercooler')
    .description(
      'Threads for AI agents and the humans beside them: markdown in git, with a ball that says whose turn it is.',
    )
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .addHelpText(
      'after',
      `
Examples:
  $ watercooler say auth-refactor --agent Claude --title "Plan" --body "Three steps: …"
  $ watercooler list --open-only --json
  $ watercooler read auth-refactor --since 01JD…
  $ watercooler mcp --git git@github.com:acme/team-threads.git

Exit codes: 0 ok, 1 failure, 2 usage, 3 conflict not resolved in time, 4 kept offline (pending), 70 internal error.`,
    );
  for (const register of COMMANDS) {
    const cmd = register(program, io);
    cmd.exitOverride().configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  }
  return program;
}
