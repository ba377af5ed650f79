import type { ListRow } from '../../core/index.js';

/**
 * `list` on a terminal, the way gh prints its tables: a header, columns aligned with two spaces,
 * times relative to now, the title cut to fit the terminal. Piped, `list` keeps the Python tool's
 * tab-separated rows (see list.ts), which scripts parse.
 */
export function relativeTime(iso: string | null, now: number): string {
  if (iso === null) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const s = Math.round((now - then) / 1000);
  if (s < 0) return 'in the future';
  const ago = (n: number, unit: string, about = false) =>
    `${about ? 'about ' : ''}${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (s < 60) return 'less than a minute ago';
  if (s < 3600) return ago(Math.round(s / 60), 'minute');
  if (s < 86_400) return ago(Math.round(s / 3600), 'hour', true);
  if (s < 30 * 86_400) return ago(Math.round(s / 86_400), 'day');
  if (s < 365 * 86_400) return ago(Math.round(s / (30 * 86_400)), 'month', true);
  return ago(Math.round(s / (365 * 86_400)), 'year', true);
}

const width = (s: string) => [...s].length;

function cut(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** The table's lines for `rows`, fitted to `columns` (no limit when unknown). */
export function renderListTable(rows: readonly ListRow[], now: number, columns?: number): string[] {
  const header = ['TOPIC', 'TITLE', 'STATUS', 'BALL', 'NEW', 'UPDATED'];
  const cells = rows.map((r) => [
    r.topic,
    r.title,
    r.status.toLowerCase(),
    r.ball,
    r.is_new ? 'NEW' : '',
    relativeTime(r.updated, now),
  ]);
  const widths = header.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i] ?? ''))));
  if (columns !== undefined && columns > 0) {
    // The title gives way first, down to 10 characters.
    const others =
      widths.reduce((sum, w, i) => (i === 1 ? sum : sum + w), 0) + 2 * (widths.length - 1);
    widths[1] = Math.max(10, Math.min(widths[1] ?? 10, columns - others));
  }
  const line = (c: string[]) =>
    c
      .map((v, i) => {
        const w = widths[i] ?? 0;
        const text = cut(v, w);
        return i === c.length - 1 ? text : text + ' '.repeat(w - width(text));
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...cells.map(line)];
}
