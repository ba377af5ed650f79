import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

let bundled: Promise<string> | undefined;

/**
 * `core/index.ts` bundled into one ESM file, for tests that run many writer processes: importing
 * the bundle costs milliseconds, where compiling the sources in each process costs seconds.
 * Returns a file URL to import.
 */
export function coreBundleUrl(): Promise<string> {
  bundled ??= (async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'wc-core-')), 'core.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('../../core/index.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'error',
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    });
    return pathToFileURL(outfile).href;
  })();
  return bundled;
}
