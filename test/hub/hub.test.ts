/**
 * The hub in the Workers runtime (workerd through miniflare), against the fake GitHub over HTTP,
 * with MCP SDK clients over Streamable HTTP:
 * - /mcp serves the same tools as `watercooler mcp`; a write is answered once GitHub holds it,
 *   with the signed-in login as the entry's user and as the commit's author;
 * - reads are served from the Durable Object's copy: a second read costs no GitHub request, and
 *   a commit pushed straight to GitHub is seen within seconds (a conditional request);
 * - no bearer token, a wrong one: 401 with a challenge naming the resource metadata;
 * - GitHub down: the write is an isError result that says so, and nothing is claimed written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseThread } from '../../core/index.js';
import {
  type HubWorld,
  REPO,
  bearer,
  call,
  connect,
  startWorld,
  textOf,
  until,
} from './harness.js';

let world: HubWorld;

beforeAll(async () => {
  world = await startWorld(['alice', 'bob']);
});
afterAll(async () => {
  await world?.close();
});

describe('hub', () => {
  it('serves the MCP tools and writes through GitHub as the signed-in login', async () => {
    const alice = await connect(world.mcp, bearer('alice'));
    const tools = (await alice.client.listTools()).tools.map((t) => t.name);
    expect(tools).toContain('watercooler_say');
    expect(tools).toContain('watercooler_wait_for_ball');
    const said = await call(alice, 'watercooler_say', {
      topic: 'plan',
      title: 'First',
      body: 'Hello from the hub',
    });
    expect(said.isError).not.toBe(true);
    const text = (await world.fake.readFile(REPO, 'threads/plan.md')) ?? '';
    const [entry] = parseThread(text).entries;
    expect(entry?.agent).toBe('Claude Code (alice)');
    const log = await world.fake.git(REPO, ['log', '-1', '--format=%an <%ae>', 'main']);
    expect(log.trim()).toBe('alice <alice@users.noreply.github.com>');
    await alice.close();
  });

  it('reads from its copy, and sees a push made straight to GitHub', async () => {
    const bob = await connect(world.mcp, bearer('bob'));
    await call(bob, 'watercooler_read_thread', { topic: 'plan' });
    world.fake.resetRequests();
    await call(bob, 'watercooler_read_thread', { topic: 'plan' });
    await call(bob, 'watercooler_list_threads', {});
    expect(world.fake.count((r) => !r.conditional)).toBe(0);
    const before = (await world.fake.readFile(REPO, 'threads/plan.md')) ?? '';
    await world.fake.commitFiles(REPO, {
      'threads/plan.md': `${before.trimEnd()}\n\n---\n\nEntry: Human (carol) 2026-12-02T08:00:00Z\nRole: pm\nType: Note\nTitle: Pushed by hand\n\nFrom git.\n`,
    });
    await until(
      async () =>
        textOf(await call(bob, 'watercooler_read_thread', { topic: 'plan' })).includes(
          'Pushed by hand',
        ),
      20_000,
    );
    await bob.close();
  });

  it('refuses a missing or unknown bearer token with a challenge', async () => {
    const none = await fetch(world.mcp, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate') ?? '').toMatch(/resource_metadata=/);
    const wrong = await fetch(world.mcp, {
      method: 'POST',
      headers: { authorization: 'Bearer not-a-token-of-this-hub-000000' },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
  });

  it('says so when GitHub is down, and claims nothing', async () => {
    const alice = await connect(world.mcp, bearer('alice'));
    world.fake.loseAnswers(10, { method: 'POST', status: 503 });
    const r = await call(alice, 'watercooler_say', {
      topic: 'plan',
      title: 'Lost?',
      body: 'GitHub is down',
    });
    world.fake.loseAnswers(0);
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/GitHub answered 503/);
    expect(textOf(r)).toMatch(/Nothing was written/);
    expect((await world.fake.readFile(REPO, 'threads/plan.md')) ?? '').not.toContain('Lost?');
    await alice.close();
  });
});
