/**
 * GitHub's OAuth web flow for the fake GitHub, as documented at
 * https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps:
 * `GET /login/oauth/authorize` (here the browser is already signed in as `signedIn` and approves
 * at once: a 302 back to `redirect_uri` with `code` and `state`), `POST /login/oauth/access_token`
 * (client id and secret, the code, the redirect URI and the PKCE verifier; errors come as 200 with
 * `error`, as GitHub sends them), and the issued token then works on the API (`/user`).
 */
import { createHash, randomBytes } from 'node:crypto';

export interface OAuthReply {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

interface PendingCode {
  login: string;
  clientId: string;
  redirectUri: string;
  challenge: string | null;
  expires: number;
}

const s256 = (v: string) => createHash('sha256').update(v).digest('base64url');

export class FakeOAuth {
  /** The login the browser is signed in to GitHub as (null: GitHub shows its sign-in page). */
  signedIn: string | null = null;
  private readonly apps = new Map<string, string>();
  private readonly codes = new Map<string, PendingCode>();

  /** `issue(login)` registers a new API token for the login and returns it. */
  constructor(private readonly issue: (login: string) => string) {}

  addApp(clientId: string, clientSecret: string): void {
    this.apps.set(clientId, clientSecret);
  }

  /** Answers /login/oauth/* (null for any other path). */
  handle(method: string, url: URL, body: Buffer | null, contentType: string): OAuthReply | null {
    if (url.pathname === '/login/oauth/authorize' && method === 'GET') return this.authorize(url);
    if (url.pathname === '/login/oauth/access_token' && method === 'POST')
      return this.token(body, contentType);
    return null;
  }

  private authorize(url: URL): OAuthReply {
    const q = url.searchParams;
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!this.apps.has(clientId)) return { status: 404, text: 'Not Found (unknown client_id)' };
    if (this.signedIn === null) return { status: 200, text: '<h1>Sign in to GitHub</h1>' };
    const method = q.get('code_challenge_method');
    if (q.get('code_challenge') !== null && method !== 'S256')
      return { status: 400, text: 'code_challenge_method must be S256' };
    const code = randomBytes(10).toString('hex');
    this.codes.set(code, {
      login: this.signedIn,
      clientId,
      redirectUri,
      challenge: q.get('code_challenge'),
      expires: Date.now() + 600_000,
    });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    const state = q.get('state');
    if (state !== null) back.searchParams.set('state', state);
    return { status: 302, headers: { location: back.toString() } };
  }

  private token(raw: Buffer | null, contentType: string): OAuthReply {
    const text = raw?.toString('utf8') ?? '';
    const input: Record<string, string> = contentType.includes('json')
      ? (JSON.parse(text || '{}') as Record<string, string>)
      : Object.fromEntries(new URLSearchParams(text));
    const fail = (error: string, description: string): OAuthReply => ({
      status: 200,
      body: { error, error_description: description },
    });
    const secret = this.apps.get(input.client_id ?? '');
    if (secret === undefined || secret !== input.client_secret)
      return fail(
        'incorrect_client_credentials',
        'The client_id and/or client_secret passed are incorrect.',
      );
    const pending = this.codes.get(input.code ?? '');
    this.codes.delete(input.code ?? '');
    if (
      pending === undefined ||
      pending.expires < Date.now() ||
      pending.clientId !== input.client_id
    )
      return fail('bad_verification_code', 'The code passed is incorrect or expired.');
    if (input.redirect_uri !== undefined && input.redirect_uri !== pending.redirectUri)
      return fail(
        'redirect_uri_mismatch',
        'The redirect_uri MUST match the registered callback URL for this application.',
      );
    if (pending.challenge !== null && s256(input.code_verifier ?? '') !== pending.challenge)
      return fail('bad_verification_code', 'The code_verifier does not match the code_challenge.');
    return {
      status: 200,
      body: { access_token: this.issue(pending.login), token_type: 'bearer', scope: '' },
    };
  }
}
