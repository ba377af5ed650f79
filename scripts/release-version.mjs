#!/usr/bin/env node
// Runs right after `changeset version` (npm run version-packages). Changesets versions the main
// package; the scaffolder's package is outside its view (no workspaces: the root *is* the
// `watercooler` package), so this gives it the same version and pins that exact version as its
// dependency: `npx create-watercooler@X` always runs the scaffolder, template and Action of
// watercooler@X. The lockfile's own version follows, so `npm ci` stays in sync without a network.
import { readFileSync, writeFileSync } from 'node:fs';
import { URL } from 'node:url';

const ROOT = new URL('..', import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(new URL(path, ROOT), 'utf8'));
const writeJson = (path, value) =>
  writeFileSync(new URL(path, ROOT), `${JSON.stringify(value, null, 2)}\n`);

const { version } = readJson('package.json');

const thin = readJson('packages/create-watercooler/package.json');
thin.version = version;
thin.dependencies.watercooler = version;
writeJson('packages/create-watercooler/package.json', thin);

const lock = readJson('package-lock.json');
lock.version = version;
lock.packages[''].version = version;
writeJson('package-lock.json', lock);

console.log(`watercooler and create-watercooler are at ${version}`);
