import {
  copyFileSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { z } from 'zod';
import {
  WatercoolerError,
  applyOperation,
  loadConfigSchema,
  mergeRegistry,
} from '../../core/index.js';
import { type Where, connectMarkdown, tuiCommand } from './next-steps.js';
import { CLI_RELEASE_SPEC, VERSION } from '../version.js';
import { registryFor } from './options.js';

/** What goes into the new repository's files. */
export interface RepoContent {
  /** The repository's name (the folder's). */
  name: string;
  agents: string[];
  ball: string;
  /** Vendor the Action (default) or point the workflow at this published reference. */
  actionRef?: string;
  /** Where the README tells agents to connect. */
  where: Where;
  now: Date;
}

/** Where the installed package keeps what it copies: `template/` and the built Action. */
export interface PackageFiles {
  templateDir: string;
  actionYml: string;
  actionScript: string;
}

const VENDORED_ACTION_DIR = '.github/actions/validate';
const WELCOME_TOPIC = 'welcome';
const WORKFLOW = '.github/workflows/watercooler.yml';
const WELCOME_SOURCE = 'threads/welcome.md';
// npm drops .gitignore from a package: the template stores it as _gitignore (create-vite's way).
const RENAMED: Record<string, string> = {
  _gitignore: '.gitignore',
  _gitattributes: '.gitattributes',
};

function walk(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, base));
    else out.push(relative(base, path).split('\\').join('/'));
  }
  return out;
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{([A-Z]+)\}\}/g, (m, key: string) => values[key] ?? m);
}

function write(root: string, path: string, text: string | Buffer): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** The JSON Schema of watercooler.json, from the same zod schema the tools validate with. */
export async function configJsonSchema(): Promise<object> {
  const schema = z.toJSONSchema(await loadConfigSchema(), { io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    title: 'watercooler.json',
    description:
      'Watercooler configuration of a threads repository: the threads folder, the agents and their counterparts, who gets the ball by default.',
  };
}

/** Writes every file of the new repository into `root` (an empty folder); returns their paths. */
export async function writeRepository(
  root: string,
  pkg: PackageFiles,
  c: RepoContent,
): Promise<string[]> {
  const agentList = c.agents.join(', ');
  const values = {
    NAME: c.name,
    AGENTS: agentList,
    BALL: c.ball,
    CONNECT: connectMarkdown(c.where),
    TUI: tuiCommand(c.where),
    CLI: CLI_RELEASE_SPEC,
    VERSION,
  };
  let welcomeBody = '';
  for (const path of walk(pkg.templateDir)) {
    const text = readFileSync(join(pkg.templateDir, path), 'utf8');
    if (path === WELCOME_SOURCE) {
      welcomeBody = fill(text, values);
      continue;
    }
    const target = RENAMED[path] ?? path;
    if (target === 'watercooler.json') continue;
    if (target === WORKFLOW && c.actionRef !== undefined) {
      write(root, target, text.replace('uses: ./.github/actions/validate', `uses: ${c.actionRef}`));
    } else if (target === 'README.md' || target === '.gitattributes') {
      write(root, target, fill(text, values));
    } else {
      write(root, target, text);
    }
  }

  const base = JSON.parse(readFileSync(join(pkg.templateDir, 'watercooler.json'), 'utf8')) as {
    threadsDir?: string;
  };
  const agents = registryFor(c.agents);
  const config = { ...base, defaultBall: c.ball, agents };
  const checked = (await loadConfigSchema()).safeParse(config);
  if (!checked.success)
    throw new WatercoolerError('INTERNAL', `The generated watercooler.json does not validate.`);
  write(root, 'watercooler.json', `${JSON.stringify(config, null, 2)}\n`);
  write(root, 'watercooler.schema.json', `${JSON.stringify(await configJsonSchema(), null, 2)}\n`);

  // Written by core's own operation, so it has the exact bytes and an Entry-ID: the Action
  // passes on the very first commit.
  const threadsDir = base.threadsDir ?? 'threads';
  const welcome = applyOperation(
    null,
    {
      kind: 'say',
      topic: WELCOME_TOPIC,
      agent: 'Watercooler',
      title: `Welcome to ${c.name}`,
      body: welcomeBody.trimEnd(),
      role: 'pm',
      type: 'Note',
      ball: c.ball,
    },
    {
      registry: mergeRegistry(agents),
      defaultBall: c.ball,
      user: null,
      now: () => c.now,
    },
  );
  write(root, `${threadsDir}/${WELCOME_TOPIC}.md`, welcome.text);

  if (c.actionRef === undefined) {
    mkdirSync(join(root, VENDORED_ACTION_DIR, 'dist'), { recursive: true });
    copyFileSync(pkg.actionYml, join(root, VENDORED_ACTION_DIR, 'action.yml'));
    copyFileSync(pkg.actionScript, join(root, VENDORED_ACTION_DIR, 'dist', 'index.mjs'));
  }
  return walk(root).filter((p) => !p.startsWith('.git/'));
}
