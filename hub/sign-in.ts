import type { AuthRequest, OAuthHelpers } from '@cloudflare/workers-oauth-provider';
import { authorizationErrorRedirect } from '@cloudflare/workers-oauth-provider';
import type { HubConfig } from './env.js';
import type { HubUser } from './hub-store.js';

/** What a grant carries to the MCP endpoint (encrypted by the provider, handed back per request). */
export interface HubProps extends HubUser {
  /** The repository the grant is for: a token of another repository's hub is refused. */
  repo: string;
}

const escape = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(status: number, title: string, body: string, headers = new Headers()): Response {
  headers.set('content-type', 'text/html; charset=utf-8');
  const html = `<!doctype html><meta charset="utf-8"><title>${escape(title)}</title>
<h1>${escape(title)}</h1>${body}`;
  return new Response(html, { status, headers });
}

async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** GitHub's word for what a login may do on the repository, as the hub's own token sees it. */
async function accessOf(config: HubConfig, login: string): Promise<HubUser['access'] | null> {
  const [owner, name] = config.repo.replace(/@.*$/, '').split('/');
  const res = await fetch(
    `${config.apiUrl}/repos/${owner}/${name}/collaborators/${encodeURIComponent(login)}/permission`,
    {
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${config.token}`,
        'user-agent': 'watercooler-hub',
      },
    },
  );
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`GitHub answered ${res.status} to the permission check`);
  const { permission } = (await res.json()) as { permission?: string };
  if (permission === 'admin' || permission === 'write' || permission === 'maintain') return 'write';
  if (permission === 'read' || permission === 'triage') return 'read';
  return null;
}

/** Trades GitHub's code for the user's token and asks GitHub whose it is. */
async function githubLogin(
  config: HubConfig,
  oauth: NonNullable<HubConfig['oauth']>,
  code: string,
  verifier: string,
  redirectUri: string,
): Promise<string> {
  const res = await fetch(`${config.oauthUrl}/login/oauth/access_token`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  const token = (await res.json()) as { access_token?: string; error?: string };
  if (token.access_token === undefined)
    throw new Error(`GitHub refused the sign-in code (${token.error ?? res.status})`);
  const user = await fetch(`${config.apiUrl}/user`, {
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${token.access_token}`,
      'user-agent': 'watercooler-hub',
    },
  });
  if (!user.ok) throw new Error(`GitHub answered ${user.status} to /user`);
  const { login } = (await user.json()) as { login?: string };
  if (typeof login !== 'string' || login === '') throw new Error('GitHub named no login');
  return login;
}

function consentPage(
  config: HubConfig,
  details: Awaited<ReturnType<OAuthHelpers['describeConsent']>>,
  handle: string,
  headers: Headers,
): Response {
  const name = escape(details.clientName);
  const local = details.redirectIsLoopback
    ? '<p><strong>This sends access to an app on your computer.</strong> Continue only if you just started signing in from it.</p>'
    : '';
  return page(
    200,
    `Allow ${details.clientName} to use the Watercooler hub?`,
    `<p>${name} (its name is self-declared) asks to read and write the threads of
<strong>${escape(config.repo)}</strong> as you. Access goes to <strong>${escape(details.redirectHost)}</strong>.</p>
${local}<p>You sign in with GitHub next; what you may do follows your access to the repository.</p>
<form method="post"><input type="hidden" name="handle" value="${escape(handle)}">
<button name="decision" value="approve">Allow and sign in with GitHub</button>
<button name="decision" value="deny">Deny</button></form>`,
    headers,
  );
}

/**
 * The hub's own pages of the MCP authorization flow: a consent page per client (dynamic
 * registration makes every client a stranger), then GitHub as the identity provider, then the
 * repository's permission for that login decides read or write. Returns null for other paths.
 */
export async function signIn(
  request: Request,
  config: HubConfig,
  helpers: OAuthHelpers,
): Promise<Response | null> {
  const url = new URL(request.url);
  if (url.pathname !== '/authorize' && url.pathname !== '/callback') return null;
  const oauth = config.oauth;
  if (oauth === null) {
    return page(
      501,
      'Sign-in with GitHub is not set up on this hub',
      '<p>Its owner sets GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (a GitHub OAuth app), or hands out bearer tokens (WATERCOOLER_HUB_TOKENS).</p>',
    );
  }
  try {
    if (url.pathname === '/authorize' && request.method === 'GET') {
      const auth = await helpers.parseAuthRequest(request);
      const details = await helpers.describeConsent(auth);
      const consent = await helpers.beginConsent(auth);
      return consentPage(config, details, consent.handle, consent.headers);
    }
    if (url.pathname === '/authorize' && request.method === 'POST') {
      const form = await request.formData();
      const handle = String(form.get('handle') ?? '');
      if (form.get('decision') !== 'approve') {
        const denied = await helpers.denyConsent(request, handle);
        return new Response(null, { status: 302, headers: denied.headers });
      }
      const approved = await helpers.approveConsent(request, handle);
      const verifier = crypto.randomUUID() + crypto.randomUUID();
      const { state, headers } = await helpers.beginUpstream(approved.request, {
        data: { verifier },
        headers: approved.headers,
      });
      const to = new URL(`${config.oauthUrl}/login/oauth/authorize`);
      to.searchParams.set('client_id', oauth.clientId);
      to.searchParams.set('redirect_uri', `${url.origin}/callback`);
      to.searchParams.set('state', state);
      to.searchParams.set('code_challenge', await s256(verifier));
      to.searchParams.set('code_challenge_method', 'S256');
      headers.set('location', to.toString());
      return new Response(null, { status: 302, headers });
    }
    return await callback(request, url, config, oauth, helpers);
  } catch (err) {
    return page(
      400,
      'Sign-in failed',
      `<p>${escape(err instanceof Error ? err.message : String(err))}</p>`,
    );
  }
}

async function callback(
  request: Request,
  url: URL,
  config: HubConfig,
  oauth: NonNullable<HubConfig['oauth']>,
  helpers: OAuthHelpers,
): Promise<Response> {
  const resumed = await helpers.finishUpstream<{ verifier: string }>(request);
  const refuse = (original: AuthRequest, description: string) => {
    resumed.headers.set(
      'location',
      authorizationErrorRedirect(original, 'access_denied', description),
    );
    return new Response(null, { status: 302, headers: resumed.headers });
  };
  const code = url.searchParams.get('code');
  if (url.searchParams.get('error') !== null || code === null)
    return refuse(resumed.request, 'GitHub sign-in was declined.');
  const login = await githubLogin(
    config,
    oauth,
    code,
    resumed.data.verifier,
    `${url.origin}/callback`,
  );
  const access = await accessOf(config, login);
  if (access === null) return refuse(resumed.request, `${login} has no access to ${config.repo}.`);
  const props: HubProps = { login, access, repo: config.repo };
  const { redirectTo } = await helpers.completeAuthorization({
    request: resumed.request,
    userId: login,
    metadata: { login },
    scope: resumed.request.scope,
    props,
  });
  resumed.headers.set('location', redirectTo);
  return new Response(null, { status: 302, headers: resumed.headers });
}
