import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod/mini';
import { type AgentRegistry, AgentRegistrySchema, mergeRegistry } from './agents.js';
import { WatercoolerError } from './errors.js';
import type { ThreadsConfig } from './store/store.js';

/** `watercooler.json`, at the root of a threads repository (or beside a threads folder). */
export const WatercoolerConfigSchema = z.looseObject({
  $schema: z.optional(z.string()),
  /** The threads folder, relative to the file. */
  threadsDir: z.optional(z.string()),
  /** Who holds the ball on a new thread, and gets it when there is nobody to pass it to. */
  defaultBall: z.optional(z.string().check(z.minLength(1))),
  /** Canonical names and counterparts (the Python tool's agents.json shape). */
  agents: z.optional(z.partial(AgentRegistrySchema)),
  /** A remote to use when no store flag or variable is given. */
  git: z.optional(z.string()),
  github: z.optional(z.string()),
  /** How long writes keep retrying after lost races. */
  retryBudgetMs: z.optional(z.int().check(z.positive())),
  /** A read within this many ms of the last fetch may skip the fetch (git store). */
  freshnessMs: z.optional(z.int().check(z.nonnegative())),
});
export type WatercoolerConfig = z.infer<typeof WatercoolerConfigSchema>;

export const CONFIG_FILE = 'watercooler.json';
export const DEFAULT_BALL = 'Team';

/** A config read: never throws for bad content, it reports (the changesets way). */
export interface ConfigRead {
  config: WatercoolerConfig;
  warnings: string[];
  errors: string[];
}

/** zod/mini carries no message locale: say what was expected from the issue itself. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'too_small') return `must be at least ${String(issue.minimum)}`;
  return issue.code.replace(/_/g, ' ');
}

/** Parses `watercooler.json` text; `file` names it in messages. */
export function parseConfig(text: string, file: string): ConfigRead {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return {
      config: {},
      warnings: [],
      errors: [`${file} is not valid JSON (${(err as Error).message}). Fix it or remove it.`],
    };
  }
  const parsed = WatercoolerConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.map(
      (i) => `${file}: ${i.path.join('.') || '(root)'}: ${describeIssue(i)}`,
    );
    return { config: {}, warnings: [], errors };
  }
  const known = new Set(Object.keys(WatercoolerConfigSchema.shape));
  const warnings = Object.keys(parsed.data)
    .filter((k) => !known.has(k))
    .map((k) => `${file}: unknown key "${k}" is ignored.`);
  return { config: parsed.data, warnings, errors: [] };
}

/** Reads a `watercooler.json` file; null when there is none. */
export function readConfigFile(path: string): ConfigRead | null {
  if (!existsSync(path)) return null;
  return parseConfig(readFileSync(path, 'utf8'), path);
}

/** The nearest folder at or above `from` that holds a `watercooler.json`. */
export function findConfigRoot(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, CONFIG_FILE))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/** Reads the Python tool's `agents.json` (`{canonical, counterpart, default_ball}`). */
export function parseAgentsFile(
  text: string,
  file: string,
): { registry?: AgentRegistry; error?: string } {
  try {
    const parsed = AgentRegistrySchema.safeParse(JSON.parse(text));
    if (parsed.success) return { registry: parsed.data };
    const issue = parsed.error.issues[0];
    return {
      error: `${file}: ${issue === undefined ? 'not an agents file' : `${issue.path.join('.')}: ${describeIssue(issue)}`}`,
    };
  } catch (err) {
    return { error: `${file} is not valid JSON (${(err as Error).message}).` };
  }
}

/** The registry and default ball in force: an agents file wins over watercooler.json's `agents`. */
export function threadsConfigOf(
  config: WatercoolerConfig,
  agentsFile?: AgentRegistry,
): ThreadsConfig {
  const registry = mergeRegistry(agentsFile ?? config.agents);
  return { registry, defaultBall: config.defaultBall ?? registry.default_ball ?? DEFAULT_BALL };
}

/**
 * `threadsDir` as a path inside a repository ('' for its root), or null when not set; a folder
 * that would leave the repository is a config error, not a path to follow.
 */
export function repoThreadsDir(dir: string | undefined): string | null {
  if (dir === undefined) return null;
  const clean = dir
    .replace(/\\/g, '/')
    .replace(/^\.\/+/, '')
    .replace(/\/+$/, '');
  if (clean === '.' || clean === '') return '';
  if (clean.startsWith('/') || clean.split('/').includes('..')) {
    throw new WatercoolerError(
      'CONFIG',
      `watercooler.json: threadsDir "${dir}" leaves the repository.`,
      {
        hint: 'Use a folder inside it, such as "threads".',
      },
    );
  }
  return clean;
}
