// Bundles each bin into one ESM file so start-up resolves a handful of modules, not hundreds.
// Heavy surfaces (MCP SDK, ink, Octokit) stay behind dynamic imports and land in their own chunks.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

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
  logLevel: 'warning',
  define: { 'process.env.DEV': '"false"' },
};

/** One bundle per bin; surfaces add their entry here. */
export const bundles = [
  {
    entryPoints: { watercooler: 'cli/watercooler.ts' },
    outdir: 'dist',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  },
];

await rm('dist', { recursive: true, force: true });
await Promise.all(bundles.map((b) => build({ ...common, ...b })));
