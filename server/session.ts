import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  type AgentRegistry,
  type ThreadStore,
  WatercoolerError,
  canonicalAgent,
  displayNameForClient,
} from '../core/index.js';
import type { StoreWatcher } from './watch.js';

/** What every session of one server process shares. */
export interface ServerDeps {
  store: ThreadStore;
  /** Polls the store for subscriptions, waiters and push; shared by every session. */
  watcher: StoreWatcher;
  /** `--agent` / `WATERCOOLER_AGENT`: wins over agent_func and clientInfo. */
  agent?: string;
  /** The user tag (`Claude Code (alice)`): `WATERCOOLER_USER` or git's user.name. */
  user?: string | null;
  /** `--push`: declare `claude/channel` and push ball/entry events into the session. */
  push?: boolean;
  /** Least time between two push events for one thread (default 3 s). */
  pushThrottleMs?: number;
  /** Time between two heartbeat progress notifications of wait_for_ball (default 5 s). */
  progressIntervalMs?: number;
  version: string;
  /** stderr; stdout is the protocol channel. */
  log: (line: string) => void;
}

export interface Identity {
  /** `Base (user)`, spelled as the registry spells it. */
  agent: string;
  /** `model:role` from agent_func (the git store's `Spec:` trailer), else null. */
  spec: string | null;
  registry: AgentRegistry;
}

/** One client connection: the shared deps plus who is on the other end. */
export interface Session {
  readonly deps: ServerDeps;
  readonly server: McpServer;
  /** The client's `clientInfo.name`, once it has initialized. */
  clientName(): string | null;
  /** The caller's identity; `agentFunc` (`<platform>:<model>:<role>`) names the author for one call. */
  identity(agentFunc?: string): Promise<Identity>;
  /** File stem → the ball after this session's last write there: push skips ball moves it made itself. */
  readonly ownBalls: Map<string, string>;
  /**
   * A server-side failure during this session's request: to stderr, and to the client as an
   * `error` log message (MCP logging; the client picks the level with logging/setLevel).
   */
  log(line: string): void;
  /** Runs `fn` when the client goes away (stops watches, timers). */
  onClose(fn: () => void): void;
  /** Runs the onClose callbacks once. */
  dispose(): void;
}

/** Splits `<platform>:<model>:<role>`; a bare platform is accepted too. */
function parseAgentFunc(value: string): { platform: string; spec: string | null } {
  const at = value.indexOf(':');
  const platform = (at === -1 ? value : value.slice(0, at)).trim();
  const spec = at === -1 ? '' : value.slice(at + 1).trim();
  if (platform === '') {
    throw new WatercoolerError('INVALID_INPUT', `agent_func "${value}" has no platform.`, {
      hint: 'Pass agent_func as "<platform>:<model>:<role>", e.g. "Claude Code:opus:implementer", or leave it out.',
    });
  }
  return { platform, spec: spec === '' ? null : spec };
}

export function createSession(deps: ServerDeps, server: McpServer): Session {
  const clientName = () => server.server.getClientVersion()?.name ?? null;
  const closers: (() => void)[] = [];
  return {
    deps,
    server,
    clientName,
    ownBalls: new Map(),
    log: (line) => {
      deps.log(line);
      const data = line.split('\n')[0] ?? line; // the message, not the stack
      server.server
        .sendLoggingMessage({ level: 'error', logger: 'watercooler', data })
        .catch(() => {});
    },
    onClose: (fn) => void closers.push(fn),
    dispose: () => {
      for (const fn of closers.splice(0)) {
        try {
          fn();
        } catch (err) {
          deps.log(`closing a session: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    },
    identity: async (agentFunc) => {
      const { registry } = await deps.store.config();
      const func =
        agentFunc === undefined || agentFunc.trim() === '' ? null : parseAgentFunc(agentFunc);
      const flag = deps.agent?.trim();
      const client = clientName();
      const base =
        flag !== undefined && flag !== ''
          ? flag
          : (func?.platform ?? (client === null ? 'Agent' : displayNameForClient(client)));
      return {
        agent: canonicalAgent(base, registry, deps.user ?? null),
        spec: func?.spec ?? null,
        registry,
      };
    },
  };
}
