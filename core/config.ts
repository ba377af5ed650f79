import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type AgentRegistry, mergeRegistry } from './agents.js';
import type { ConfigCheck, WatercoolerConfig, WatercoolerConfigSchema } from './config-schema.js';
import { WatercoolerError } from './errors.js';
import type { ThreadsConfig } from './store/store.js';

export const CONFIG_FILE = 'watercooler.json';
export const DEFAULT_BALL = 'Team';

/** A config read: never throws for bad content, it reports (the changesets way). */
export type ConfigRead = ConfigCheck;
export type { WatercoolerConfig };

/** Parses `watercooler.json` text; `file` names it in messages. */
export async function parseConfig(text: string, file: string): Promise<ConfigRead> {
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
  const { checkConfig } = await import('./config-schema.js');
  return checkConfig(raw, file);
}

/**
 * The zod schema of `watercooler.json` (for JSON Schema generation and checks), loaded on demand
 * so that zod stays off every command's start-up path.
 */
export async function loadConfigSchema(): Promise<typeof WatercoolerConfigSchema> {
  return (await import('./config-schema.js')).WatercoolerConfigSchema;
}

/** Reads a `watercooler.json` file; null when there is none. */
export async function readConfigFile(path: string): Promise<ConfigRead | null> {
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
export async function parseAgentsFile(
  text: string,
  file: string,
): Promise<{ registry?: AgentRegistry; error?: string }> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { error: `${file} is not valid JSON (${(err as Error).message}).` };
  }
  const { checkAgents } = await import('./config-schema.js');
  return checkAgents(raw, file);
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
