// The bundle's settings, shared by scripts/bundle.mjs and the test that keeps the start-up light
// (__tests__/unit/scripts/bundle-graph.test.ts). Plain JavaScript, so `npm run bundle` runs on any Node
// the machine has; its types are in bundle-options.d.mts.
import { fileURLToPath } from 'node:url';

/**
 * @actions/core loads @actions/http-client, which imports undici's whole index for one class (ProxyAgent):
 * fetch, WebSocket and the rest would load before the first registry request of every run. It gets that
 * class alone; the GitHub API client, loaded later, still gets undici's index.
 */
/** @type {import('esbuild').Plugin} */
const undiciForHttpClient = {
  name: 'undici-for-http-client',
  setup(builder) {
    builder.onResolve({ filter: /^undici$/ }, ({ importer }) =>
      importer.includes('/node_modules/@actions/http-client/')
        ? { path: fileURLToPath(new URL('./undici-for-http-client.mjs', import.meta.url)) }
        : undefined,
    );
  },
};

/**
 * Node builds an ESM facade for a built-in module the first time one is imported as ESM, reading every
 * export; node:http's include lazy getters that load Node's own copy of undici (25–30 ms of every
 * start-up). @actions/http-client imports http and https as ESM: it gets them through require() instead.
 */
/** @type {import('esbuild').Plugin} */
const httpThroughRequire = {
  name: 'http-through-require',
  setup(builder) {
    builder.onResolve({ filter: /^(node:)?https?$/ }, ({ path, kind }) =>
      kind === 'import-statement'
        ? { path: path.replace(/^node:/, ''), namespace: 'http-through-require' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'http-through-require' }, ({ path }) => ({
      contents: `module.exports = require('node:${path}');`,
      loader: 'js',
    }));
  },
};

/** esbuild options for dist/ (the test builds them in memory, with a metafile). */
/** @type {import('esbuild').BuildOptions} */
export const BUNDLE_OPTIONS = {
  absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
  entryPoints: ['src/index.ts', 'src/cli.ts'],
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  sourcemap: false,
  // Not keepNames: it wraps every function expression in __name(), which gives each closure made at run
  // time an own `name` property and its property array (about 250 bytes, allocated and kept as long as the
  // closure). Nothing reads function names (our errors set `name` themselves; the bundle is not minified,
  // so only colliding names get a suffix), and a 2,500-manifest run peaked about 60 MiB lower without it
  // (258 → 200 MiB, issue 18).
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [undiciForHttpClient, httpThroughRequire],
  // sigstore-js and its dependencies are CommonJS and call require(): give each ESM chunk one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
};
