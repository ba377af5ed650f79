import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  type IncomingMessage,
  type Server,
  type ServerResponse,
  createServer as createHttpServer,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { WatercoolerError, registerSecret } from '../core/index.js';
import { SessionEventStore } from './event-store.js';
import {
  type HostCheck,
  checkAllowedHosts,
  hostCheck,
  isLoopback,
  originHost,
} from './http-hosts.js';
import { type JsonRpcReply, readMessage, reply } from './http-replies.js';
import { DEFAULT_LIMITS, type SessionLimits, SessionTable } from './http-sessions.js';
import { createServer } from './server.js';
import { primeStandaloneStream } from './sse-priming.js';
import type { ServerDeps } from './session.js';

export { isLoopback } from './http-hosts.js';

export interface HttpOptions {
  /** Default 127.0.0.1. Anything but loopback needs a token. */
  host?: string;
  /** 0 picks a free port (the log line names it). */
  port: number;
  token?: string;
  /** The path clients post to (default /mcp). */
  path?: string;
  /** Host names clients (or a reverse proxy) use besides loopback: `name`, `name:port` or `*`. */
  allowedHosts?: readonly string[];
  /** Idle expiry and the session cap (defaults: 30 minutes, 100 sessions). */
  sessions?: Partial<SessionLimits>;
}

export interface HttpHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** How long a client waits before reconnecting a broken SSE stream (sent as `retry:`). */
const SSE_RETRY_MS = 2000;

const digest = (s: string) => createHash('sha256').update(s).digest();

const TOKEN_HELP =
  'This server takes a bearer token, not OAuth: configure the client to send the header "Authorization: Bearer <token>" with the token the server was started with (--token or WATERCOOLER_HTTP_TOKEN).';

/** Host and Origin first (DNS rebinding), then the path (404s need no token), then the token. */
function gate(
  req: IncomingMessage,
  hosts: HostCheck,
  path: string,
  expected: Buffer | null,
): JsonRpcReply | null {
  const host = req.headers.host ?? '';
  if (!hosts.allows(host)) {
    return {
      status: 403,
      message: `Host "${host}" is not allowed. Start the server with --allowed-host ${host === '' ? 'NAME' : host.replace(/:\d+$/, '')} (or WATERCOOLER_ALLOWED_HOSTS) to accept it.`,
    };
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const from = originHost(origin);
    if (from === null || !hosts.allows(from))
      return { status: 403, message: `Origin "${origin}" is not allowed.` };
  }
  if ((req.url ?? '').split('?')[0] !== path) {
    // OAuth discovery and registration included: a 404 tells a client there is no OAuth here,
    // and the OAuth-shaped body is what it shows (not a parse error of a half answer).
    return {
      status: 404,
      message: `Not found; the MCP endpoint is ${path}.`,
      oauth: { error: 'invalid_request', error_description: `Not found. ${TOKEN_HELP}` },
    };
  }
  if (expected === null) return null;
  const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  if (given !== undefined && timingSafeEqual(digest(given), expected)) return null;
  const error = req.headers.authorization === undefined ? '' : ', error="invalid_token"';
  return {
    status: 401,
    message: `${req.headers.authorization === undefined ? 'A bearer token is required' : 'The bearer token is not valid'}. ${TOKEN_HELP}`,
    headers: { 'www-authenticate': `Bearer realm="watercooler"${error}` },
  };
}

/**
 * Streamable HTTP: one McpServer and transport per session (each with its own identity), all
 * sharing one store and watcher. Idle sessions expire and their number is capped; batches are
 * refused (removed from MCP in 2025-06-18); SSE streams, POST and GET alike, are primed with an
 * event id and a `retry:` so a client can resume one that broke.
 */
export async function startHttp(deps: ServerDeps, options: HttpOptions): Promise<HttpHandle> {
  const host = options.host ?? '127.0.0.1';
  const path = options.path ?? '/mcp';
  const token = options.token === undefined || options.token === '' ? undefined : options.token;
  checkBinding(host, token);
  checkAllowedHosts(options.allowedHosts ?? []);
  registerSecret(token);
  const expected = token === undefined ? null : digest(token);
  const limits = { ...DEFAULT_LIMITS, ...options.sessions };
  const sessions = new SessionTable(limits, (n) =>
    deps.log(
      `closed ${n} HTTP session${n === 1 ? '' : 's'} idle for ${Math.round(limits.idleMs / 1000)} s`,
    ),
  );
  let hosts: HostCheck = hostCheck(host, -1, []);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const refused = gate(req, hosts, path, expected);
    if (refused !== null) return reply(res, refused);
    const read = req.method === 'POST' ? await readMessage(req) : { message: undefined };
    if ('refused' in read) return reply(res, read.refused);

    const id = req.headers['mcp-session-id'];
    const sessionId = Array.isArray(id) ? id[0] : id;
    if (sessionId === undefined) {
      if (req.method !== 'POST')
        return reply(res, { status: 400, message: 'Initialize a session with a POST first.' });
      return openSession(deps, sessions, req, res, read.message);
    }
    const session = sessions.get(sessionId);
    if (session === undefined) {
      return reply(res, {
        status: 404,
        code: -32001,
        message: 'Session not found (it expired or the server restarted); initialize a new one.',
      });
    }
    sessions.track(sessionId, (done) => res.once('close', done));
    primeStandaloneStream(req, res, session.events, SSE_RETRY_MS);
    return session.transport.handleRequest(req, res, read.message);
  };

  const http: Server = createHttpServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      deps.log(`http: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) reply(res, { status: 500, code: -32603, message: 'Internal error.' });
      else res.end();
    });
  });
  await new Promise<void>((resolve, rejectListen) => {
    http.once('error', rejectListen);
    http.listen(options.port, host, () => {
      http.off('error', rejectListen);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  hosts = hostCheck(host, port, options.allowedHosts ?? []);
  const named = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return {
    url: `http://${named}:${port}${path}`,
    port,
    close: async () => {
      await sessions.closeAll();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

/** Anyone who can reach a non-loopback address could drive the agent's threads: a token first. */
function checkBinding(host: string, token: string | undefined): void {
  if (!isLoopback(host) && token === undefined) {
    throw new WatercoolerError('CONFIG', `Refusing to listen on ${host} without a bearer token.`, {
      hint: 'Pass --token (or set WATERCOOLER_HTTP_TOKEN); clients then send "Authorization: Bearer <token>". Or listen on 127.0.0.1.',
    });
  }
}

/** An initialize request: a new McpServer and transport, within the session cap. */
async function openSession(
  deps: ServerDeps,
  sessions: SessionTable,
  req: IncomingMessage,
  res: ServerResponse,
  message: unknown,
): Promise<void> {
  if (sessions.full()) {
    const { idleMs, maxSessions } = sessions.limits;
    return reply(res, {
      status: 503,
      message: `Too many sessions: this server holds at most ${maxSessions} at once (--max-sessions). Close unused clients, or retry once idle sessions expire (after ${Math.round(idleMs / 1000)} s).`,
      headers: { 'retry-after': String(Math.max(1, Math.ceil(idleMs / 1000))) },
    });
  }
  const { server } = createServer(deps);
  const events = new SessionEventStore();
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    eventStore: events,
    retryInterval: SSE_RETRY_MS,
    onsessioninitialized: (sid): void => sessions.add(sid, { transport, events }),
  });
  transport.onclose = () => {
    if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
  };
  await server.connect(transport);
  await transport.handleRequest(req, res, message);
  if (transport.sessionId === undefined) await server.close(); // not an initialize request
}
