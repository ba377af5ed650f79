import { basename, isAbsolute, resolve } from 'node:path';
import { WatercoolerError, splitAgent } from '../../core/index.js';

/** Where the first commit goes, besides the new folder. */
export type RemoteChoice =
  | { kind: 'none' }
  | { kind: 'git'; url: string }
  | { kind: 'github'; repo: string; visibility: 'private' | 'public' };

/** Every answer the scaffolder needs: the flags and the prompts both produce this. */
export interface Answers {
  /** The new folder, as the user typed it. */
  directory: string;
  agents: string[];
  /** Who holds the ball first (the welcome thread, and `defaultBall`). */
  ball: string;
  remote: RemoteChoice;
  /** `OWNER/REPO/action@vN`: use a published copy of the Action instead of vendoring it. */
  actionRef?: string;
  force: boolean;
}

export const DEFAULT_DIRECTORY = 'team-threads';
export const DEFAULT_AGENTS = ['Claude Code', 'Codex'];

const NAME = /^[A-Za-z0-9._-]{1,100}$/;
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const ACTION_REF = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._/-]+)?@[A-Za-z0-9._/-]+$/;

/** The folder's last segment must also work as a repository name (GitHub's rules). */
export function checkDirectory(directory: string): string | null {
  const name = basename(resolve(directory));
  if (directory.trim() === '') return 'The folder name is empty.';
  if (!NAME.test(name) || name.startsWith('.'))
    return `"${name}" is not a usable repository name: use letters, digits, ".", "_" and "-", not starting with ".".`;
  return null;
}

/**
 * Agent names as the thread format allows them: `Name` or `Name (user)` — one line, no other
 * parentheses, no commas here. Naming the user ties a role to a person (`Codex (bob)`).
 */
export function parseAgents(text: string): string[] {
  const agents = text
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (agents.length === 0) {
    throw new WatercoolerError('INVALID_INPUT', 'No agents given.', {
      hint: 'Pass --agents "Claude Code,Codex" (comma-separated).',
    });
  }
  for (const agent of agents) {
    if (/[()\r\n]/.test(agent.replace(/\s*\([^()\r\n]+\)$/, '')) || agent.length > 60) {
      throw new WatercoolerError('INVALID_INPUT', `"${agent}" is not a usable agent name.`, {
        hint: 'Write an agent as "Name" or "Name (user)", e.g. "Claude Code (alice)".',
      });
    }
  }
  const seen = new Set<string>();
  for (const agent of agents) {
    if (seen.has(agent.toLowerCase()))
      throw new WatercoolerError('INVALID_INPUT', `Agent "${agent}" is listed twice.`);
    seen.add(agent.toLowerCase());
  }
  return agents;
}

export function checkBall(ball: string): string {
  const b = ball.trim();
  if (b === '' || /[\r\n]/.test(b) || /[()]/.test(b.replace(/\s*\([^()]+\)\s*$/, ''))) {
    throw new WatercoolerError('INVALID_INPUT', `"${ball}" is not a usable agent for the ball.`, {
      hint: 'Write it as "Name" or "Name (user)".',
    });
  }
  return b;
}

/** `OWNER/NAME` for `--github`. */
export function checkGitHubRepo(repo: string): { owner: string; name: string } {
  const [owner = '', name = '', ...rest] = repo.split('/');
  if (rest.length > 0 || !OWNER.test(owner) || !NAME.test(name) || name.startsWith('.')) {
    throw new WatercoolerError('INVALID_INPUT', `"${repo}" is not OWNER/NAME.`, {
      hint: 'Pass --github acme/team-threads (a user or an organization, then the new repository name).',
    });
  }
  return { owner, name: name.replace(/\.git$/, '') };
}

export function checkActionRef(ref: string): string {
  if (!ACTION_REF.test(ref)) {
    throw new WatercoolerError('INVALID_INPUT', `"${ref}" is not an Action reference.`, {
      hint: 'Pass --action-ref OWNER/REPO/action@v1 (or OWNER/REPO@v1).',
    });
  }
  return ref;
}

/** A local path given as a remote is made absolute, so the new repository finds it from anywhere. */
export function normalizeRemoteUrl(url: string, cwd: string): string {
  const u = url.trim();
  if (u === '')
    throw new WatercoolerError('INVALID_INPUT', 'The remote URL is empty.', {
      hint: 'Pass --remote with a git URL or the path of a bare repository.',
    });
  // The URL lands in the new repository's .git/config and README: no token or password in it.
  if (
    /^(https?|ftps?):\/\/[^/?#]*@/i.test(u) ||
    /^[a-z][a-z0-9+.-]*:\/\/[^/?#@]*:[^/?#@]*@/i.test(u)
  )
    throw new WatercoolerError('INVALID_INPUT', 'The remote URL carries a user name or token.', {
      hint: 'Remove the part before "@": a token goes in WATERCOOLER_GITHUB_TOKEN (or GITHUB_TOKEN), and git\'s credential helper supplies the rest.',
    });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(u) || /^[^/\\]+@[^/\\:]+:/.test(u)) return u;
  return isAbsolute(u) ? u : resolve(cwd, u);
}

/** Counterparts from the agent list: two agents pass to each other, more pass round in order. */
export function registryFor(agents: string[]): {
  canonical: Record<string, string>;
  counterpart: Record<string, string>;
} {
  const canonical: Record<string, string> = {};
  const counterpart: Record<string, string> = {};
  agents.forEach((agent, i) => {
    const { base } = splitAgent(agent);
    canonical[base.toLowerCase()] = base;
    if (agents.length > 1) counterpart[agent] = agents[(i + 1) % agents.length] as string;
  });
  return { canonical, counterpart };
}
