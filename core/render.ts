import { isClosedStatus } from './thread/entry.js';
import type { ThreadSummary } from './store/store.js';

export interface IndexRow extends ThreadSummary {
  is_new: boolean;
}

/** `index.md` as the Python tool writes it: `Updated | Status | Ball | NEW | Title | Path`. */
export function renderIndexMarkdown(rows: readonly IndexRow[]): string {
  const lines = [
    '# Watercooler Index',
    '',
    'Updated | Status | Ball | NEW | Title | Path',
    '---|---|---|---|---|---',
  ];
  for (const r of rows) {
    const cell = (s: string) => s.replace(/\|/g, '\\|');
    lines.push(
      `${r.updated ?? ''} | ${cell(r.status.toLowerCase())} | ${cell(r.ball)} | ${r.is_new ? 'NEW' : ''} | ${cell(r.title)} | ${cell(r.path)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A static page of the threads, every value escaped (the Python tool escaped none). */
export function renderIndexHtml(rows: readonly IndexRow[]): string {
  const body = rows
    .map(
      (r) =>
        `<tr${isClosedStatus(r.status) ? ' class="closed"' : ''}><td>${escapeHtml(r.updated ?? '')}</td><td>${escapeHtml(r.status.toLowerCase())}</td>` +
        `<td>${escapeHtml(r.ball)}</td><td>${r.is_new ? '<strong style="color:#b00">NEW</strong>' : ''}</td>` +
        `<td>${escapeHtml(r.title)}</td><td><a href="${escapeHtml(encodeURI(r.path))}">${escapeHtml(r.path)}</a></td></tr>`,
    )
    .join('\n');
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Watercooler threads</title>\n' +
    '<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left}.closed{color:#888}</style>\n' +
    '</head><body>\n<h1>Watercooler threads</h1>\n<table>\n<thead><tr><th>Updated</th><th>Status</th><th>Ball</th><th>NEW</th><th>Title</th><th>Path</th></tr></thead>\n<tbody>\n' +
    `${body}\n</tbody>\n</table>\n</body></html>\n`
  );
}
