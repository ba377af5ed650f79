/**
 * GitHub's REST API over `fetch` alone: what a store needs where Octokit does not go (the hub's
 * Durable Object in the Workers runtime) and what a single writer needs to stay lean. Failures
 * are thrown in the shape github-errors.ts reads (the same as Octokit's RequestError).
 */
export interface RestOptions {
  token: string;
  /** API base URL (GitHub Enterprise: https://HOST/api/v3). */
  baseUrl: string;
  fetch?: typeof fetch;
}

export interface RestAnswer<T> {
  status: number;
  data: T;
  etag: string | undefined;
}

/** One request under /repos/OWNER/REPO; `etag` makes it conditional (a 304 answers null data). */
export type RepoCall = <T>(
  method: string,
  path: string,
  body?: unknown,
  etag?: string,
) => Promise<RestAnswer<T>>;

/** An HTTP failure: status, headers and GitHub's body, as github-errors.ts reads them. */
class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly response: { headers: Record<string, string>; data: unknown },
  ) {
    super(`HTTP ${status}`);
  }
}

const RETRIES = 2;
const RETRY_DELAY_MS = 150;

/** The caller of one repository's endpoints. */
export function repoCaller(options: RestOptions, fullName: string): RepoCall {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const base = `${options.baseUrl.replace(/\/+$/, '')}/repos/${fullName}`;
  return async <T>(method: string, path: string, body?: unknown, etag?: string) => {
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${options.token}`,
      'user-agent': 'watercooler',
      'x-github-api-version': '2022-11-28',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (etag !== undefined) headers['if-none-match'] = etag;
    const send = () =>
      doFetch(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    // Git objects are content-addressed and a ref update names its target: every request made
    // here is safe to repeat, so a 5xx or a dropped connection is retried a little first.
    let res: Response | null = null;
    for (let tries = 0; res === null || (res.status >= 500 && tries <= RETRIES); tries++) {
      if (tries > 0) await new Promise((r) => setTimeout(r, RETRY_DELAY_MS * tries));
      try {
        res = await send();
      } catch (err) {
        if (tries >= RETRIES) throw err;
      }
    }
    const text = res.status === 304 ? '' : await res.text();
    let data: unknown;
    try {
      data = text === '' ? null : JSON.parse(text);
    } catch {
      data = { message: text.slice(0, 200) };
    }
    if (res.status >= 400) {
      const h: Record<string, string> = {};
      res.headers.forEach((v, k) => (h[k] = v));
      throw new HttpFailure(res.status, { headers: h, data });
    }
    return { status: res.status, data: data as T, etag: res.headers.get('etag') ?? undefined };
  };
}

/** Base64 (as GitHub sends blobs, with line breaks) → UTF-8 text, without Node's Buffer. */
export function decodeBase64(content: string): string {
  const bin = atob(content.replace(/\s+/g, ''));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}
