/** The store contract (test/store/contract.ts) on the GitHub store, against the fake GitHub. */
import { afterAll, beforeAll } from 'vitest';
import { openGitHubStore } from '../../core/store/github.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { storeContract } from '../store/contract.js';

const TOKEN = 'ghp_contractTestToken000000000000000001';
let fake: FakeGitHub;
let repos = 0;

beforeAll(async () => {
  fake = await FakeGitHub.start();
  fake.addToken(TOKEN, { login: 'tester' });
});
afterAll(async () => fake.close());

storeContract('GitHub', async () => {
  const repo = `tester/contract-${++repos}`;
  await fake.createRepo(repo);
  return {
    open: () =>
      openGitHubStore({
        repo,
        token: TOKEN,
        baseUrl: fake.url,
        context: { user: 'tester' },
        retry: { budgetMs: 120_000 },
      }),
    seed: async (files) => {
      await fake.commitFiles(repo, files);
    },
    prefix: 'threads/',
    repository: true,
    cleanup: async () => {},
  };
});
