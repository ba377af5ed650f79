import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE, type ConfigRead, parseConfig } from './config-parse.js';
import type { WatercoolerConfigSchema } from './config-schema.js';

export {
  CONFIG_FILE,
  DEFAULT_BALL,
  parseConfig,
  parseAgentsFile,
  threadsConfigOf,
} from './config-parse.js';
export type { ConfigRead, WatercoolerConfig } from './config-parse.js';

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
