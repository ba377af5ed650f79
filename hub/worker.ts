import { type OAuthHelpers, OAuthProvider } from '@cloudflare/workers-oauth-provider';
import { type HubConfig, type HubEnv, hubConfig } from './env.js';
import { USER_HEADER } from './hub-object.js';
import { type HubProps, signIn } from './sign-in.js';

export { ThreadsHub } from './hub-object.js';

interface ApiContext {
  props?: HubProps;
}

const json = (status: number, message: string, headers: Record<string, string> = {}) =>
  Response.json(
    { jsonrpc: '2.0', error: { code: -32000, message }, id: null },
    { status, headers },
  );

async function digest(token: string): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The MCP endpoint behind the provider's token check: hand the request to the repository's object. */
async function toHub(
  request: Request,
  env: HubEnv,
  props: HubProps | undefined,
  config: HubConfig,
) {
  if (props === undefined) return json(401, 'A bearer token is required.');
  if (props.repo !== config.repo) {
    return json(403, `This token was issued for the hub of ${props.repo}, not ${config.repo}.`, {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  }
  const headers = new Headers(request.headers);
  headers.set(USER_HEADER, JSON.stringify({ login: props.login, access: props.access }));
  const hub = env.HUB.get(env.HUB.idFromName(config.repo));
  return hub.fetch(new Request(request, { headers }));
}

/** One provider per origin: the resource it protects is this origin's /mcp. */
const providers = new Map<string, OAuthProvider<HubEnv>>();
let cached: { env: HubEnv; config: HubConfig; tokens: Map<string, string> } | null = null;

async function configOf(env: HubEnv) {
  if (cached?.env !== env) {
    const config = hubConfig(env);
    const tokens = new Map<string, string>();
    for (const [token, login] of config.tokens) tokens.set(await digest(token), login);
    cached = { env, config, tokens };
  }
  return cached;
}

function providerFor(origin: string): OAuthProvider<HubEnv> {
  let provider = providers.get(origin);
  if (provider !== undefined) return provider;
  const resource = `${origin}/mcp`;
  provider = new OAuthProvider<HubEnv>({
    apiRoute: '/mcp',
    apiHandler: {
      fetch: async (request: Request, env: HubEnv, ctx: ApiContext) =>
        toHub(request, env, ctx.props, (await configOf(env)).config),
    },
    defaultHandler: {
      fetch: async (request: Request, env: HubEnv & { OAUTH_PROVIDER: OAuthHelpers }) => {
        const { config } = await configOf(env);
        const answer = await signIn(request, config, env.OAUTH_PROVIDER);
        if (answer !== null) return answer;
        if (new URL(request.url).pathname === '/')
          return new Response(`Watercooler hub for ${config.repo}. MCP endpoint: ${resource}\n`);
        return new Response('Not found.\n', { status: 404 });
      },
    },
    authorizeEndpoint: '/authorize',
    tokenEndpoint: '/token',
    clientRegistrationEndpoint: '/register',
    scopesSupported: ['threads'],
    resourceMetadata: { resource, authorization_servers: [origin], resource_name: 'Watercooler' },
    resolveExternalToken: async ({ token, env }) => {
      const { config, tokens } = await configOf(env);
      const login = tokens.get(await digest(token));
      if (login === undefined) return null;
      const props: HubProps = { login, access: 'write', repo: config.repo };
      return { props, audience: resource };
    },
  });
  providers.set(origin, provider);
  return provider;
}

export default {
  async fetch(request: Request, env: HubEnv, ctx: unknown): Promise<Response> {
    try {
      await configOf(env);
    } catch (err) {
      const hint = (err as { hint?: string }).hint;
      return new Response(`${err instanceof Error ? err.message : String(err)} ${hint ?? ''}\n`, {
        status: 500,
      });
    }
    const provider = providerFor(new URL(request.url).origin);
    return provider.fetch(request, env, ctx as never);
  },
};
