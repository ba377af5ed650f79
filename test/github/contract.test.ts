/**
 * The store contract (test/store/contract.ts) on the GitHub store, against the fake GitHub:
 * - as it is (the Contents API, one file per commit);
 * - beside the Python 2026 tool's graph manifest in the threads folder, opened as the CLI opens it
 *   (with the graph companions): every write that changes a thread carries its graph files, so
 *   each goes through the Git Data API (one commit, the head as precondition) and the contract's
 *   rules (retries, races, foreign edits, layouts) still hold.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { openGitHubStore } from '../../core/store/github.js';
import { openStore } from '../../core/store/open.js';
import type { ThreadStore } from '../../core/store/store.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { type ContractSubject, storeContract } from '../store/contract.js';

const TOKEN = 'ghp_contractTestToken000000000000000001';
const GRAPH_TOKEN = 'ghp_graphContractTestToken0000000000001';
let fake: FakeGitHub;
let repos = 0;

beforeAll(async () => {
  fake = await FakeGitHub.start();
  fake.addToken(TOKEN, { login: 'tester' });
  fake.addToken(GRAPH_TOKEN, { login: 'grapher', orgs: ['tester'] });
});
afterAll(async () => {
  // Had a write beside the manifest gone through the Contents API, it would have left the graph
  // behind; only the `.watercooler/` layout rule's thread (no graph there) goes that way.
  const graphs = fake.requests.filter((r) => r.login === 'grapher');
  expect(graphs.filter((r) => r.route === 'refs.update').length).toBeGreaterThan(20);
  expect(graphs.filter((r) => r.route === 'contents.put').map((r) => r.path)).toEqual([
    expect.stringMatching(/\/contents\/\.watercooler%2Fhidden\.md$/),
  ]);
  await fake.close();
});

/** A fresh repository holding `files`, and stores on it opened by `open`. */
async function subject(
  files: Record<string, string>,
  open: (repo: string) => Promise<ThreadStore>,
): Promise<ContractSubject> {
  const repo = `tester/contract-${++repos}`;
  await fake.createRepo(repo, { files });
  return {
    open: () => open(repo),
    seed: async (more) => {
      await fake.commitFiles(repo, more);
    },
    prefix: 'threads/',
    repository: true,
    cleanup: async () => {},
  };
}

const common = { context: { user: 'tester' }, retry: { budgetMs: 120_000 } };

storeContract('GitHub', () =>
  subject({}, (repo) => openGitHubStore({ ...common, repo, token: TOKEN, baseUrl: fake.url })),
);

storeContract('GitHub, with the Python graph folder', () =>
  subject({ 'threads/graph/baseline/manifest.json': '{}\n' }, (repo) =>
    openStore({ ...common, kind: 'github', repo, token: GRAPH_TOKEN, baseUrl: fake.url }),
  ),
);
