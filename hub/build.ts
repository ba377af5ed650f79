// Bundles the hub (Worker + Durable Object) into one ES module for workerd: the same file runs
// under `npm run hub:dev` (miniflare), in the tests and, through wrangler, on Cloudflare.
import { type Metafile, type Plugin, build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const HUB_BUNDLE = join(root, 'dist', 'hub', 'worker.js');

/**
 * core's store factory reaches the local, git and Octokit GitHub stores through lazy imports;
 * bundled, they would put node:fs and child_process (and, through shared chunks, the whole git
 * store) and Octokit into the Worker. The hub never opens those stores (its Durable Object is
 * the single writer of github-batch.ts), so those imports resolve to a module that says so.
 */
const nodeOnlyStores: Plugin = {
  name: 'node-only-stores',
  setup(b) {
    b.onResolve({ filter: /^\.\/(local|git|github)\.js$/ }, (args) =>
      args.kind === 'dynamic-import' && args.importer.endsWith(join('core', 'store', 'open.ts'))
        ? { path: join(root, 'hub', 'node-only.ts') }
        : undefined,
    );
  },
};

/**
 * Builds worker.js and its chunks (and meta.json, esbuild's account of what went in) into
 * `outdir` (default dist/hub); `write: false` only reports what would go in (the architecture
 * test). Tests build into a folder of their own: a build empties its folder first, and a workerd
 * reading the same folder then found its chunks gone.
 */
export async function buildHub(
  options: { write?: boolean; outdir?: string } = {},
): Promise<Metafile> {
  const write = options.write ?? true;
  const outdir = options.outdir ?? dirname(HUB_BUNDLE);
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  if (write) {
    await rm(outdir, { recursive: true, force: true });
    await mkdir(outdir, { recursive: true });
  }
  const result = await build({
    entryPoints: { worker: join(root, 'hub', 'worker.ts') },
    outdir,
    // One file breaks zod: a module reached by both a static and a dynamic import is initialized
    // lazily in a single bundle, and zod's shared core then ran too late ("ZodMiniObject is not a
    // constructor"). Chunks keep each module's own initialization order.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    // workerd provides these (nodejs_compat); everything else is in the bundle.
    external: ['cloudflare:*', 'node:*', ...builtinModules],
    define: { WATERCOOLER_VERSION: JSON.stringify(pkg.version) },
    metafile: true,
    write,
    plugins: [nodeOnlyStores],
    legalComments: 'none',
    logLevel: 'warning',
  });
  if (write) await writeFile(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
  return result.metafile;
}

/** A bundle in a temporary folder of the caller's own (tests, benches): its worker.js. */
export async function buildHubAside(): Promise<{ bundle: string; remove(): void }> {
  const outdir = mkdtempSync(join(tmpdir(), 'watercooler-hub-bundle-'));
  await buildHub({ outdir });
  return {
    bundle: join(outdir, 'worker.js'),
    remove: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildHub();
