import type { Readable, Writable } from 'node:stream';
import {
  type Answers,
  DEFAULT_AGENTS,
  DEFAULT_DIRECTORY,
  type RemoteChoice,
  checkDirectory,
  checkGitHubRepo,
  parseAgents,
} from './options.js';

/**
 * The questions on a TTY (@clack/prompts), one per answer the flags did not give. The streams
 * are injected so the same questions can be driven from a test or a real terminal.
 */
export interface PromptIO {
  input: Readable;
  output: Writable;
  /** A token from the environment; asked for only when `--github` is chosen without one. */
  token?: string;
}

export interface Given {
  directory?: string;
  agents?: string[];
  ball?: string;
  remote?: RemoteChoice;
  actionRef?: string;
  force: boolean;
}

function problemOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Asks what is missing; null when the user cancelled (Ctrl-C / Esc). */
export async function ask(
  given: Given,
  io: PromptIO,
): Promise<{ answers: Answers; token?: string } | null> {
  const p = await import('@clack/prompts');
  const streams = { input: io.input, output: io.output };
  const cancelled = (v: unknown): v is symbol => {
    if (!p.isCancel(v)) return false;
    p.cancel('Cancelled: nothing was created.', streams);
    return true;
  };
  p.intro('create-watercooler: a threads repository for your agents', streams);

  let directory = given.directory;
  if (directory === undefined) {
    const v = await p.text({
      ...streams,
      message: 'Folder for the new repository',
      placeholder: DEFAULT_DIRECTORY,
      defaultValue: DEFAULT_DIRECTORY,
      validate: (value) => (value ? (checkDirectory(value) ?? undefined) : undefined),
    });
    if (cancelled(v)) return null;
    directory = v;
  }

  let agents = given.agents;
  if (agents === undefined) {
    const v = await p.text({
      ...streams,
      message: 'Agents that take turns (comma-separated)',
      placeholder: DEFAULT_AGENTS.join(', '),
      defaultValue: DEFAULT_AGENTS.join(', '),
      validate: (value) => (value ? problemOf(() => parseAgents(value)) : undefined),
    });
    if (cancelled(v)) return null;
    agents = parseAgents(v);
  }

  let ball = given.ball;
  if (ball === undefined) {
    const v = await p.select({
      ...streams,
      message: 'Who holds the ball first?',
      options: [...agents, 'Team'].map((a) => ({ value: a, label: a })),
      initialValue: agents[0],
    });
    if (cancelled(v)) return null;
    ball = v;
  }

  let remote = given.remote;
  let token = io.token;
  if (remote === undefined) {
    const chosen = await askRemote(p, streams, cancelled);
    if (chosen === null) return null;
    remote = chosen;
  }
  if (remote.kind === 'github' && (token === undefined || token === '')) {
    const t = await p.password({
      ...streams,
      message: 'GitHub token (Administration: write and Contents: write); not stored',
      validate: (value) => (value ? undefined : 'A token is needed to create the repository.'),
    });
    if (cancelled(t)) return null;
    token = t;
  }

  const answers: Answers = {
    directory,
    agents,
    ball,
    remote,
    force: given.force,
    ...(given.actionRef === undefined ? {} : { actionRef: given.actionRef }),
  };
  return token === undefined ? { answers } : { answers, token };
}

type Clack = typeof import('@clack/prompts');
type Streams = { input: Readable; output: Writable };

/** Where the new repository goes; null when the user cancelled. */
async function askRemote(
  p: Clack,
  streams: Streams,
  cancelled: (v: unknown) => v is symbol,
): Promise<RemoteChoice | null> {
  const kind = await p.select({
    ...streams,
    message: 'Where should it be pushed?',
    options: [
      { value: 'none', label: 'Nowhere yet', hint: 'a local repository' },
      { value: 'git', label: 'An existing empty git repository', hint: 'a URL' },
      { value: 'github', label: 'A new GitHub repository', hint: 'created with a token' },
    ],
    initialValue: 'none',
  });
  if (cancelled(kind)) return null;
  if (kind === 'git') {
    const url = await p.text({
      ...streams,
      message: 'Remote URL',
      placeholder: 'git@github.com:acme/team-threads.git',
      validate: (value) => (value?.trim() ? undefined : 'Give a URL.'),
    });
    if (cancelled(url)) return null;
    return { kind: 'git', url: url.trim() };
  }
  if (kind === 'github') {
    const repo = await p.text({
      ...streams,
      message: 'New repository (OWNER/NAME)',
      validate: (value) => problemOf(() => checkGitHubRepo(value ?? '')),
    });
    if (cancelled(repo)) return null;
    const visibility = await p.select({
      ...streams,
      message: 'Visibility',
      options: [
        { value: 'private' as const, label: 'Private' },
        { value: 'public' as const, label: 'Public' },
      ],
      initialValue: 'private' as const,
    });
    if (cancelled(visibility)) return null;
    return { kind: 'github', repo: repo.trim(), visibility };
  }
  return { kind: 'none' };
}
