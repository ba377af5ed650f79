import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { redact } from '../core/index.js';
import { openGitHubBatch } from '../core/store/github-batch.js';
import { createServer } from '../server/server.js';
import { StoreWatcher } from '../server/watch.js';
import { type HubEnv, hubConfig } from './env.js';
import { type HubStore, type HubUser, createHubStore } from './hub-store.js';

/** Set by the Worker after it checked the bearer token; the Durable Object is reachable only through it. */
export const USER_HEADER = 'x-watercooler-hub-user';

declare const WATERCOOLER_VERSION: string;

/** A session unused this long (no request, no open stream) is closed. */
const IDLE_MS = 60 * 60_000;
/** The watcher polls the in-memory copy: cheap, so often (GitHub is asked at most every 2 s). */
const POLL_MS = 200;

interface LiveSession {
  transport: WebStandardStreamableHTTPServerTransport;
  login: string;
  lastSeen: number;
}

const log = (line: string) => console.error(redact(line));

function rpcError(status: number, message: string): Response {
  return Response.json({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }, { status });
}

/** Who the Worker says is calling (a JSON header it alone sets), or null. */
function userOf(request: Request): HubUser | null {
  try {
    const v = JSON.parse(request.headers.get(USER_HEADER) ?? 'null') as Partial<HubUser> | null;
    if (typeof v?.login !== 'string' || (v.access !== 'read' && v.access !== 'write')) return null;
    return { login: v.login, access: v.access };
  } catch {
    return null;
  }
}

/**
 * One Durable Object per threads repository: the single writer (its store's group commit), the
 * copy every read is served from, and every MCP session of the repository, so a write by one
 * session reaches the subscriptions, waiters and push streams of the others in memory.
 */
export class ThreadsHub {
  readonly #env: HubEnv;
  #runtime: Promise<{ store: HubStore; watcher: StoreWatcher }> | null = null;
  readonly #sessions = new Map<string, LiveSession>();

  constructor(_state: unknown, env: HubEnv) {
    this.#env = env;
  }

  #open(): Promise<{ store: HubStore; watcher: StoreWatcher }> {
    this.#runtime ??= (async () => {
      const config = hubConfig(this.#env);
      const batch = await openGitHubBatch({
        repo: config.repo,
        token: config.token,
        baseUrl: config.apiUrl,
        log,
      });
      const store = createHubStore(batch, log);
      return { store, watcher: new StoreWatcher(store, { intervalMs: POLL_MS, log }) };
    })();
    // A failed start (GitHub down, a bad token) is tried again by the next request.
    this.#runtime.catch(() => (this.#runtime = null));
    return this.#runtime;
  }

  async fetch(request: Request): Promise<Response> {
    const user = userOf(request);
    if (user === null) return rpcError(403, 'The hub is reached through its Worker only.');
    this.#sweep();
    const sid = request.headers.get('mcp-session-id');
    if (sid !== null) {
      const live = this.#sessions.get(sid);
      if (live === undefined) return rpcError(404, 'Session not found; initialize a new one.');
      if (live.login !== user.login)
        return rpcError(403, 'This session belongs to another sign-in.');
      live.lastSeen = Date.now();
      return live.transport.handleRequest(request);
    }
    if (request.method !== 'POST') return rpcError(400, 'Initialize a session with a POST first.');
    let runtime;
    try {
      runtime = await this.#open();
    } catch (err) {
      log(`hub: cannot start: ${err instanceof Error ? err.message : String(err)}`);
      const hint = (err as { hint?: string }).hint;
      return rpcError(
        503,
        `The hub cannot reach its repository: ${err instanceof Error ? err.message : String(err)}${hint === undefined ? '' : ` ${hint}`}`,
      );
    }
    const { server, session } = createServer({
      store: runtime.store.as(user),
      watcher: runtime.watcher,
      user: user.login,
      push: true,
      version: WATERCOOLER_VERSION,
      log,
    });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => crypto.randomUUID(),
      onsessioninitialized: (id) =>
        void this.#sessions.set(id, { transport, login: user.login, lastSeen: Date.now() }),
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) this.#sessions.delete(transport.sessionId);
      session.dispose();
    };
    await server.connect(transport);
    const response = await transport.handleRequest(request);
    if (transport.sessionId === undefined) await server.close();
    return response;
  }

  /** Closes sessions whose clients went away without a DELETE. */
  #sweep(): void {
    const now = Date.now();
    for (const [id, live] of this.#sessions) {
      if (now - live.lastSeen < IDLE_MS) continue;
      this.#sessions.delete(id);
      void live.transport.close().catch(() => {});
    }
  }
}
