/**
 * The agent registry: canonical spellings and counterparts by base name (the part before
 * `(user)`), or by person (`Name (user)`). It has the shape of the Python tool's `agents.json`,
 * which is read as it is (its schema: core/config-schema.ts).
 */
export interface AgentRegistry {
  canonical: Record<string, string>;
  counterpart: Record<string, string>;
  default_ball?: string | undefined;
}

/**
 * Claude ↔ Codex, as the Python tool had it, and Claude Code → Codex: the name Claude Code's MCP
 * client gives itself, so the two pass the ball to each other with no config. Codex passes back
 * to whichever of them has written on the thread (see `nextBall`).
 */
export const DEFAULT_REGISTRY: AgentRegistry = {
  canonical: { claude: 'Claude', 'claude code': 'Claude Code', codex: 'Codex', team: 'Team' },
  counterpart: { Claude: 'Codex', 'Claude Code': 'Codex', Codex: 'Claude' },
};

/** The default registry overlaid with a file's entries (the Python tool merged the same way). */
export function mergeRegistry(file: Partial<AgentRegistry> | undefined): AgentRegistry {
  if (file === undefined) return DEFAULT_REGISTRY;
  return {
    canonical: { ...DEFAULT_REGISTRY.canonical, ...file.canonical },
    counterpart: { ...DEFAULT_REGISTRY.counterpart, ...file.counterpart },
    ...(file.default_ball === undefined ? {} : { default_ball: file.default_ball }),
  };
}

export interface AgentName {
  base: string;
  user: string | null;
}

const TAGGED = /^(.*?)\s*\(([^()]+)\)\s*$/;

/** Splits `Claude Code (alice)` into its base name and user. */
export function splitAgent(agent: string): AgentName {
  const match = TAGGED.exec(agent.trim());
  if (match?.[1] !== undefined && match[2] !== undefined) {
    return { base: match[1].trim(), user: match[2].trim() };
  }
  return { base: agent.trim(), user: null };
}

function lookup(map: Record<string, string>, key: string): string | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(map)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** The registry's spelling of a base name; unknown names keep theirs. */
export function canonicalBase(base: string, registry: AgentRegistry): string {
  return lookup(registry.canonical, base) ?? base;
}

/** `Name (user)` with the registry's spelling; the tag in the string wins over `user`. */
export function canonicalAgent(
  agent: string,
  registry: AgentRegistry,
  user?: string | null,
): string {
  const { base, user: tag } = splitAgent(agent);
  const who = tag ?? user ?? null;
  const name = canonicalBase(base, registry);
  return who === null || who === '' ? name : `${name} (${who})`;
}

/**
 * The registry's counterpart of an agent; null when it has none. The registry may name people
 * (`"Claude Code (alice)": "Codex (bob)"`) or only roles (`"Claude": "Codex"`); a role's counterpart
 * keeps the speaker's user tag, as the Python tool did.
 */
export function counterpartOf(agent: string, registry: AgentRegistry): string | null {
  const { base, user } = splitAgent(agent);
  const name = canonicalBase(base, registry);
  const found =
    (user === null ? undefined : lookup(registry.counterpart, `${name} (${user})`)) ??
    lookup(registry.counterpart, name);
  if (found === undefined) return null;
  const target = splitAgent(found);
  const who = target.user ?? user;
  const targetName = canonicalBase(target.base, registry);
  return who === null ? targetName : `${targetName} (${who})`;
}

/**
 * Whether two agent names are the same participant: same base (through the registry) and same
 * user, case-insensitively. A name without a user matches that base for any user, because the
 * Python tool wrote untagged balls (`Ball: Claude`).
 */
export function sameAgent(
  a: string,
  b: string,
  registry: AgentRegistry = DEFAULT_REGISTRY,
): boolean {
  const x = splitAgent(a);
  const y = splitAgent(b);
  if (
    canonicalBase(x.base, registry).toLowerCase() !== canonicalBase(y.base, registry).toLowerCase()
  )
    return false;
  return x.user === null || y.user === null || x.user.toLowerCase() === y.user.toLowerCase();
}

const CLIENT_NAMES: Record<string, string> = {
  'claude-code': 'Claude Code',
  'claude-ai': 'Claude',
  claude: 'Claude',
  codex: 'Codex',
  'codex-mcp-client': 'Codex',
  cursor: 'Cursor',
  'cursor-vscode': 'Cursor',
  windsurf: 'Windsurf',
  'gemini-cli': 'Gemini',
  vscode: 'VS Code',
  'visual-studio-code': 'VS Code',
  zed: 'Zed',
  cline: 'Cline',
  goose: 'Goose',
};

/** A display name for an MCP client's `clientInfo.name` (claude-code → Claude Code). */
export function displayNameForClient(clientName: string): string {
  const key = clientName.trim().toLowerCase();
  const known = CLIENT_NAMES[key];
  if (known !== undefined) return known;
  const words = key.split(/[-_\s]+/).filter((w) => w !== '' && w !== 'mcp' && w !== 'client');
  if (words.length === 0) return 'Agent';
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** Refuses an agent name that would break the `Entry:` line (SPEC §1.3). */
export function agentNameProblem(agent: string): string | null {
  if (agent.trim() === '') return 'The agent name is empty.';
  if (/[\r\n]/.test(agent)) return 'An agent name is one line.';
  const { base } = splitAgent(agent);
  if (/[()]/.test(base))
    return `The agent name "${agent}" has "(" or ")" outside its trailing "(user)".`;
  if (/\d{4}-\d{2}-\d{2}T/.test(agent))
    return `The agent name "${agent}" looks like it holds a timestamp.`;
  return null;
}
