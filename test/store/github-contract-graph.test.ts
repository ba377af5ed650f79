/**
 * The store contract (test/store/contract.ts) on the GitHub store where the Python 2026 tool's
 * graph manifest sits in the threads folder: every write that changes a thread carries its graph
 * files, so each goes through the Git Data API (one commit, the head as precondition) instead of
 * the Contents API, and the contract's rules (retries, races, foreign edits, layouts) still hold.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { openStore } from '../../core/store/open.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { storeContract } from './contract.js';

const TOKEN = 'ghp_graphContractTestToken0000000000001';
let fake: FakeGitHub;
let repos = 0;

beforeAll(async () => {
  fake = await FakeGitHub.start();
  fake.addToken(TOKEN, { login: 'tester' });
});
afterAll(async () => {
  // Had a write beside the manifest gone through the Contents API, it would have left the graph
  // behind; only the `.watercooler/` layout rule's threads (no graph there) go that way.
  expect(fake.count('refs.update')).toBeGreaterThan(20);
  const puts = (r: { route: string; path: string }) => r.route === 'contents.put';
  expect(fake.requests.filter(puts).map((r) => r.path)).toEqual([
    expect.stringMatching(/\/contents\/\.watercooler%2Fhidden\.md$/),
  ]);
  await fake.close();
});

storeContract('GitHub, with the Python graph folder', async () => {
  const repo = `tester/graph-contract-${++repos}`;
  await fake.createRepo(repo, { files: { 'threads/graph/baseline/manifest.json': '{}\n' } });
  return {
    open: () =>
      openStore({
        kind: 'github',
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
