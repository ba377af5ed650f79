/**
 * Secrets registered here are scrubbed from every message, log line and error the project
 * produces. The edges register the tokens they read; core never sees where they came from.
 */
const secrets = new Set<string>();

// Shapes of credentials that must never be printed even if nobody registered them.
const PATTERNS: RegExp[] = [
  /\b(gh[pousr]_[A-Za-z0-9]{20,})\b/g,
  /\b(github_pat_[A-Za-z0-9_]{20,})\b/g,
  /(\/\/[^/\s:@]+:)([^@\s/]+)(@)/g,
  // The credential itself (RFC 6750 token characters), not a placeholder or the next word.
  /(authorization:\s*(?:bearer|token|basic)\s+)([A-Za-z0-9\-._~+/]+=*)/gi,
];

/** Registers a secret (a token, a password) so that `redact` removes it from any string. */
export function registerSecret(secret: string | undefined): void {
  if (secret !== undefined && secret.length >= 4) secrets.add(secret);
}

/** Returns `text` with every registered secret and every credential-shaped string replaced. */
export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('***');
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match, ...groups: unknown[]) => {
      const parts = groups.slice(0, -2).filter((g): g is string => typeof g === 'string');
      if (parts.length === 3) return `${parts[0]}***${parts[2]}`;
      if (parts.length === 2) return `${parts[0]}***`;
      return match.length > 0 ? '***' : match;
    });
  }
  return out;
}
