import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { GitRunner, WatercoolerError, redact, registerSecret } from '../../core/index.js';
import { type PackageFiles, writeRepository } from './files.js';
import { type CreatedRepo, createRepository, whoAmI } from './github.js';
import { MERGE_DRIVER, type Where, nextStepsText } from './next-steps.js';
import {
  type Answers,
  checkActionRef,
  checkBall,
  checkDirectory,
  checkGitHubRepo,
  normalizeRemoteUrl,
} from './options.js';

/**
 * `scaffold(options)`: makes a ready threads repository, pure of prompts and of the process (the
 * bin reads argv, env and the terminal, and passes everything here). The repository is built in
 * a temporary folder beside the target (same file system), committed, pushed when asked, and only
 * then renamed into place, so a failure at any step leaves no half-made folder behind.
 */
export interface ScaffoldOptions {
  answers: Answers;
  cwd: string;
  pkg: PackageFiles;
  /** The environment git runs with (PATH, HOME, SSH agent, WATERCOOLER_GIT_AUTHOR/EMAIL). */
  env: Record<string, string | undefined>;
  /** For `--github`, and for pushing to an HTTPS remote. Never printed. */
  token?: string;
  githubApiUrl?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  progress?: (line: string) => void;
}

export interface ScaffoldResult {
  dir: string;
  commit: string;
  files: string[];
  /** The remote the first commit was pushed to, or null. */
  remote: string | null;
  created: CreatedRepo | null;
  /** True when git had no identity and the commit used create-watercooler's. */
  defaultAuthor: boolean;
  nextSteps: string;
}

const PUSH_TIMEOUT_MS = 120_000;
const DEFAULT_API = 'https://api.github.com';

function checkTarget(target: string, force: boolean): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory())
    throw new WatercoolerError('INVALID_INPUT', `${target} exists and is not a folder.`, {
      hint: 'Choose another name.',
    });
  if (readdirSync(target).length > 0 && !force)
    throw new WatercoolerError('INVALID_INPUT', `The folder ${target} is not empty.`, {
      hint: 'Choose a new folder, or pass --force to replace what is in it.',
    });
}

/** Moves the built repository into place; an existing (empty or forced) folder keeps its inode. */
function moveIntoPlace(temp: string, target: string, parent: string): void {
  if (!existsSync(target)) {
    renameSync(temp, target);
    return;
  }
  // The target may be the user's current folder: replace its contents, not the folder itself.
  const old = mkdtempSync(join(parent, `.${basename(target)}.replaced-`));
  const movedOut: string[] = [];
  const movedIn: string[] = [];
  try {
    for (const name of readdirSync(target)) {
      renameSync(join(target, name), join(old, name));
      movedOut.push(name);
    }
    for (const name of readdirSync(temp)) {
      renameSync(join(temp, name), join(target, name));
      movedIn.push(name);
    }
  } catch (err) {
    for (const name of movedIn) renameSync(join(target, name), join(temp, name));
    for (const name of movedOut) renameSync(join(old, name), join(target, name));
    rmSync(old, { recursive: true, force: true });
    throw err;
  }
  rmSync(old, { recursive: true, force: true });
  rmSync(temp, { recursive: true, force: true });
}

async function gitIdentity(git: GitRunner, env: ScaffoldOptions['env']) {
  const get = async (key: string) =>
    (await git.run(['config', '--get', key], { allowFailure: true })).stdout.trim();
  const name = env.WATERCOOLER_GIT_AUTHOR?.trim() || (await get('user.name'));
  const email = env.WATERCOOLER_GIT_EMAIL?.trim() || (await get('user.email'));
  const fallback = name === '' || email === '';
  return {
    fallback,
    env: {
      GIT_AUTHOR_NAME: name || 'create-watercooler',
      GIT_AUTHOR_EMAIL: email || 'create-watercooler@localhost',
      GIT_COMMITTER_NAME: name || 'create-watercooler',
      GIT_COMMITTER_EMAIL: email || 'create-watercooler@localhost',
    },
  };
}

/** The clone URL GitHub will give the new repository (github.com, or an Enterprise host). */
function cloneUrlOf(g: { owner: string; name: string; apiUrl: string }): string {
  const api = g.apiUrl.replace(/\/+$/, '');
  const web = api === DEFAULT_API ? 'https://github.com' : api.replace(/\/api\/v3$/, '');
  return `${web}/${g.owner}/${g.name}.git`;
}

/** A remote must be empty: the new repository's first commit starts its history. */
async function checkRemoteEmpty(url: string, o: ScaffoldOptions): Promise<void> {
  const git = new GitRunner({ env: o.env, token: /^https?:/i.test(url) ? o.token : undefined });
  const r = await git
    .run(['ls-remote', '--heads', url], { timeoutMs: PUSH_TIMEOUT_MS })
    .catch((err: WatercoolerError) => {
      // The git runner's hints speak of the store's outbox; here nothing was written yet.
      throw new WatercoolerError(err.code, err.message, {
        hint: 'Check the URL, that the repository exists (create an empty one first) and that your credentials reach it. Nothing was created.',
        cause: err,
      });
    });
  if (r.stdout.trim() !== '')
    throw new WatercoolerError('INVALID_INPUT', `The remote ${url} already has branches.`, {
      hint: 'Point --remote at an empty repository (create-watercooler starts a new history).',
    });
}

interface GitHubTarget {
  owner: string;
  name: string;
  login: string;
  apiUrl: string;
}

/** The remote is reachable and empty, or the token may create the GitHub repository. */
async function checkDestination(
  a: ScaffoldOptions['answers'],
  o: ScaffoldOptions,
  log: (line: string) => void,
): Promise<{ remoteUrl: string | null; github: GitHubTarget | null }> {
  if (a.remote.kind === 'git') {
    const remoteUrl = normalizeRemoteUrl(a.remote.url, o.cwd);
    log(`Checking ${redact(remoteUrl)}…`);
    await checkRemoteEmpty(remoteUrl, o);
    return { remoteUrl, github: null };
  }
  if (a.remote.kind !== 'github') return { remoteUrl: null, github: null };
  const repo = checkGitHubRepo(a.remote.repo);
  if (o.token === undefined || o.token === '')
    throw new WatercoolerError('AUTH', '--github needs a token to create the repository.', {
      hint: 'Set WATERCOOLER_GITHUB_TOKEN (or GITHUB_TOKEN) to a token that may create repositories (Administration: write, Contents: write).',
    });
  const apiUrl = o.githubApiUrl ?? DEFAULT_API;
  const login = await whoAmI({
    ...repo,
    visibility: a.remote.visibility,
    token: o.token,
    apiUrl,
    fetch: o.fetch,
  });
  return { remoteUrl: null, github: { ...repo, login, apiUrl } };
}

/** `git init` and the first commit of the written files, in the temporary folder. */
async function firstCommit(temp: string, o: ScaffoldOptions) {
  await new GitRunner({ env: o.env }).run(['init', '--quiet', '-b', 'main', temp]);
  const git = new GitRunner({
    env: { ...o.env, GIT_WORK_TREE: temp },
    gitDir: join(temp, '.git'),
    token: o.token,
  });
  const who = await gitIdentity(git, o.env);
  // This clone merges threads with the driver .gitattributes names; other clones run the line
  // the next steps print.
  await git.run(['config', 'merge.watercooler.driver', MERGE_DRIVER]);
  await git.run(['add', '--all']);
  await git.run(
    [
      'commit',
      '--quiet',
      '-m',
      'Start a Watercooler threads repository',
      '-m',
      'Created by create-watercooler.',
    ],
    { env: who.env },
  );
  const commit = (await git.run(['rev-parse', 'HEAD'])).stdout.trim();
  return { git, who, commit };
}

/** Pushes the first commit; a push that fails after the GitHub repository was made says so. */
async function pushFirst(git: GitRunner, remoteUrl: string, created: CreatedRepo | null) {
  await git.run(['remote', 'add', 'origin', remoteUrl]);
  try {
    await git.run(['push', '--quiet', '-u', 'origin', 'main'], { timeoutMs: PUSH_TIMEOUT_MS });
  } catch (err) {
    if (created === null) throw err;
    const e = err as WatercoolerError;
    throw new WatercoolerError(
      e.code ?? 'GIT',
      `Created the GitHub repository ${created.fullName} (${created.private ? 'private' : 'public'}, empty), but the push failed: ${e.message}`,
      {
        hint: `Nothing was left on disk. Delete it at ${created.htmlUrl}/settings, or run again with --remote ${created.cloneUrl} to push into it.`,
        cause: err,
      },
    );
  }
}

export async function scaffold(o: ScaffoldOptions): Promise<ScaffoldResult> {
  const a = o.answers;
  const log = o.progress ?? (() => undefined);
  const dirProblem = checkDirectory(a.directory);
  if (dirProblem !== null)
    throw new WatercoolerError('INVALID_INPUT', dirProblem, {
      hint: 'Choose another folder name.',
    });
  const ball = checkBall(a.ball);
  if (a.actionRef !== undefined) checkActionRef(a.actionRef);
  const target = resolve(o.cwd, a.directory);
  const name = basename(target);
  checkTarget(target, a.force);
  registerSecret(o.token);

  // Everything that can be checked without making anything is checked first.
  const checked = await checkDestination(a, o, log);
  let remoteUrl = checked.remoteUrl;
  const github = checked.github;

  const parent = dirname(target);
  const madeParent = existsSync(parent) ? null : mkdirSync(parent, { recursive: true });
  const temp = mkdtempSync(join(parent, `.${name}.creating-`));
  let created: CreatedRepo | null = null;
  try {
    log('Writing the files…');
    const finalRemote = (url: string | null): Where => ({
      remote: url,
      threadsDir: '/path/to/your/clone/threads',
    });
    const readmeRemote = remoteUrl ?? (github === null ? null : cloneUrlOf(github));
    const files = await writeRepository(temp, o.pkg, {
      name,
      agents: a.agents,
      ball,
      ...(a.actionRef === undefined ? {} : { actionRef: a.actionRef }),
      where: finalRemote(readmeRemote),
      now: (o.now ?? (() => new Date()))(),
    });

    log('Making the first commit…');
    const { git, who, commit } = await firstCommit(temp, o);

    if (github !== null) {
      log(`Creating ${github.owner}/${github.name} on GitHub…`);
      created = await createRepository(
        {
          owner: github.owner,
          name: github.name,
          visibility: a.remote.kind === 'github' ? a.remote.visibility : 'private',
          token: o.token ?? '',
          apiUrl: github.apiUrl,
          fetch: o.fetch,
        },
        github.login,
      );
      remoteUrl = created.cloneUrl;
    }
    if (remoteUrl !== null) {
      log(`Pushing to ${redact(remoteUrl)}…`);
      await pushFirst(git, remoteUrl, created);
    }

    moveIntoPlace(temp, target, parent);
    const where: Where = { remote: remoteUrl, threadsDir: join(target, 'threads') };
    return {
      dir: target,
      commit,
      files,
      remote: remoteUrl,
      created,
      defaultAuthor: who.fallback,
      nextSteps: nextStepsText(where),
    };
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    if (madeParent !== null && madeParent !== undefined)
      rmSync(madeParent, { recursive: true, force: true });
    throw err;
  }
}
