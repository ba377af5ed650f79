/**
 * The committed Action bundle is what `npm run build:action` makes from today's sources: a
 * repository that vendors the Action runs action/dist/index.mjs as committed, so a stale bundle
 * would ship old rules. Also pins that it is one self-contained ESM file (no imports outside
 * node:*) and that action.yml runs it on node24.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { createThreadRepo, say } from '../helpers/thread-repo.js';
import { pushPayload, runAction } from './harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('action/dist/index.mjs', () => {
  it('equals a fresh build of the sources (run `npm run build:action` when this fails)', async () => {
    const script = pathToFileURL(`${root}scripts/build-action.mjs`).href;
    const { actionBuildOptions } = (await import(script)) as { actionBuildOptions: BuildOptions };
    const result = await build({ ...actionBuildOptions, write: false });
    const fresh = result.outputFiles?.[0]?.text ?? '';
    const committed = readFileSync(`${root}action/dist/index.mjs`, 'utf8');
    expect(fresh.length).toBeGreaterThan(0);
    // Not toBe(): a 1.7 MB diff helps nobody; say what to do instead.
    expect(
      committed === fresh,
      'action/dist/index.mjs is stale: run `npm run build:action` and commit it',
    ).toBe(true);
  });

  it('is self-contained: nothing is imported but node built-ins', () => {
    const bundle = readFileSync(`${root}action/dist/index.mjs`, 'utf8');
    const specifiers = [...bundle.matchAll(/^import\s.*?from\s+["']([^"']+)["']/gm)].map(
      (m) => m[1],
    );
    const foreign = specifiers.filter(
      (s) => !s?.startsWith('node:') && !builtinModules.includes(s ?? ''),
    );
    expect(specifiers.length).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
  });

  it('runs vendored alone, with no package.json or node_modules beside it', () => {
    const vendor = mkdtempSync(join(tmpdir(), 'wc-vendored-'));
    const repo = createThreadRepo();
    try {
      mkdirSync(join(vendor, 'dist'));
      copyFileSync(`${root}action/dist/index.mjs`, join(vendor, 'dist', 'index.mjs'));
      repo.apply('threads/t.md', say('t', 0));
      const base = repo.commit('one');
      repo.apply('threads/t.md', say('t', 1));
      repo.commit('two');
      const run = runAction({
        workspace: repo.dir,
        eventName: 'push',
        payload: pushPayload(base, repo.head()),
        bundle: join(vendor, 'dist', 'index.mjs'),
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.outputs['entries-added']).toBe('1');
    } finally {
      rmSync(vendor, { recursive: true, force: true });
      repo.cleanup();
    }
  });

  it('action.yml runs it on node24 with the documented inputs and outputs', () => {
    const yml = readFileSync(`${root}action/action.yml`, 'utf8');
    expect(yml).toMatch(/^runs:\n {2}using: node24\n {2}main: dist\/index\.mjs$/m);
    for (const name of ['threads-dir', 'allow-delete', 'strict'])
      expect(yml).toMatch(new RegExp(`^  ${name}:$`, 'm'));
    for (const name of ['threads-checked', 'entries-added', 'issues'])
      expect(yml).toMatch(new RegExp(`^  ${name}:$`, 'm'));
  });
});
