/**
 * `npm run bench`: every area's measurements in one table, each row next to its SPEC §9 target.
 * Run one area with `npm run bench -- <area>`. Speed is measured here, never asserted in tests.
 */
import { execFileSync } from 'node:child_process';
import type { BenchRow } from './table.js';
import { printTable } from './table.js';

const AREAS: Record<string, () => Promise<{ bench: () => Promise<BenchRow[]> }>> = {
  core: () => import('./core.js'),
  action: () => import('./action.js'),
  mcp: () => import('./mcp.js'),
  github: () => import('./github.js'),
  git: () => import('./git.js'),
  tui: () => import('./tui.js'),
  'thread-view': () => import('./thread-view.js'),
  hub: () => import('./hub.js'),
};

const only = process.argv.slice(2);
execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
const rows: BenchRow[] = [];
for (const [area, load] of Object.entries(AREAS)) {
  if (only.length > 0 && !only.includes(area)) continue;
  process.stderr.write(`bench: ${area}…\n`);
  try {
    rows.push(...(await (await load()).bench()).map((r) => ({ ...r, work: `${area}: ${r.work}` })));
  } catch (err) {
    rows.push({ work: `${area}: failed — ${(err as Error).message}`, ours: '—', target: '—' });
  }
}
printTable(rows);
