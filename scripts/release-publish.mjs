#!/usr/bin/env node
// Publishes both packages at their one version, the main package first (the scaffolder pins it).
// A version already on the registry is skipped, so a re-run after a half-done release finishes
// it. Prints changesets' `New tag: name@version` lines, from which its Action makes the tags.
//   node scripts/release-publish.mjs [--provenance] [--registry URL]
// The release workflow passes --provenance; the local-registry test passes --registry.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = [ROOT, join(ROOT, 'packages', 'create-watercooler')];
const BUILT = ['dist/watercooler.js', 'dist/create-watercooler.js', 'action/dist/index.mjs'];

const { values } = parseArgs({
  options: { provenance: { type: 'boolean', default: false }, registry: { type: 'string' } },
});
const registry = values.registry === undefined ? [] : ['--registry', values.registry];

function fail(message) {
  console.error(`release: ${message}`);
  process.exit(1);
}

const manifests = PACKAGES.map((dir) =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')),
);
const [main, thin] = manifests;
if (thin.version !== main.version || thin.dependencies.watercooler !== main.version)
  fail(
    `create-watercooler (${thin.version}, pins watercooler ${thin.dependencies.watercooler}) is not at watercooler's ${main.version}: run npm run version-packages.`,
  );
for (const file of BUILT)
  if (!existsSync(join(ROOT, file))) fail(`${file} is missing: run npm run build first.`);

/** True when name@version is on the registry; any error but "not found" stops the release. */
function published(name, version) {
  const r = spawnSync('npm', ['view', `${name}@${version}`, 'version', ...registry], {
    encoding: 'utf8',
  });
  if (r.status === 0) return r.stdout.trim() === version;
  if (/E404|404 Not Found/.test(r.stderr)) return false;
  fail(`could not ask the registry about ${name}@${version}:\n${r.stderr}`);
}

for (const [i, dir] of PACKAGES.entries()) {
  const { name, version } = manifests[i];
  if (published(name, version)) {
    console.log(`${name}@${version} is already published`);
    continue;
  }
  const args = ['publish', '--access', 'public', ...registry];
  if (values.provenance) args.push('--provenance');
  execFileSync('npm', args, { cwd: dir, stdio: 'inherit' });
  console.log(`New tag: ${name}@${version}`);
}
