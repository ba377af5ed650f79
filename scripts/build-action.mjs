// Bundles the validation Action into one self-contained ESM file, action/dist/index.mjs, which is
// committed (a repository that vendors the Action has no node_modules). The `.mjs` extension makes
// it ESM whatever package.json the repository around it holds (`"type": "commonjs"`, as `npm init
// -y` writes, would make a `.js` file CommonJS and its imports a syntax error). The output depends only on
// the sources and the locked esbuild version, so test/action/bundle.test.ts can rebuild it in
// memory and fail when the committed file is stale.
import { build } from 'esbuild';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// The Action uses a small part of core through its barrel, and a small part of @actions/core
// (inputs, outputs, annotations, the summary; not its OIDC client, which pulls in undici).
// Declaring those modules free of import-time side effects lets esbuild drop what is not used,
// so the committed bundle stays small, starts fast, and only goes stale when code it runs changes.
const PURE_PACKAGES = /^(@actions\/|undici$|tunnel$)/;
const dropUnusedModules = {
  name: 'drop-unused-modules',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'pure' || args.path.startsWith('node:')) return undefined;
      const relativeInProject =
        /^\.{1,2}\//.test(args.path) && !args.importer.includes('node_modules');
      const pkg = args.path.startsWith('@')
        ? args.path.split('/').slice(0, 2).join('/')
        : args.path.split('/')[0];
      const inPurePackage = /node_modules\/(@actions\/|undici\/|tunnel\/)/.test(args.importer);
      if (
        !relativeInProject &&
        !PURE_PACKAGES.test(pkg ?? '') &&
        !(inPurePackage && /^\.{1,2}\//.test(args.path))
      )
        return undefined;
      const result = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'pure',
      });
      if (result.errors.length > 0) return { errors: result.errors };
      if (result.external) return result;
      return { ...result, sideEffects: false };
    });
  },
};

/** The esbuild options of the Action bundle (the staleness test builds with these too). */
export const actionBuildOptions = {
  absWorkingDir: root,
  entryPoints: ['action/index.ts'],
  outfile: 'action/dist/index.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // @actions/core pulls CommonJS code that requires node built-ins: give the ESM bundle a require.
  banner: {
    js: "import { createRequire as __wcCreateRequire } from 'node:module'; const require = __wcCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  plugins: [dropUnusedModules],
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build(actionBuildOptions);
}
