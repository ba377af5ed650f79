/**
 * A local npm registry (verdaccio) on 127.0.0.1 for install-by-name tests. Our two package names
 * are served only from what was published to it, never proxied: a stranger's package under the
 * same public name can never stand in. Every other package is proxied from the registry npm is
 * configured with here, so installs work as they would for a user.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runServer } from 'verdaccio';

export const OUR_PACKAGES = ['watercooler', 'create-watercooler'];

export interface LocalRegistry {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** A user config that may publish to it. */
  publishNpmrc: string;
  close: () => Promise<void>;
}

function upstream(): string {
  return execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
}

/** Starts verdaccio with its storage under `dir` and a publishing user; writes its npmrc there. */
export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
  const ours = { access: '$all', publish: '$authenticated' };
  const server = (await runServer({
    self_path: join(dir, 'config.yaml'),
    storage: join(dir, 'storage'),
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 1 } },
    uplinks: { upstream: { url: upstream(), timeout: '120s' } },
    packages: {
      ...Object.fromEntries(OUR_PACKAGES.map((name) => [name, ours])),
      '**': { ...ours, proxy: 'upstream' },
    },
    log: { type: 'stdout', format: 'pretty', level: 'error' },
    web: { enable: false },
  } as never)) as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;

  // The registry's own adduser endpoint, as `npm adduser` calls it: it answers with a token.
  const res = await fetch(`${url}-/user/org.couchdb.user:release`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release', password: 'local-only-password' }),
  });
  if (res.status !== 201) throw new Error(`verdaccio adduser: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const publishNpmrc = join(dir, 'publish.npmrc');
  writeFileSync(publishNpmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);

  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
  return { url, publishNpmrc, close };
}
