// Bundles the hub (Worker + Durable Object) into one ES module for workerd: the same file runs
// under `npm run hub:dev` (miniflare), in the tests and, through wrangler, on Cloudflare.
import { type Metafile, build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const HUB_BUNDLE = join(root, 'dist', 'hub', 'worker.js');

/** Builds dist/hub/worker.js (and meta.json, esbuild's account of what went in). */
export async function buildHub(): Promise<Metafile> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  await rm(dirname(HUB_BUNDLE), { recursive: true, force: true });
  await mkdir(dirname(HUB_BUNDLE), { recursive: true });
  const result = await build({
    entryPoints: { worker: join(root, 'hub', 'worker.ts') },
    outdir: dirname(HUB_BUNDLE),
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
    legalComments: 'none',
    logLevel: 'warning',
  });
  await writeFile(join(dirname(HUB_BUNDLE), 'meta.json'), JSON.stringify(result.metafile));
  return result.metafile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildHub();
