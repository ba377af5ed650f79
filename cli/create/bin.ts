#!/usr/bin/env node
/**
 * The `create-watercooler` bin: flags (every answer), questions on a TTY for the rest, then
 * `scaffold()`. Exit codes: 0 created, 1 a step failed (nothing left behind), 2 usage or a
 * refused input (bad name, non-empty folder), 70 internal error.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { WatercoolerError, redact, registerSecret } from '../../core/index.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { CREATE_SPEC } from '../version.js';
import type { PackageFiles } from './files.js';
import {
  type Answers,
  DEFAULT_AGENTS,
  DEFAULT_DIRECTORY,
  type RemoteChoice,
  checkActionRef,
  checkGitHubRepo,
  parseAgents,
} from './options.js';
import { type Given, ask } from './prompts.js';
import { scaffold } from './scaffold.js';

interface Flags {
  yes?: boolean;
  agents?: string;
  ball?: string;
  remote?: string;
  github?: string;
  public?: boolean;
  actionRef?: string;
  force?: boolean;
  json?: boolean;
}

const env = process.env;
const nonEmpty = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);

/** The installed package (the bundle lives in its dist/): its template/ and the built Action. */
function packageFiles(): PackageFiles {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'template')) && existsSync(join(dir, 'package.json'))) {
      return {
        templateDir: join(dir, 'template'),
        actionYml: join(dir, 'action', 'action.yml'),
        actionScript: join(dir, 'action', 'dist', 'index.mjs'),
      };
    }
    if (dirname(dir) === dir)
      throw new WatercoolerError('INTERNAL', 'The watercooler package has no template/ folder.', {
        hint: 'Reinstall it: npm install watercooler.',
      });
  }
}

function usage(message: string, hint?: string): WatercoolerError {
  return new WatercoolerError('INVALID_INPUT', message, hint === undefined ? {} : { hint });
}

function given(directory: string | undefined, f: Flags): Given {
  if (f.remote !== undefined && f.github !== undefined)
    throw usage('Give --remote or --github, not both.');
  if (f.public === true && f.github === undefined)
    throw usage('--public only applies with --github.');
  let remote: RemoteChoice | undefined;
  if (f.remote !== undefined) remote = { kind: 'git', url: f.remote };
  if (f.github !== undefined) {
    checkGitHubRepo(f.github);
    remote = { kind: 'github', repo: f.github, visibility: f.public ? 'public' : 'private' };
  }
  if (f.actionRef !== undefined) checkActionRef(f.actionRef);
  return {
    force: f.force === true,
    ...(directory === undefined ? {} : { directory }),
    ...(f.agents === undefined ? {} : { agents: parseAgents(f.agents) }),
    ...(f.ball === undefined ? {} : { ball: f.ball }),
    ...(remote === undefined ? {} : { remote }),
    ...(f.actionRef === undefined ? {} : { actionRef: f.actionRef }),
  };
}

function defaults(g: Given, yes: boolean): Answers {
  if (g.directory === undefined && !yes)
    throw usage(
      'No folder given.',
      `Run create-watercooler <folder>, or --yes for ./${DEFAULT_DIRECTORY}.`,
    );
  const agents = g.agents ?? DEFAULT_AGENTS;
  return {
    directory: g.directory ?? DEFAULT_DIRECTORY,
    agents,
    ball: g.ball ?? (agents[0] as string),
    remote: g.remote ?? { kind: 'none' },
    force: g.force,
    ...(g.actionRef === undefined ? {} : { actionRef: g.actionRef }),
  };
}

async function main(directory: string | undefined, f: Flags): Promise<void> {
  let token =
    nonEmpty(env.WATERCOOLER_GITHUB_TOKEN) ?? nonEmpty(env.GITHUB_TOKEN) ?? nonEmpty(env.GH_TOKEN);
  registerSecret(token);
  const g = given(directory, f);
  const tty = process.stdin.isTTY === true && process.stdout.isTTY === true;
  let answers: Answers;
  if (tty && f.yes !== true) {
    const asked = await ask(g, {
      input: process.stdin,
      output: process.stdout,
      ...(token === undefined ? {} : { token }),
    });
    if (asked === null) {
      process.exitCode = EXIT.FAILURE;
      return;
    }
    answers = asked.answers;
    token = asked.token;
    registerSecret(token);
  } else {
    answers = defaults(g, f.yes === true);
  }
  const progress =
    process.stderr.isTTY === true ? (l: string) => process.stderr.write(`${l}\n`) : undefined;
  const apiUrl = nonEmpty(env.WATERCOOLER_GITHUB_API_URL);
  const result = await scaffold({
    answers,
    cwd: process.cwd(),
    pkg: packageFiles(),
    env,
    ...(token === undefined ? {} : { token }),
    ...(apiUrl === undefined ? {} : { githubApiUrl: apiUrl }),
    ...(progress === undefined ? {} : { progress }),
  });
  if (f.json === true) {
    process.stdout.write(`${JSON.stringify({ ...result, nextSteps: undefined }, null, 2)}\n`);
    return;
  }
  const out: string[] = [
    `Created ${result.dir} (first commit ${result.commit.slice(0, 7)} on main).`,
  ];
  if (result.created !== null)
    out.push(
      `Created the GitHub repository ${result.created.fullName} (${result.created.private ? 'private' : 'public'}): ${result.created.htmlUrl}`,
    );
  if (result.remote !== null) out.push(`Pushed to ${redact(result.remote)}.`);
  if (result.defaultAuthor)
    out.push('git has no user.name/user.email here: the commit is signed "create-watercooler".');
  if (answers.actionRef === undefined)
    out.push('The validation Action is vendored in .github/actions/validate/.');
  process.stdout.write(`${out.join('\n')}\n\n${result.nextSteps}\n`);
}

const program = new Command('create-watercooler')
  .description(
    'Create a Watercooler threads repository: config, a welcome thread, the validation workflow, a first commit.',
  )
  .argument(
    '[directory]',
    `the new folder (also the repository name; default with --yes: ${DEFAULT_DIRECTORY})`,
  )
  .option('-y, --yes', 'take the defaults for every question not answered by a flag')
  .option(
    '--agents <names>',
    `agents that take turns, comma-separated (default "${DEFAULT_AGENTS.join(',')}")`,
  )
  .option('--ball <agent>', 'who holds the ball first (default: the first agent)')
  .option('--remote <url>', 'push the first commit to this empty git repository')
  .option(
    '--github <owner/name>',
    'create this GitHub repository (token from WATERCOOLER_GITHUB_TOKEN or GITHUB_TOKEN) and push',
  )
  .option('--public', 'with --github: make it public (default private)')
  .option(
    '--action-ref <ref>',
    'use a published Action (OWNER/REPO/action@vN) instead of vendoring it',
  )
  .option('--force', 'replace the contents of a non-empty folder')
  .option('--json', 'print the result as JSON instead of the next steps')
  .addHelpText(
    'after',
    `
Examples:
  npx -y ${CREATE_SPEC} team-threads --yes
  npx -y ${CREATE_SPEC} team-threads --yes --remote git@github.com:acme/team-threads.git
  GITHUB_TOKEN=… npx -y ${CREATE_SPEC} team-threads --yes --github acme/team-threads
  npx -y ${CREATE_SPEC} team-threads --agents "Claude Code,Codex,Cursor" --ball Codex

Environment: WATERCOOLER_GITHUB_TOKEN / GITHUB_TOKEN (for --github), WATERCOOLER_GITHUB_API_URL
(GitHub Enterprise), WATERCOOLER_GIT_AUTHOR / WATERCOOLER_GIT_EMAIL (the first commit's author).`,
  )
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  .action(main);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  } else if (err instanceof WatercoolerError) {
    process.stderr.write(
      `create-watercooler: ${err.message}${err.hint === undefined ? '' : ` ${err.hint}`}\n`,
    );
    process.exitCode = exitCodeFor(err.code);
  } else {
    const e = err instanceof Error ? err : new Error(String(err));
    process.stderr.write(
      `create-watercooler: internal error: ${redact(e.message)} (please report this)\n`,
    );
    if (env.WATERCOOLER_DEBUG === '1') process.stderr.write(`${redact(e.stack ?? '')}\n`);
    process.exitCode = EXIT.INTERNAL;
  }
}
