/**
 * Signing in to the hub (MCP authorization: OAuth 2.1, PKCE, dynamic client registration) with
 * GitHub as the identity provider, end to end: the SDK client's own OAuth flow against the hub in
 * workerd, a browser played by fetch through the hub's consent page and the fake GitHub's OAuth
 * pages, then MCP over Streamable HTTP with the issued token:
 * - a login GitHub grants write access writes, and is the entry's user and the commit's author;
 * - a login with read access reads, and its write is refused with what to do;
 * - a login without access gets no token (access_denied);
 * - a token issued by another repository's hub is refused: by a hub with its own grants (the
 *   token is unknown there), and by a hub of another repository sharing the grants' KV namespace
 *   and origin (the grant names the repository it was issued for).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  type OAuthClientProvider,
  UnauthorizedError,
} from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  OAuthClientInformationMixed,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseThread } from '../../core/index.js';
import { type HubDev, startHub } from '../../hub/dev.js';
import { type HubWorld, REPO, HUB_TOKEN, call, startWorld, textOf } from './harness.js';

const CLIENT_ID = 'Iv1.hubtestclient';
const CLIENT_SECRET = 'hub-test-oauth-app-secret-000000000001';
const REDIRECT = 'http://127.0.0.1:9/callback';
let world: HubWorld;

beforeAll(async () => {
  world = await startWorld([], (fake) => ({
    oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, url: fake.url },
  }));
});
afterAll(async () => {
  await world?.close();
});

/** A browser: follows the hub's and GitHub's pages, keeping cookies per host, until the client's redirect. */
async function browse(start: URL, approve = true): Promise<URL> {
  const jar = new Map<string, string>();
  let url = start;
  let init: RequestInit = {};
  for (let hops = 0; hops < 10; hops++) {
    const cookie = jar.get(url.host);
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0] ?? '';
      jar.set(url.host, [jar.get(url.host), pair].filter(Boolean).join('; '));
    }
    const location = res.headers.get('location');
    if (location !== null) {
      url = new URL(location, url);
      init = {};
      if (url.href.startsWith(REDIRECT)) return url;
      continue;
    }
    const html = await res.text();
    const handle = /name="handle" value="([^"]+)"/.exec(html)?.[1];
    if (handle === undefined)
      throw new Error(`stuck at ${url.href} (${res.status}): ${html.slice(0, 300)}`);
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ handle, decision: approve ? 'approve' : 'deny' }).toString(),
    };
  }
  throw new Error('too many redirects');
}

/** The SDK's OAuth client, holding its registration, verifier and tokens in memory. */
function provider(): OAuthClientProvider & { authorizationUrl: URL | null } {
  let info: OAuthClientInformationMixed | undefined;
  let tokens: OAuthTokens | undefined;
  let verifier = '';
  return {
    authorizationUrl: null,
    get redirectUrl() {
      return REDIRECT;
    },
    get clientMetadata() {
      return {
        client_name: 'Hub test client',
        redirect_uris: [REDIRECT],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
      };
    },
    clientInformation: () => info,
    saveClientInformation: (i) => void (info = i),
    tokens: () => tokens,
    saveTokens: (t) => void (tokens = t),
    redirectToAuthorization(url) {
      this.authorizationUrl = url;
    },
    saveCodeVerifier: (v) => void (verifier = v),
    codeVerifier: () => verifier,
  };
}

/** Signs in as `login` through the whole flow; the connected client, or the error the flow ended in. */
async function signInAs(login: string, mcp = world.mcp) {
  world.fake.oauth.signedIn = login;
  const auth = provider();
  const first = new StreamableHTTPClientTransport(new URL(mcp), { authProvider: auth });
  const client = new Client({ name: 'claude-code', version: '1.0.0' });
  await expect(client.connect(first)).rejects.toBeInstanceOf(UnauthorizedError);
  const back = await browse(auth.authorizationUrl as URL);
  const code = back.searchParams.get('code');
  if (code === null) return { error: back.searchParams.get('error'), auth };
  await first.finishAuth(code);
  const transport = new StreamableHTTPClientTransport(new URL(mcp), { authProvider: auth });
  const signed = new Client({ name: 'claude-code', version: '1.0.0' });
  await signed.connect(transport);
  return { client: { client: signed, transport, close: () => signed.close() }, auth };
}

/** An MCP ping to a hub with a bearer token, as any client's first request would carry it. */
const ping = (hub: HubDev, token: string) =>
  fetch(`${hub.origin}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  });

describe('sign-in with GitHub', () => {
  it('registers, authorizes, and writes as the signed-in login', async () => {
    world.fake.oauth.addApp(CLIENT_ID, CLIENT_SECRET);
    world.fake.addToken('alice-profile-token-0000000000000001', { login: 'alice', repos: [REPO] });
    const { client } = await signInAs('alice');
    expect(client).toBeDefined();
    const r = await call(client!, 'watercooler_say', {
      topic: 'oauth',
      title: 'Hi',
      body: 'signed in',
    });
    expect(r.isError).not.toBe(true);
    const text = (await world.fake.readFile(REPO, 'threads/oauth.md')) ?? '';
    expect(parseThread(text).entries[0]?.agent).toBe('Claude Code (alice)');
    const author = await world.fake.git(REPO, ['log', '-1', '--format=%an', 'main']);
    expect(author.trim()).toBe('alice');
    await client!.close();
  });

  it('lets a reader read and refuses its write', async () => {
    world.fake.addToken('rita-profile-token-00000000000000001', {
      login: 'rita',
      repos: [REPO],
      permission: 'read',
    });
    const { client } = await signInAs('rita');
    const read = await call(client!, 'watercooler_read_thread', { topic: 'oauth' });
    expect(read.isError).not.toBe(true);
    const r = await call(client!, 'watercooler_say', { topic: 'oauth', title: 'No', body: 'x' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/rita may read .* but not write/);
    await client!.close();
  });

  it('gives no token to a login without access', async () => {
    const { client, error } = await signInAs('mallory');
    expect(client).toBeUndefined();
    expect(error).toBe('access_denied');
  });

  it("refuses a token issued by another repository's hub", async () => {
    await world.fake.createRepo('acme/other', { files: { 'README.md': '# other\n' } });
    world.fake.addToken(`${HUB_TOKEN}-other`, { login: 'hub-bot', repos: ['acme/other'] });
    const other: HubDev = await startHub({
      repo: 'acme/other',
      token: `${HUB_TOKEN}-other`,
      apiUrl: world.fake.url,
      bundle: world.bundle,
      oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, url: world.fake.url },
    });
    try {
      const { auth } = await signInAs('alice');
      const token = (await auth.tokens())?.access_token ?? '';
      const res = await ping(other, token);
      expect(res.status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it("refuses a token of another repository's hub that shares its grants' KV", async () => {
    world.fake.oauth.addApp(CLIENT_ID, CLIENT_SECRET);
    world.fake.addToken('alice-profile-token-0000000000000001', { login: 'alice', repos: [REPO] });
    await world.fake.createRepo('acme/shared', { files: { 'README.md': '# shared\n' } });
    world.fake.addToken(`${HUB_TOKEN}-shared`, { login: 'hub-bot', repos: ['acme/shared'] });
    const stateDir = mkdtempSync(join(tmpdir(), 'watercooler-hub-kv-'));
    const hubOf = (repo: string, port = 0) =>
      startHub({
        repo,
        token: repo === REPO ? HUB_TOKEN : `${HUB_TOKEN}-shared`,
        apiUrl: world.fake.url,
        bundle: world.bundle,
        stateDir,
        port,
        oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, url: world.fake.url },
      });
    // One Cloudflare account, one KV namespace for the grants of two hubs on one origin (a
    // deploy that repointed the hub): the same token, the same audience, another repository.
    const first = await hubOf(REPO);
    let second: HubDev | null = null;
    try {
      const { client, auth } = await signInAs('alice', `${first.origin}/mcp`);
      await client?.close();
      const token = (await auth.tokens())?.access_token ?? '';
      await first.close();
      second = await hubOf('acme/shared', first.port);
      const res = await ping(second, token);
      expect(res.status).toBe(403);
      expect(res.headers.get('www-authenticate') ?? '').toMatch(/invalid_token/);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        `This token was issued for the hub of ${REPO}, not acme/shared.`,
      );
    } finally {
      await (second ?? first).close().catch(() => {});
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
