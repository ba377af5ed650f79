import { WatercoolerError } from '../errors.js';

/** A GitHub repository as the stores and the hub name it: OWNER/REPO and, optionally, a branch. */
export interface RepoSpec {
  owner: string;
  repo: string;
  /** null: the repository's default branch. */
  branch: string | null;
}

/** OWNER/REPO[@BRANCH] → its parts; anything else is a usage error. */
export function parseRepoSpec(spec: string): RepoSpec {
  const m =
    /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+?)(?:\.git)?(?:@(.+))?$/.exec(
      spec.trim(),
    );
  if (!m || m[2] === '.' || m[2] === '..') {
    throw new WatercoolerError('CONFIG', `"${spec}" is not a GitHub repository.`, {
      hint: 'Write it as OWNER/REPO or OWNER/REPO@BRANCH (for example acme/team-threads@main).',
    });
  }
  return { owner: m[1] ?? '', repo: m[2] ?? '', branch: m[3] ?? null };
}
