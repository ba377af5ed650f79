import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WatercoolerError } from '../errors.js';
import { GitError } from '../git.js';
import { redact, registerSecret } from '../redact.js';

/* The git store's remote URL: what may be stored of it, and whether a local one is there. */

/** True when git reads `url` as a path on this machine (not `scheme://` nor `host:path`). */
function isLocalPath(url: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return false;
  const colon = url.indexOf(':');
  const slash = url.indexOf('/');
  return colon === -1 || (slash !== -1 && slash < colon);
}

const SCHEME_USER = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)@/i;

/**
 * The remote as git will be given it, with nothing secret in it: git writes the URL into the
 * clone's config, and we into its marker file. A password (`user:secret@`) is refused; the user
 * part of an HTTP(S) URL (`https://TOKEN@host/…`, often a token) is dropped, with a warning that
 * does not repeat it; an SSH login name (`ssh://git@host/…`) is kept.
 */
export function normalizeRemoteUrl(url: string, warn?: (line: string) => void): string {
  const trimmed = url.trim();
  if (trimmed === '')
    throw new WatercoolerError('CONFIG', 'The git remote URL is empty.', {
      hint: 'Pass --git URL or set WATERCOOLER_GIT_REPO.',
    });
  const user = SCHEME_USER.exec(trimmed);
  if (user !== null) {
    const [prefix, scheme = '', userinfo = ''] = user;
    if (userinfo.includes(':')) {
      registerSecret(userinfo.slice(userinfo.indexOf(':') + 1));
      throw new WatercoolerError('CONFIG', 'The git remote URL carries a password or token.', {
        hint: `Remove the part before "@" from the URL and put the token in ${TOKEN_HOME}: it is handed to git without being stored.`,
      });
    }
    if (/^https?$/i.test(scheme)) {
      registerSecret(userinfo);
      warn?.(
        `warning: the user part of the git remote URL is dropped, so that it is stored nowhere. If it was a token, put it in ${TOKEN_HOME} instead.`,
      );
      return `${scheme}://${trimmed.slice(prefix.length)}`;
    }
  }
  return isLocalPath(trimmed) ? resolve(trimmed) : trimmed;
}

const TOKEN_HOME = 'WATERCOOLER_GITHUB_TOKEN (or GITHUB_TOKEN)';

/** The folder a local remote (a path or `file://`) names; null for a network URL. */
export function localRemotePath(url: string): string | null {
  if (isLocalPath(url)) return url;
  if (/^file:\/\//i.test(url)) {
    try {
      return fileURLToPath(url);
    } catch {
      return null;
    }
  }
  return null;
}

/** "No repository there": the remote does not exist (exit 1), unlike one we cannot reach (kept offline). */
export function noRepository(url: string, detail?: string): GitError {
  const path = localRemotePath(url);
  return new GitError('REPO_NOT_FOUND', `There is no git repository at ${redact(url)}.`, {
    exitCode: 128,
    stderr: detail ?? '',
    kind: 'not-found',
    hint:
      path !== null
        ? `Check the path, or create the repository first: git init --bare ${path}`
        : 'Check the URL (and that your credentials can see the repository), or create the repository first.',
  });
}

/** Refuses a local remote that is not a repository before anything is cloned for it. */
export function assertLocalRemote(url: string): void {
  const path = localRemotePath(url);
  if (path === null) return;
  // A bare repository has HEAD at its top; a working repository has .git.
  if (!existsSync(join(path, 'HEAD')) && !existsSync(join(path, '.git'))) throw noRepository(url);
}
