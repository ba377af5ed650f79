import { WatercoolerError } from '../errors.js';

/** The parts of an Octokit RequestError we read (it is duck-typed: any thrown value may come here). */
interface HttpFailure {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

export type GitHubAction = 'read' | 'write' | 'list' | 'create';

export function statusOf(err: unknown): number | undefined {
  const status = (err as HttpFailure | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function headerOf(err: unknown, name: string): string | undefined {
  const value = (err as HttpFailure | null)?.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

/** GitHub's own `message` from the response body, else the error's message. */
export function githubMessage(err: unknown): string {
  const data = (err as HttpFailure | null)?.response?.data;
  if (
    data !== null &&
    typeof data === 'object' &&
    typeof (data as { message?: unknown }).message === 'string'
  ) {
    return (data as { message: string }).message;
  }
  return err instanceof Error ? err.message : String(err);
}

/** True when a 403/429 is a rate limit (primary: remaining 0; secondary: GitHub's wording or retry-after). */
function isRateLimit(err: unknown): 'primary' | 'secondary' | null {
  const status = statusOf(err);
  if (status !== 403 && status !== 429) return null;
  if (
    /secondary rate limit/i.test(githubMessage(err)) ||
    headerOf(err, 'retry-after') !== undefined
  )
    return 'secondary';
  if (headerOf(err, 'x-ratelimit-remaining') === '0') return 'primary';
  return status === 429 ? 'secondary' : null;
}

/** "14:05:09 UTC (in 12 min)" for an epoch-seconds reset time. */
function describeReset(resetEpochSeconds: number, now = Date.now()): string {
  const at = new Date(resetEpochSeconds * 1000);
  const minutes = Math.max(0, Math.ceil((at.getTime() - now) / 60_000));
  return `${at.toISOString().slice(11, 19)} UTC (in ${minutes} min)`;
}

/**
 * Turns an HTTP failure into an error a user can act on: which permission is missing, when the
 * rate limit resets, whether anything was written. `repo` is OWNER/REPO; the token never appears.
 */
export function toWatercoolerError(
  err: unknown,
  repo: string,
  action: GitHubAction,
  baseUrl: string,
  /** The failure happened on the way to a write (its read, its PUT): say that nothing landed. */
  writing = action === 'write' || action === 'create',
): WatercoolerError {
  if (err instanceof WatercoolerError) return err;
  // Octokit turns a request that got no answer (DNS, refused, reset) into a 500 without a response.
  const answered = (err as HttpFailure | null)?.response !== undefined;
  const status = statusOf(err) === 500 && !answered ? undefined : statusOf(err);
  const nothing = writing ? ' Nothing was written; the command is safe to repeat.' : '';
  const tokenHint = `Create a token with Contents: read and write on ${repo} (fine-grained) or the repo scope (classic), and set WATERCOOLER_GITHUB_TOKEN.`;
  const limit = isRateLimit(err);
  if (limit !== null) return rateLimitError(err, limit, nothing);
  switch (status) {
    case 401:
      return new WatercoolerError(
        'AUTH',
        `GitHub rejected the token (401 ${githubMessage(err)}): it is invalid, expired or revoked.`,
        {
          hint: tokenHint,
          cause: err,
        },
      );
    case 403:
      return forbiddenError(err, repo, action, `${tokenHint}${nothing}`);
    case 404:
      if (action === 'write') {
        // GitHub answers 404, not 403, to a classic token that may read a repository but not push to it.
        return new WatercoolerError(
          'PERMISSION',
          `GitHub refused the write to ${repo} with 404: the token may read it but cannot push to it (classic tokens need the repo scope and push access).`,
          {
            hint: `${tokenHint}${nothing}`,
            cause: err,
          },
        );
      }
      return new WatercoolerError(
        'REPO_NOT_FOUND',
        `Repository ${repo} not found at ${baseUrl}, or the token cannot see it.`,
        {
          hint: 'Check OWNER/REPO; a private repository needs a token that has been given access to it.',
          cause: err,
        },
      );
    case undefined:
      return new WatercoolerError(
        'UNREACHABLE',
        `Could not reach the GitHub API at ${baseUrl}: ${err instanceof Error ? err.message : String(err)}.`,
        {
          hint: `Check the network and WATERCOOLER_GITHUB_API_URL.${nothing}`,
          cause: err,
        },
      );
    default:
      if (status >= 500) {
        return new WatercoolerError(
          'UNREACHABLE',
          `GitHub answered ${status} (${githubMessage(err)}) after retries.`,
          {
            hint: `GitHub may be having trouble; try again shortly.${nothing}`,
            cause: err,
          },
        );
      }
      return new WatercoolerError('INTERNAL', `GitHub answered ${status}: ${githubMessage(err)}.`, {
        hint: nothing.trim() || undefined,
        cause: err,
      });
  }
}

function rateLimitError(
  err: unknown,
  limit: 'primary' | 'secondary',
  nothing: string,
): WatercoolerError {
  if (limit === 'primary') {
    const reset = Number(headerOf(err, 'x-ratelimit-reset'));
    const max = headerOf(err, 'x-ratelimit-limit');
    const when =
      Number.isFinite(reset) && reset > 0 ? `; it resets at ${describeReset(reset)}` : '';
    return new WatercoolerError(
      'RATE_LIMITED',
      `The GitHub API rate limit for this token is spent (${max ?? '?'} requests per hour)${when}.`,
      {
        hint: `Wait until the reset, or use another token.${nothing}`,
        cause: err,
      },
    );
  }
  const after = headerOf(err, 'retry-after');
  return new WatercoolerError(
    'RATE_LIMITED',
    `GitHub's secondary rate limit stopped the request${after === undefined ? '' : ` (it asks to wait ${after} s)`}.`,
    {
      hint: `Wait a minute and try again; too many agents may be writing at once.${nothing}`,
      cause: err,
    },
  );
}

/** 403: which permission the token lacks for what was tried. */
function forbiddenError(
  err: unknown,
  repo: string,
  action: GitHubAction,
  hint: string,
): WatercoolerError {
  const wanted = headerOf(err, 'x-accepted-github-permissions');
  const needs = wanted === undefined ? '' : ` (GitHub says the request needs ${wanted})`;
  const what =
    action === 'write'
      ? `The token may read ${repo} but not write to it: it lacks Contents: read and write (fine-grained) or the repo scope (classic)${needs}.`
      : action === 'create'
        ? `The token may not create repositories${needs}: it needs Administration: read and write (fine-grained) or the repo scope (classic).`
        : `The token may not read ${repo}: it lacks Contents: read${needs}.`;
  return new WatercoolerError('PERMISSION', `${what} GitHub said: ${githubMessage(err)}`, {
    hint,
    cause: err,
  });
}
