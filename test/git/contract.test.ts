/** The store contract (test/store/contract.ts) on the git store: a bare remote by path, and over HTTP. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../core/index.js';
import { createBareRemote, seedRemote, startHttpRemote } from '../helpers/git-remote.js';
import { type ContractSubject, storeContract } from '../store/contract.js';

function gitSubject(url: string, dir: string, stop: () => Promise<void>): ContractSubject {
  const caches = mkdtempSync(join(tmpdir(), 'wc-contract-git-'));
  let machine = 0;
  return {
    // Each store is another machine: its own cache folder, so its own clone.
    open: () =>
      openStore({
        kind: 'git',
        url,
        cacheDir: join(caches, `machine-${machine++}`),
        authorName: 'Test',
        authorEmail: 'test@example.com',
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        context: { user: 'tester' },
        retry: { budgetMs: 120_000 },
      }),
    seed: async (files) => seedRemote(dir, files),
    prefix: 'threads/',
    repository: true,
    cleanup: async () => {
      await stop();
      rmSync(caches, { recursive: true, force: true });
    },
  };
}

storeContract('git, bare remote', async () => {
  const remote = createBareRemote();
  return gitSubject(remote.dir, remote.dir, async () => remote.remove());
});

storeContract('git, HTTP remote', async () => {
  const remote = await startHttpRemote();
  return gitSubject(remote.url, remote.bare.dir, () => remote.close());
});
