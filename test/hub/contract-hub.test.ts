/** The store contract (test/store/contract.ts) on the hub's store: the group commit over the Git Data API, against the fake GitHub over HTTP. */
import { createHubStore } from '../../hub/hub-store.js';
import { openGitHubBatch } from '../../core/store/github-batch.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { storeContract } from '../store/contract.js';

const TOKEN = 'ghp_hubContractToken00000000000000001';

storeContract('hub (Durable Object store)', async () => {
  const fake = await FakeGitHub.start();
  fake.addToken(TOKEN, { login: 'hub-bot', repos: ['acme/threads'] });
  await fake.createRepo('acme/threads', { files: { 'README.md': '# threads\n' } });
  return {
    open: async () => {
      const batch = await openGitHubBatch({
        repo: 'acme/threads',
        token: TOKEN,
        baseUrl: fake.url,
        freshMs: 0,
      });
      return createHubStore(batch, () => {}).as({
        login: 'tester',
        access: 'write',
      });
    },
    seed: async (files) => void (await fake.commitFiles('acme/threads', files)),
    prefix: 'threads/',
    repository: true,
    cleanup: () => fake.close(),
  };
});
