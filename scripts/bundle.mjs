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
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  // sigstore-js and its dependencies are CommonJS and call require(): give each ESM chunk one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
writeFileSync('dist/cli.js', `#!/usr/bin/env node\n${readFileSync('dist/cli.js', 'utf8')}`);
