import { Option, type Command } from 'commander';
import { WatercoolerError, openGitHubSingleWriter, openStore, redact } from '../../core/index.js';
import type { CliIO } from '../io.js';
import { CLI_SPEC } from '../version.js';
import {
  type StoreFlags,
  resolveStoreOptions,
  resolveUser,
  withAgentOption,
  withStoreOptions,
} from '../store-options.js';

interface McpFlags extends StoreFlags {
  http?: boolean;
  port?: string;
  host?: string;
  token?: string;
  push?: boolean;
  pollInterval?: string;
  allowedHost?: string[];
  sessionIdle?: string;
  maxSessions?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `--allowed-host` (repeatable) and WATERCOOLER_ALLOWED_HOSTS (comma-separated), together. */
function allowedHosts(flags: McpFlags, env: NodeJS.ProcessEnv): string[] {
  const fromEnv = (env.WATERCOOLER_ALLOWED_HOSTS ?? '').split(',');
  return [...(flags.allowedHost ?? []), ...fromEnv].map((h) => h.trim()).filter((h) => h !== '');
}

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
const nonEmpty = (v: string | undefined) =>
  v === undefined || v.trim() === '' ? undefined : v.trim();

function intFlag(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new WatercoolerError(
      'INVALID_INPUT',
      `${name} must be a whole number from ${min} to ${max}, not "${value}".`,
    );
  }
  return n;
}

export function registerMcp(program: Command, io: CliIO): Command {
  const cmd = program
    .command('mcp')
    .description(
      'Serve the threads to AI agents over MCP: stdio by default (one agent), or Streamable HTTP with --http (several).',
    )
    .option('--http', 'serve Streamable HTTP instead of stdio')
    .option('--port <n>', 'HTTP port (0 picks a free one)', '3000')
    .option('--host <host>', 'HTTP address; anything but loopback needs --token', '127.0.0.1')
    .addOption(
      new Option('--token <token>', 'bearer token HTTP clients must send').env(
        'WATERCOOLER_HTTP_TOKEN',
      ),
    )
    .option(
      '--allowed-host <name>',
      'a Host name clients use (repeatable; name, name:port or *); also WATERCOOLER_ALLOWED_HOSTS',
      collect,
    )
    .addOption(
      new Option(
        '--session-idle <seconds>',
        'close HTTP sessions idle this long (default 1800)',
      ).env('WATERCOOLER_SESSION_IDLE'),
    )
    .addOption(
      new Option('--max-sessions <n>', 'at most this many HTTP sessions at once (default 100)').env(
        'WATERCOOLER_MAX_SESSIONS',
      ),
    )
    .addOption(
      new Option(
        '--push',
        'push ball/new-entry events into Claude Code sessions (claude/channel)',
      ).env('WATERCOOLER_PUSH'),
    )
    .addOption(
      new Option(
        '--poll-interval <ms>',
        'how often to poll the store while someone subscribes or waits',
      ).env('WATERCOOLER_POLL_MS'),
    )
    .addHelpText('after', MCP_HELP);
  withAgentOption(withStoreOptions(cmd));
  return cmd.action((flags: McpFlags) => runMcp(program, flags, io));
}

const MCP_HELP = `
The agent name is --agent / WATERCOOLER_AGENT, else the client's name (claude-code → Claude Code),
tagged with the user (WATERCOOLER_USER or git user.name): "Claude Code (alice)".

Examples:
  $ claude mcp add watercooler -- npx -y ${CLI_SPEC} mcp --git git@github.com:team/threads.git
  $ claude mcp add watercooler -- npx -y ${CLI_SPEC} mcp --push     # then: claude --dangerously-load-development-channels server:watercooler
  $ codex mcp add watercooler -- npx -y ${CLI_SPEC} mcp --threads-dir ./threads
  $ WATERCOOLER_HTTP_TOKEN=s3cret watercooler mcp --http --port 8765
  $ WATERCOOLER_HTTP_TOKEN=s3cret watercooler mcp --http --host 0.0.0.0 --allowed-host team-box.lan

Over HTTP, the Host header must be a loopback name or an --allowed-host (DNS-rebinding
protection); behind a reverse proxy, allow the public name it forwards. Sessions idle for
--session-idle seconds are closed (the client initializes again); past --max-sessions a new
session gets HTTP 503 saying so.`;

async function runMcp(program: Command, flags: McpFlags, io: CliIO): Promise<void> {
  const options = await resolveStoreOptions(flags, io);
  // A running server may skip a fetch right after another one (SPEC §3: a small window).
  if (options.kind === 'git' && options.freshnessMs === undefined) options.freshnessMs = 500;
  // The single writer's polls read its in-memory copy (GitHub is asked at most every 2 s):
  // cheap, so often, and a subscriber hears of another session's write within a fifth of a second.
  const singleWriter = flags.http === true && options.kind === 'github';
  const pollIntervalMs =
    intFlag(flags.pollInterval, '--poll-interval', 50, 600_000) ?? (singleWriter ? 200 : undefined);
  const push = flags.push === true || truthy(io.env.WATERCOOLER_PUSH);
  const agent = nonEmpty(flags.agent) ?? nonEmpty(io.env.WATERCOOLER_AGENT);
  const http = flags.http === true ? httpOptions(flags, io) : undefined;
  const log = (line: string) => io.stderr.write(`watercooler: ${redact(line)}\n`);
  // Many HTTP sessions share this process: on GitHub it is their single writer (group commits).
  const store =
    singleWriter && options.kind === 'github'
      ? await openGitHubSingleWriter(options)
      : await openStore(options);
  try {
    // Lazy: only this command loads the MCP SDK.
    const { startServer } = await import('../../server/main.js');
    const running = await startServer({
      store,
      version: program.version() ?? '0.0.0',
      user: resolveUser(io),
      push,
      log,
      ...(agent === undefined ? {} : { agent }),
      ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
      ...(http === undefined ? {} : { http }),
    });
    const stop = () => void running.close();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await running.done;
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  } finally {
    await store.close();
  }
}

/** The HTTP transport's options from the flags (checked before anything is opened). */
function httpOptions(flags: McpFlags, io: CliIO) {
  const port = intFlag(flags.port, '--port', 0, 65535) ?? 3000;
  const token = nonEmpty(flags.token);
  const idleS = intFlag(flags.sessionIdle, '--session-idle', 1, 7 * 86_400);
  const maxSessions = intFlag(flags.maxSessions, '--max-sessions', 1, 100_000);
  return {
    port,
    host: flags.host ?? '127.0.0.1',
    allowedHosts: allowedHosts(flags, io.env),
    sessions: {
      ...(idleS === undefined ? {} : { idleMs: idleS * 1000 }),
      ...(maxSessions === undefined ? {} : { maxSessions }),
    },
    ...(token === undefined ? {} : { token }),
  };
}
