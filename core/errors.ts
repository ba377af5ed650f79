import { redact } from './redact.js';

/**
 * The closed set of error codes. Surfaces map them to exit codes, MCP results and annotations;
 * scripts may match on them, so a code is never renamed.
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_TOPIC'
  | 'THREAD_NOT_FOUND'
  | 'ENTRY_NOT_FOUND'
  | 'MALFORMED_THREAD'
  | 'CONFIG'
  | 'LOCKED'
  | 'CONFLICT'
  | 'PENDING'
  | 'UNREACHABLE'
  | 'AUTH'
  | 'PERMISSION'
  | 'RATE_LIMITED'
  | 'REPO_NOT_FOUND'
  | 'GIT'
  | 'INTERNAL';

/** An error a user can act on: what happened (`message`) and what to do next (`hint`). */
export class WatercoolerError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(redact(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WatercoolerError';
    this.code = code;
    this.hint = options.hint === undefined ? undefined : redact(options.hint);
  }
}

/** True when `err` is a WatercoolerError with one of the given codes (any code when none given). */
export function isWatercoolerError(err: unknown, ...codes: ErrorCode[]): err is WatercoolerError {
  return err instanceof WatercoolerError && (codes.length === 0 || codes.includes(err.code));
}
