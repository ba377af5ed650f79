import { z } from 'zod';
import { WatercoolerError, registerSecret } from '../core/index.js';

/** The Durable Object namespace binding, as much of it as the Worker uses. */
export interface HubNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): { fetch(request: Request): Promise<Response> };
}

/** The Worker's bindings (wrangler.jsonc `vars` and secrets; miniflare `bindings` in dev). */
export interface HubEnv {
  HUB: HubNamespace;
  /** The OAuth provider's grants and tokens (hashes only). */
  OAUTH_KV: unknown;
  /** OWNER/REPO[@BRANCH]: the threads repository this hub serves. */
  WATERCOOLER_GITHUB_REPO?: string;
  /** The hub's own write token (a secret): every commit goes through it. */
  WATERCOOLER_GITHUB_TOKEN?: string;
  WATERCOOLER_GITHUB_API_URL?: string;
  /** `login=token,…` (a secret): static bearer tokens for machine clients. */
  WATERCOOLER_HUB_TOKENS?: string;
  /** The GitHub OAuth app that signs people in (the secret is a secret). */
  GITHUB_CLIENT_ID?: string;
  GITHUB_CLIENT_SECRET?: string;
  /** Where GitHub's OAuth pages live (default https://github.com; GitHub Enterprise: its host). */
  WATERCOOLER_GITHUB_OAUTH_URL?: string;
}

export interface HubConfig {
  repo: string;
  token: string;
  apiUrl: string;
  oauthUrl: string;
  /** Static bearer token → login. */
  tokens: Map<string, string>;
  oauth: { clientId: string; clientSecret: string } | null;
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TokenList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(
          /^[^=\s]+=\S{16,}$/,
          'each item is login=token, with a token of 16 characters or more',
        ),
    ),
  );

const need = (value: string | undefined, name: string, what: string): string => {
  if (value === undefined || value.trim() === '') {
    throw new WatercoolerError('CONFIG', `The hub has no ${name}.`, {
      hint: `Set ${name} to ${what} (wrangler secret put ${name}, or the environment of npm run hub:dev).`,
    });
  }
  return value.trim();
};

/** Reads and checks the bindings once per isolate; a bad value is a CONFIG error naming it. */
export function hubConfig(env: HubEnv): HubConfig {
  const repo = need(env.WATERCOOLER_GITHUB_REPO, 'WATERCOOLER_GITHUB_REPO', 'OWNER/REPO[@BRANCH]');
  const token = need(
    env.WATERCOOLER_GITHUB_TOKEN,
    'WATERCOOLER_GITHUB_TOKEN',
    'a GitHub token with Contents: read and write on the repository',
  );
  registerSecret(token);
  const parsed = TokenList.safeParse(env.WATERCOOLER_HUB_TOKENS ?? '');
  if (!parsed.success) {
    throw new WatercoolerError(
      'CONFIG',
      `WATERCOOLER_HUB_TOKENS is not a list of login=token: ${parsed.error.issues[0]?.message ?? ''}.`,
      {
        hint: 'Write it as alice=<random token>,ci-bot=<random token> (openssl rand -hex 32 makes one).',
      },
    );
  }
  const tokens = new Map<string, string>();
  for (const item of parsed.data) {
    const at = item.indexOf('=');
    const login = item.slice(0, at);
    const secret = item.slice(at + 1);
    if (!LOGIN.test(login)) {
      throw new WatercoolerError(
        'CONFIG',
        `WATERCOOLER_HUB_TOKENS: "${login}" is not a GitHub login.`,
        {
          hint: 'Name each token after the GitHub login whose entries it writes.',
        },
      );
    }
    registerSecret(secret);
    tokens.set(secret, login);
  }
  const clientId = env.GITHUB_CLIENT_ID?.trim() ?? '';
  const clientSecret = env.GITHUB_CLIENT_SECRET?.trim() ?? '';
  if (clientSecret !== '') registerSecret(clientSecret);
  return {
    repo,
    token,
    apiUrl: (env.WATERCOOLER_GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    oauthUrl: (env.WATERCOOLER_GITHUB_OAUTH_URL ?? 'https://github.com').replace(/\/+$/, ''),
    tokens,
    oauth: clientId !== '' && clientSecret !== '' ? { clientId, clientSecret } : null,
  };
}
