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
import { createServer } from './server.js';
import type { ServerDeps, Session } from './session.js';

export interface HttpOptions {
  /** Default 127.0.0.1. Anything but loopback needs a token. */
  host?: string;
  /** 0 picks a free port (the log line names it). */
  port: number;
  token?: string;
  /** The path clients post to (default /mcp). */
  path?: string;
}

export interface HttpHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function reject(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

/**
 * Streamable HTTP: one McpServer and transport per session (each with its own identity), all
 * sharing one store and watcher. DNS-rebinding protection is a Host (and Origin) allow-list
 * checked before anything else; then the bearer token, compared in constant time.
 */
export async function startHttp(deps: ServerDeps, options: HttpOptions): Promise<HttpHandle> {
  const host = options.host ?? '127.0.0.1';
  const path = options.path ?? '/mcp';
  const token = options.token === undefined || options.token === '' ? undefined : options.token;
  if (!isLoopback(host) && token === undefined) {
    throw new WatercoolerError('CONFIG', `Refusing to listen on ${host} without a bearer token.`, {
      hint: 'Pass --token (or set WATERCOOLER_HTTP_TOKEN); clients then send "Authorization: Bearer <token>". Or listen on 127.0.0.1.',
    });
  }
  registerSecret(token);
  const expected = token === undefined ? null : digest(token);
  const sessions = new Map<
    string,
    { transport: StreamableHTTPServerTransport; session: Session }
  >();
  let allowedHosts = new Set<string>();

  const authorized = (req: IncomingMessage): boolean => {
    if (expected === null) return true;
    const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    return match?.[1] !== undefined && timingSafeEqual(digest(match[1].trim()), expected);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(hostHeader))
      return reject(res, 403, `Host "${req.headers.host ?? ''}" is not allowed.`);
    const origin = req.headers.origin;
    if (
      origin !== undefined &&
      !allowedHosts.has(origin.replace(/^https?:\/\//i, '').toLowerCase())
    ) {
      return reject(res, 403, `Origin "${origin}" is not allowed.`);
    }
    if (!authorized(req)) {
      const error = req.headers.authorization === undefined ? '' : ', error="invalid_token"';
      return reject(res, 401, 'A valid bearer token is required.', {
        'www-authenticate': `Bearer realm="watercooler"${error}`,
      });
    }
    if ((req.url ?? '').split('?')[0] !== path)
      return reject(res, 404, `Not found; the MCP endpoint is ${path}.`);

    const id = req.headers['mcp-session-id'];
    const sessionId = Array.isArray(id) ? id[0] : id;
    if (sessionId !== undefined) {
      const known = sessions.get(sessionId);
      if (known === undefined) return reject(res, 404, 'Session not found; initialize a new one.');
      return known.transport.handleRequest(req, res);
    }
    if (req.method !== 'POST') return reject(res, 400, 'Initialize a session with a POST first.');
    const { server, session } = createServer(deps);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => void sessions.set(sid, { transport, session }),
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
      session.dispose();
    };
    await server.connect(transport);
    await transport.handleRequest(req, res);
    if (transport.sessionId === undefined) await server.close(); // not an initialize request
  };

  const http: Server = createHttpServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      deps.log(`http: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) reject(res, 500, 'Internal error.');
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
  const named = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  allowedHosts = new Set([
    `127.0.0.1:${port}`,
    `localhost:${port}`,
    `[::1]:${port}`,
    `${named.toLowerCase()}:${port}`,
  ]);
  const url = `http://${named}:${port}${path}`;
  return {
    url,
    port,
    close: async () => {
      for (const { transport } of [...sessions.values()]) await transport.close().catch(() => {});
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}
