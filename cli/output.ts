import { WatercoolerError, redact } from '../core/index.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import type { CliIO } from './io.js';

/** Data goes to stdout: JSON for scripts, text for people. */
export function printJson(io: CliIO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(io: CliIO, line: string): void {
  io.stdout.write(`${line}\n`);
}

/** A note for the person at the terminal: stderr, and only on a TTY so pipes stay quiet. */
export function note(io: CliIO, line: string): void {
  if (io.stderr.isTTY === true) io.stderr.write(`${line}\n`);
}

/** Thrown by commands to end with a code after they printed what they had to say. */
export class ExitSignal extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** Reports an error on one stderr line (message, then what to do) and returns the exit code. */
export function reportError(io: CliIO, err: unknown): number {
  if (err instanceof ExitSignal) return err.exitCode;
  if (err instanceof WatercoolerError) {
    io.stderr.write(`watercooler: ${err.message}${err.hint === undefined ? '' : ` ${err.hint}`}\n`);
    return exitCodeFor(err.code);
  }
  const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
  io.stderr.write(
    `watercooler: internal error: ${redact(err instanceof Error ? err.message : String(err))}\n` +
      'Please report this with the lines below.\n' +
      `${redact(stack)}\n`,
  );
  return EXIT.INTERNAL;
}
