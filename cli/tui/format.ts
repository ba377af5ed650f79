/** Small formatting helpers shared by the screens (pure). */

const DAY = 86_400;

/**
 * "now", "5m", "3h", "2d", "5w", "4mo", "2y": at most four columns, so the list column is never
 * cut to "2026…". `long` adds the date for anything older than a week, for a wide column.
 */
export function relativeTime(timestamp: string | null, now: Date, long = false): string {
  if (timestamp === null) return '—';
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return '?';
  const s = Math.max(0, Math.round((now.getTime() - at) / 1000));
  if (s < 60) return 'now';
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < DAY) return `${Math.floor(s / 3600)}h`;
  const short =
    s < 14 * DAY
      ? `${Math.floor(s / DAY)}d`
      : s < 60 * DAY
        ? `${Math.floor(s / (7 * DAY))}w`
        : s < 365 * DAY
          ? `${Math.floor(s / (30 * DAY))}mo`
          : `${Math.floor(s / (365 * DAY))}y`;
  return long && s >= 7 * DAY ? `${short} ${new Date(at).toISOString().slice(0, 10)}` : short;
}

/** An entry's time as the reader wants it: `2026-11-03 14:05Z`. */
export function shortTimestamp(timestamp: string): string {
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return timestamp;
  return new Date(at).toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}

/**
 * The message and hint of any error, for the status line. Hints written for the command line
 * ("Pass --body") mean nothing in the TUI, so those are left out.
 */
export function describeError(err: unknown): { message: string; hint: string | null } {
  if (err instanceof Error) {
    const hint = (err as { hint?: unknown }).hint;
    const useful = typeof hint === 'string' && !/(^|[\s(`])--[a-z]/.test(hint);
    return { message: err.message, hint: useful ? hint : null };
  }
  return { message: String(err), hint: null };
}

/** "1 match", "3 matches", "3,000 threads". */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
