// Bundles the action and the CLI into dist/ (committed; the runner executes dist/index.js).
// Code split: what only some runs need (Sigstore clients, provenance sources, the GitHub API client) is
// in chunks loaded after the registries are reached, so the first request leaves early.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
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
  // so only colliding names get a suffix), and a 2,500-manifest run peaked about 60 MiB lower without it (258 → 200 MiB, issue 18).
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
  // sigstore-js and its dependencies are CommonJS and call require(): give each ESM chunk one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
writeFileSync('dist/cli.js', `#!/usr/bin/env node\n${readFileSync('dist/cli.js', 'utf8')}`);
