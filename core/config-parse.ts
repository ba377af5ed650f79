import { type AgentRegistry, mergeRegistry } from './agents.js';
import type { ConfigCheck, WatercoolerConfig } from './config-schema.js';
import type { ThreadsConfig } from './store/store.js';

/**
 * The pure half of the config: text in, settings out. No file system here, so every store (the
 * hub's Durable Object included, in the Workers runtime) reads a repository's config the same way.
 */
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
