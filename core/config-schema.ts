/**
 * The zod schemas of the files a user writes (`watercooler.json`, the Python tool's
 * `agents.json`), and their checks. Loaded only when such a file exists: zod is the largest module
 * a command could load, and most commands in most folders never need it.
 */
import * as z from 'zod/mini';
import type { AgentRegistry } from './agents.js';

/**
 * The agent registry: canonical spellings and counterparts by base name (the part before
 * `(user)`). It has the shape of the Python tool's `agents.json`, which is read as it is.
 */
const AgentRegistrySchema = z.object({
  canonical: z._default(z.record(z.string(), z.string()), {}),
  counterpart: z._default(z.record(z.string(), z.string()), {}),
  default_ball: z.optional(z.string()),
});

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

/** zod/mini carries no message locale: say what was expected from the issue itself. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'too_small') return `must be at least ${String(issue.minimum)}`;
  return issue.code.replace(/_/g, ' ');
}

/** Checks parsed `watercooler.json` content. */
export function checkConfig(raw: unknown, file: string): ConfigCheck {
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

export interface ConfigCheck {
  config: WatercoolerConfig;
  warnings: string[];
  errors: string[];
}

/** Checks parsed `agents.json` content. */
export function checkAgents(
  raw: unknown,
  file: string,
): { registry?: AgentRegistry; error?: string } {
  const parsed = AgentRegistrySchema.safeParse(raw);
  if (parsed.success) return { registry: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    error: `${file}: ${issue === undefined ? 'not an agents file' : `${issue.path.join('.')}: ${describeIssue(issue)}`}`,
  };
}
