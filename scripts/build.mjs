// Bundles each bin into one ESM file so start-up resolves a handful of modules, not hundreds.
// Heavy surfaces (MCP SDK, ink, Octokit) stay behind dynamic imports and land in their own chunks.
import { build } from 'esbuild';
import { rename, rm } from 'node:fs/promises';

const banner = {
  js: "import { createRequire as __wcCreateRequire } from 'node:module'; const require = __wcCreateRequire(import.meta.url);",
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  banner,
  jsx: 'automatic',
  legalComments: 'none',
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  // React's production build: its development build (checks, warnings) made each key of the TUI
  // several times slower. Only React reads NODE_ENV in the bundle.
  define: { 'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"' },
  // ink imports react-devtools-core only when DEV=true (never in our bundle); it is not installed.
  external: ['react-devtools-core'],
};

/** One bundle per bin; surfaces add their entry here. */
export const bundles = [
  {
    entryPoints: { watercooler: 'cli/watercooler.ts' },
    outdir: 'dist',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  },
  // No splitting: the scaffolder finds the package's template/ from its own file's location.
  { entryPoints: { 'create-watercooler': 'cli/create/bin.ts' }, outdir: 'dist' },
];

// Build beside dist/ and swap it in, so a test or bench running meanwhile never sees a half-built
// dist/ (several test runs may build at once).
const staging = `dist.building-${process.pid}`;
await Promise.all(
  bundles.map((b) => build({ ...common, ...b, outdir: b.outdir.replace(/^dist/, staging) })),
);
const old = `dist.old-${process.pid}`;
await rename('dist', old).catch(() => undefined);
await rename(staging, 'dist');
await rm(old, { recursive: true, force: true });
