/**
 * DNS-rebinding protection: which Host (and Origin) names a request may carry. Loopback names
 * on the bound port always pass; `--allowed-host` adds the names clients really use: a bare
 * name (any port, as behind a reverse proxy on 443), `name:port`, or `*` for any Host (when a
 * proxy in front already checks it).
 */
import { WatercoolerError } from '../core/index.js';

export interface HostCheck {
  /** True when `host` (a Host header, or an Origin's host[:port]) may reach the server. */
  allows(host: string): boolean;
  /** What the log line and the 403 name as accepted. */
  readonly names: readonly string[];
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** `[::1]:80` → `[::1]`, `example.com:80` → `example.com`, `example.com` → itself. */
function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

const bracket = (host: string) =>
  host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;

const PORT = '(?::\\d{1,5})?';
/** `*`, a DNS name or IPv4 address, or an IPv6 address (bracketed when a port follows). */
const ALLOWED = new RegExp(
  `^(?:\\*|[a-z0-9](?:[a-z0-9_.-]*[a-z0-9])?${PORT}|\\[[0-9a-f:.]+\\]${PORT}|[0-9a-f:]*:[0-9a-f:.]+)$`,
  'i',
);

/**
 * Refuses an allowed host that no Host header can match (a URL, a path, a space), before the
 * server listens: accepted silently, it would leave every client with a 403.
 */
export function checkAllowedHosts(names: readonly string[]): void {
  for (const raw of names) {
    const name = raw.trim();
    if (ALLOWED.test(name)) continue;
    const bare = name.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '');
    throw new WatercoolerError(
      'INVALID_INPUT',
      `"${raw}" (from --allowed-host or WATERCOOLER_ALLOWED_HOSTS) is not a host name.`,
      {
        hint: `Pass the name as clients put it in the Host header, without scheme or path: ${ALLOWED.test(bare) ? bare : 'team-box.lan'}, or name:port, or * for any.`,
      },
    );
  }
}

export function hostCheck(bound: string, port: number, allowed: readonly string[]): HostCheck {
  const exact = new Set(
    ['127.0.0.1', 'localhost', '[::1]', bracket(bound)].map((h) => `${h.toLowerCase()}:${port}`),
  );
  const anyPort = new Set<string>();
  let any = false;
  for (const raw of allowed) {
    const name = raw.trim().toLowerCase();
    if (name === '') continue;
    if (name === '*') any = true;
    else if (/:\d+$/.test(name) && !/^[^[]*:.*:/.test(name)) exact.add(name);
    else anyPort.add(bracket(name));
  }
  return {
    names: any ? ['*'] : [...exact, ...anyPort],
    allows: (host) => {
      const h = host.trim().toLowerCase();
      if (h === '') return false;
      return any || exact.has(h) || anyPort.has(hostname(h)) || anyPort.has(h);
    },
  };
}

/** The host[:port] of an Origin header, or null when it is not an http(s) origin. */
export function originHost(origin: string): string | null {
  const match = /^https?:\/\/([^/]+)$/i.exec(origin.trim().replace(/\/$/, ''));
  return match?.[1] ?? null;
}
