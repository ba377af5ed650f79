/**
 * The self-hosted single writer: the built `watercooler mcp --http --github OWNER/REPO` serving
 * many MCP SDK sessions over Streamable HTTP from one process, against the fake GitHub over HTTP:
 * - N sessions × M `say` on one thread, all at once: every entry exactly once, none given up,
 *   GitHub's history linear, well under one GitHub request per entry (the group commit);
 * - a write is answered only once GitHub holds it;
 * - a client's retry with the same entry_id doubles nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseThread } from '../../core/index.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import {
  type HubClient,
  type SelfHosted,
  call,
  connect,
  fixedEntryIds,
  sayAll,
  startSelfHosted,
} from './harness.js';

const REPO = 'acme/threads';
const GITHUB_TOKEN = 'ghp_selfHostedWriterToken000000000001';
const HTTP_TOKEN = 'self-hosted-http-token-000000000001';
const SESSIONS = 20;
const SAYS = 10;

let fake: FakeGitHub;
let server: SelfHosted | null = null;

beforeEach(async () => {
  fake = await FakeGitHub.start();
  fake.addToken(GITHUB_TOKEN, { login: 'team-bot', repos: [REPO] });
  await fake.createRepo(REPO, { files: { 'README.md': '# threads\n', 'threads/.keep': '' } });
});
afterEach(async () => {
  await server?.close();
  server = null;
  await fake.close();
});

const serve = async () => {
  server = await startSelfHosted(fake, REPO, GITHUB_TOKEN, HTTP_TOKEN);
  return server.mcp;
};

const entryIds = async (rev = 'main') => {
  const text = await fake.git(REPO, ['show', `${rev}:threads/load.md`]).catch(() => '');
  return parseThread(text).entries.map((e) => e.entryId ?? '');
};
const idOf = fixedEntryIds();

describe('watercooler mcp --http --github: one writer for many sessions', () => {
  it(`${SESSIONS} sessions × ${SAYS} say at once: each entry once, few GitHub requests`, async () => {
    const url = await serve();
    const sessions: HubClient[] = await Promise.all(
      Array.from({ length: SESSIONS }, (_, i) => connect(url, HTTP_TOKEN, `agent-${i}`)),
    );
    fake.resetRequests();
    const refused = await sayAll(sessions, 'load', SAYS, idOf);
    const requests = fake.count();
    expect(refused).toEqual([]);
    const landed = await entryIds();
    expect(landed).toHaveLength(SESSIONS * SAYS);
    expect(new Set(landed).size).toBe(SESSIONS * SAYS);
    const commits = (await fake.git(REPO, ['rev-list', '--parents', 'main'])).trim().split('\n');
    for (const line of commits.slice(0, -1)) expect(line.split(' ')).toHaveLength(2);
    expect(commits.length - 1).toBeLessThan(SESSIONS * SAYS);
    console.error(
      `self-hosted ${SESSIONS}×${SAYS}: ${commits.length - 2} commits, ${requests} GitHub requests, ${(requests / (SESSIONS * SAYS)).toFixed(3)} per entry`,
    );
    expect(requests / (SESSIONS * SAYS)).toBeLessThan(0.5);
    await Promise.all(sessions.map((s) => s.close()));
  });

  it('answers a write once GitHub holds it, and a retry with its entry_id doubles nothing', async () => {
    const url = await serve();
    const [a, b] = await Promise.all([connect(url, HTTP_TOKEN), connect(url, HTTP_TOKEN)]);
    const args = { topic: 'load', title: 'Once', body: 'only once', entry_id: idOf(0, 0) };
    expect((await call(a!, 'watercooler_say', args)).isError).not.toBe(true);
    expect(await entryIds()).toEqual([idOf(0, 0)]);
    // The answer was lost on its way back: the client sends the same write again, elsewhere too.
    const again = await Promise.all([
      call(a!, 'watercooler_say', args),
      call(b!, 'watercooler_say', args),
    ]);
    expect(again.map((r) => r.isError === true)).toEqual([false, false]);
    expect(await entryIds()).toEqual([idOf(0, 0)]);
    await Promise.all([a!.close(), b!.close()]);
  });
});
