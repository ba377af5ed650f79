/** Small formatting helpers shared by the screens (pure). */

/** "now", "5m", "3h", "2d", else the date: short enough for a list column. */
export function relativeTime(timestamp: string | null, now: Date): string {
  if (timestamp === null) return '—';
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return '?';
  const s = Math.max(0, Math.round((now.getTime() - at) / 1000));
  if (s < 60) return 'now';
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  if (s < 30 * 86_400) return `${Math.floor(s / 86_400)}d`;
  return new Date(at).toISOString().slice(0, 10);
}

/** An entry's time as the reader wants it: `2026-11-03 14:05Z`. */
export function shortTimestamp(timestamp: string): string {
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return timestamp;
  return new Date(at).toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}

/** The message and hint of any error, for one status line. */
export function describeError(err: unknown): { message: string; hint: string | null } {
  if (err instanceof Error) {
    const hint = (err as { hint?: unknown }).hint;
    return { message: err.message, hint: typeof hint === 'string' ? hint : null };
  }
  return { message: String(err), hint: null };
}
