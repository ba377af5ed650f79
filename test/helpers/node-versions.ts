/**
 * The Node majors people run (22, 24), installed from the registry on first use by
 * scripts/node-versions.mjs. null where the registry package has no binary (not linux-x64):
 * callers skip those runs.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../scripts/node-versions.mjs', import.meta.url));
const found = new Map<number, string | null>();

export function nodeBinary(major: 22 | 24): string | null {
  if (!found.has(major)) {
    const line = execFileSync(process.execPath, [SCRIPT, String(major)], {
      encoding: 'utf8',
    }).trim();
    const path = line.split(' ').slice(1).join(' ');
    found.set(major, path === 'unavailable' ? null : path);
  }
  return found.get(major) ?? null;
}
