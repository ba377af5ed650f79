/**
 * DNS-rebinding protection: which Host (and Origin) names a request may carry. Loopback names
 * on the bound port always pass; `--allowed-host` adds the names clients really use: a bare
 * name (any port, as behind a reverse proxy on 443), `name:port`, or `*` for any Host (when a
 * proxy in front already checks it).
 */
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
