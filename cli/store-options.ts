import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  type AgentRegistry,
  canonicalAgent,
  type OpenStoreOptions,
  type ThreadStore,
  WatercoolerError,
  findConfigRoot,
  gitHubFileCache,
  mergeRegistry,
  openStore,
  parseAgentsFile,
  readConfigFile,
  registerSecret,
} from '../core/index.js';
import type { CliIO } from './io.js';

/** The store and identity flags every command takes (the Python tool's names where it had them). */
export interface StoreFlags {
  threadsDir?: string;
  git?: string;
  github?: string;
  cloneDir?: string;
  agentsFile?: string;
  agent?: string;
}

/** Adds the store flags to a command; their environment variables are named in the help. */
export function withStoreOptions(cmd: Command): Command {
  return cmd
    .option('--threads-dir <path>', 'threads folder (env WATERCOOLER_DIR)')
    .option(
      '--git <url>',
      'threads repository to fetch from and push to (env WATERCOOLER_GIT_REPO)',
    )
    .option(
      '--github <owner/repo[@branch]>',
      'threads repository through the GitHub API (env WATERCOOLER_GITHUB_REPO)',
    )
    .option(
      '--clone-dir <path>',
      'where the git store keeps its clone (default: the user cache folder)',
    )
    .option(
      '--agents-file <path>',
      'agent registry: counterparts and canonical names (env WATERCOOLER_AGENT_REGISTRY)',
    );
}

/** Adds `--agent` (env WATERCOOLER_AGENT) to a command that writes or compares with the ball. */
export function withAgentOption(cmd: Command): Command {
  return cmd.option(
    '--agent <name>',
    'who is writing, "Name" or "Name (user)" (env WATERCOOLER_AGENT; default Team)',
  );
}

const nonEmpty = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);

function cacheDir(env: NodeJS.ProcessEnv): string {
  return join(nonEmpty(env.XDG_CACHE_HOME) ?? join(homedir(), '.cache'), 'watercooler');
}

async function loadAgentsFile(
  path: string | undefined,
  io: CliIO,
): Promise<AgentRegistry | undefined> {
  if (path === undefined) return undefined;
  const full = resolve(io.cwd, path);
  if (!existsSync(full)) {
    throw new WatercoolerError('CONFIG', `Agents file ${full} does not exist.`, {
      hint: 'Fix --agents-file or WATERCOOLER_AGENT_REGISTRY.',
    });
  }
  const read = await parseAgentsFile(readFileSync(full, 'utf8'), full);
  if (read.error !== undefined)
    throw new WatercoolerError('CONFIG', read.error, {
      hint: 'An agents file is {"canonical": {...}, "counterpart": {...}}.',
    });
  return read.registry;
}

/**
 * Turns flags, environment and `watercooler.json` (in that order of precedence) into the
 * options of the one store factory.
 */
export async function resolveStoreOptions(flags: StoreFlags, io: CliIO): Promise<OpenStoreOptions> {
  const env = io.env;
  const registryFile = await loadAgentsFile(
    flags.agentsFile ?? nonEmpty(env.WATERCOOLER_AGENT_REGISTRY),
    io,
  );
  const user = resolveUser(io);
  const budget = Number(env.WATERCOOLER_RETRY_BUDGET_MS);
  const common = {
    context: {
      user,
      ...(registryFile === undefined ? {} : { registry: mergeRegistry(registryFile) }),
    },
    ...(Number.isFinite(budget) && budget > 0 ? { retry: { budgetMs: budget } } : {}),
    log: (line: string) => io.stderr.write(`watercooler: ${line}\n`),
  };
  const token =
    nonEmpty(env.WATERCOOLER_GITHUB_TOKEN) ?? nonEmpty(env.GITHUB_TOKEN) ?? nonEmpty(env.GH_TOKEN);
  registerSecret(token);

  const root = findConfigRoot(io.cwd);
  const file = root === null ? null : await readConfigFile(join(root, 'watercooler.json'));
  if (file !== null && file.errors.length > 0) {
    throw new WatercoolerError('CONFIG', file.errors.join('; '), { hint: 'Fix watercooler.json.' });
  }
  const config = file?.config ?? {};

  const local = (dir: string): OpenStoreOptions => ({
    kind: 'local',
    threadsDir: resolve(io.cwd, dir),
    cacheDir: cacheDir(env),
    ...common,
  });
  const git = (url: string): OpenStoreOptions => ({
    kind: 'git',
    url,
    cacheDir: cacheDir(env),
    ...(flags.cloneDir === undefined ? {} : { cloneDir: resolve(io.cwd, flags.cloneDir) }),
    ...(token === undefined ? {} : { token }),
    ...(nonEmpty(env.WATERCOOLER_GIT_AUTHOR) === undefined
      ? {}
      : { authorName: env.WATERCOOLER_GIT_AUTHOR }),
    ...(nonEmpty(env.WATERCOOLER_GIT_EMAIL) === undefined
      ? {}
      : { authorEmail: env.WATERCOOLER_GIT_EMAIL }),
    ...(config.freshnessMs === undefined ? {} : { freshnessMs: config.freshnessMs }),
    env,
    ...common,
  });
  const github = (repo: string): OpenStoreOptions => {
    if (token === undefined) {
      throw new WatercoolerError('AUTH', 'The GitHub store needs a token.', {
        hint: 'Set WATERCOOLER_GITHUB_TOKEN (or GITHUB_TOKEN) to a token with contents: write on the repository.',
      });
    }
    const baseUrl = nonEmpty(env.WATERCOOLER_GITHUB_API_URL);
    const where = { repo, ...(baseUrl === undefined ? {} : { baseUrl }), ...common };
    return { kind: 'github', token, cache: gitHubFileCache(cacheDir(env), where), ...where };
  };

  const given = [flags.threadsDir, flags.git, flags.github].filter((v) => v !== undefined);
  if (given.length > 1) {
    throw new WatercoolerError('INVALID_INPUT', 'Give one of --threads-dir, --git and --github.', {
      hint: 'They name different stores.',
    });
  }
  if (flags.github !== undefined) return github(flags.github);
  if (flags.git !== undefined) return git(flags.git);
  if (flags.threadsDir !== undefined) return local(flags.threadsDir);
  if (nonEmpty(env.WATERCOOLER_GITHUB_REPO) !== undefined)
    return github(env.WATERCOOLER_GITHUB_REPO as string);
  if (nonEmpty(env.WATERCOOLER_GIT_REPO) !== undefined)
    return git(env.WATERCOOLER_GIT_REPO as string);
  if (nonEmpty(env.WATERCOOLER_DIR) !== undefined) return local(env.WATERCOOLER_DIR as string);
  if (config.github !== undefined) return github(config.github);
  if (config.git !== undefined) return git(config.git);
  if (root !== null) return local(join(root, config.threadsDir ?? 'threads'));
  // The Python tool's default folder, when a user runs us where it left threads.
  return local(existsSync(join(io.cwd, '.watercooler')) ? '.watercooler' : 'threads');
}

/** Opens the store the flags, environment and config name. */
export async function openStoreFromFlags(flags: StoreFlags, io: CliIO): Promise<ThreadStore> {
  return openStore(await resolveStoreOptions(flags, io));
}

let cachedUser: string | null | undefined;

/** The user tag: WATERCOOLER_USER, else git's user.name, else the login name. */
export function resolveUser(io: CliIO): string | null {
  const fromEnv = nonEmpty(io.env.WATERCOOLER_USER);
  if (fromEnv !== undefined) return fromEnv.trim();
  if (cachedUser !== undefined) return cachedUser;
  const git = spawnSync('git', ['config', '--get', 'user.name'], {
    cwd: io.cwd,
    encoding: 'utf8',
    env: io.env,
  });
  const name = git.status === 0 ? git.stdout.trim() : '';
  let login: string | null;
  try {
    login = userInfo().username;
  } catch {
    login = nonEmpty(io.env.USER) ?? null;
  }
  cachedUser = name !== '' ? name : login;
  return cachedUser;
}

/** The author of this command's writes, as given (the store canonicalizes and tags it). */
export function resolveAgent(flags: StoreFlags, io: CliIO): string {
  return nonEmpty(flags.agent) ?? nonEmpty(io.env.WATERCOOLER_AGENT) ?? 'Team';
}

/** The caller as the ball names it, `Name (user)` spelled by the store's registry. */
export function resolveMe(flags: StoreFlags, io: CliIO, registry: AgentRegistry): string {
  return canonicalAgent(resolveAgent(flags, io), registry, resolveUser(io));
}
