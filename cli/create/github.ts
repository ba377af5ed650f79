import { WatercoolerError, redact, registerSecret } from '../../core/index.js';

/**
 * Creates the GitHub repository through the REST API: `POST /user/repos` when OWNER is the
 * token's own login, `POST /orgs/{org}/repos` otherwise. Every failure says what the token lacks.
 */
export interface GitHubTarget {
  owner: string;
  name: string;
  visibility: 'private' | 'public';
  token: string;
  /** `https://api.github.com`, or GitHub Enterprise's `https://HOST/api/v3`. */
  apiUrl: string;
  fetch?: typeof fetch;
}

export interface CreatedRepo {
  fullName: string;
  cloneUrl: string;
  htmlUrl: string;
  private: boolean;
}

interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function call(
  t: GitHubTarget,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const f = t.fetch ?? fetch;
  let res: Response;
  try {
    res = await f(`${t.apiUrl.replace(/\/+$/, '')}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${t.token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'create-watercooler',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (err) {
    throw new WatercoolerError(
      'UNREACHABLE',
      `Could not reach the GitHub API at ${t.apiUrl}: ${redact((err as Error).message)}.`,
      { hint: 'Check the network, or WATERCOOLER_GITHUB_API_URL for GitHub Enterprise.' },
    );
  }
  let parsed: Record<string, unknown> = {};
  try {
    parsed = (await res.json()) as Record<string, unknown>;
  } catch {
    // An empty or non-JSON answer: the status says enough.
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

function apiFailure(what: string, a: ApiAnswer, t: GitHubTarget): WatercoolerError {
  const message = typeof a.body.message === 'string' ? a.body.message : `HTTP ${a.status}`;
  const details = Array.isArray(a.body.errors)
    ? (a.body.errors as { message?: string }[])
        .map((e) => e.message)
        .filter(Boolean)
        .join('; ')
    : '';
  const said = `${what} failed: ${message}${details === '' ? '' : ` (${details})`}.`;
  if (a.status === 401)
    return new WatercoolerError('AUTH', `${said}`, {
      hint: 'The token was rejected: check WATERCOOLER_GITHUB_TOKEN / GITHUB_TOKEN.',
    });
  if (a.status === 403) {
    const accepted = a.headers.get('x-accepted-github-permissions');
    return new WatercoolerError('PERMISSION', said, {
      hint: `The token may not create repositories for ${t.owner}: it needs Administration: write${accepted ? ` (GitHub accepts ${accepted})` : ''}, or the classic "repo" scope, and membership of the organization.`,
    });
  }
  if (a.status === 404)
    return new WatercoolerError('REPO_NOT_FOUND', said, {
      hint: `No user or organization "${t.owner}" that this token can create repositories in.`,
    });
  if (a.status === 422)
    return new WatercoolerError('INVALID_INPUT', said, {
      hint: 'Choose another name, or push into an existing empty repository with --remote URL.',
    });
  return new WatercoolerError('GIT', said, { hint: 'Try again in a moment.' });
}

/** Checks the token before anything is made (a bad token fails here, with nothing created). */
export async function whoAmI(t: GitHubTarget): Promise<string> {
  registerSecret(t.token);
  const me = await call(t, 'GET', '/user');
  if (me.status !== 200 || typeof me.body.login !== 'string')
    throw apiFailure('Reading the token’s user (GET /user)', me, t);
  return me.body.login;
}

export async function createRepository(t: GitHubTarget, login: string): Promise<CreatedRepo> {
  const mine = login.toLowerCase() === t.owner.toLowerCase();
  const path = mine ? '/user/repos' : `/orgs/${encodeURIComponent(t.owner)}/repos`;
  const made = await call(t, 'POST', path, {
    name: t.name,
    private: t.visibility === 'private',
    visibility: t.visibility,
    description: 'Watercooler threads: conversations between coding agents and their humans.',
    auto_init: false,
    has_wiki: false,
  });
  if (made.status !== 201)
    throw apiFailure(`Creating ${t.owner}/${t.name} (POST ${path})`, made, t);
  const b = made.body;
  return {
    fullName: typeof b.full_name === 'string' ? b.full_name : `${t.owner}/${t.name}`,
    cloneUrl: String(b.clone_url),
    htmlUrl: String(b.html_url),
    private: b.private === true,
  };
}
