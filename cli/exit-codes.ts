import type { ErrorCode } from '../core/index.js';

/** Exit codes are a contract with scripts (SPEC §4). */
export const EXIT = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
  CONFLICT: 3,
  PENDING: 4,
  INTERNAL: 70,
} as const;

const BY_CODE: Record<ErrorCode, number> = {
  INVALID_INPUT: EXIT.USAGE,
  INVALID_TOPIC: EXIT.USAGE,
  CONFIG: EXIT.USAGE,
  THREAD_NOT_FOUND: EXIT.FAILURE,
  ENTRY_NOT_FOUND: EXIT.FAILURE,
  MALFORMED_THREAD: EXIT.FAILURE,
  LOCKED: EXIT.CONFLICT,
  CONFLICT: EXIT.CONFLICT,
  PENDING: EXIT.PENDING,
  UNREACHABLE: EXIT.FAILURE,
  AUTH: EXIT.FAILURE,
  PERMISSION: EXIT.FAILURE,
  RATE_LIMITED: EXIT.FAILURE,
  REPO_NOT_FOUND: EXIT.FAILURE,
  GIT: EXIT.FAILURE,
  INTERNAL: EXIT.INTERNAL,
};

export function exitCodeFor(code: ErrorCode): number {
  return BY_CODE[code];
}
