import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { ThreadStore } from '../core/index.js';
import type { HttpOptions } from './http.js';
import { createServer } from './server.js';
import { StoreWatcher } from './watch.js';

export interface StartOptions {
  store: ThreadStore;
  version: string;
  /** `--agent` / `WATERCOOLER_AGENT`. */
  agent?: string;
  user?: string | null;
  push?: boolean;
  /** Store polling interval while someone subscribes, waits or takes push (default 1000 ms). */
  pollIntervalMs?: number;
  /** Streamable HTTP instead of stdio. */
  http?: HttpOptions;
  /** stderr only: stdout is the protocol channel on stdio. */
  log: (line: string) => void;
}

export interface RunningServer {
  /** The HTTP endpoint, when serving HTTP. */
  url: string | null;
  /** Resolves once the server has stopped (stdin closed, or close() called). */
  done: Promise<void>;
  close(): Promise<void>;
}

/** Runs `fn` once; later and re-entrant calls (a transport's onclose firing during close) share it. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => {
    if (running === null) running = Promise.resolve().then(fn);
    return running;
  };
}

/** Serves the store over stdio (one session) or Streamable HTTP (many). */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const watcher = new StoreWatcher(options.store, {
    ...(options.pollIntervalMs === undefined ? {} : { intervalMs: options.pollIntervalMs }),
    log: options.log,
  });
  const deps = {
    store: options.store,
    watcher,
    version: options.version,
    log: options.log,
    ...(options.agent === undefined ? {} : { agent: options.agent }),
    ...(options.user === undefined ? {} : { user: options.user }),
    ...(options.push === undefined ? {} : { push: options.push }),
  };
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));

  if (options.http !== undefined) {
    // Lazy: a stdio server never loads the HTTP transport (start-up and idle memory).
    const { isLoopback, startHttp } = await import('./http.js');
    const handle = await startHttp(deps, options.http);
    options.log(`MCP server listening on ${handle.url}`);
    if (
      !isLoopback(options.http.host ?? '127.0.0.1') &&
      (options.http.allowedHosts ?? []).length === 0
    )
      options.log(
        'only loopback Host names are accepted; pass --allowed-host NAME for each name clients use to reach this machine',
      );
    const close = once(async () => {
      await handle.close();
      await watcher.close();
      stopped();
    });
    return { url: handle.url, done, close };
  }

  const { server } = createServer(deps);
  const transport = new StdioServerTransport(process.stdin, process.stdout);
  const close = once(async () => {
    await server.close().catch(() => {});
    await watcher.close();
    stopped();
  });
  transport.onclose = () => void close();
  // The SDK's stdio transport does not notice its peer hanging up; we do, and stop.
  process.stdin.once('end', () => void close());
  await server.connect(transport);
  return { url: null, done, close };
}
