// Bundles the action and the CLI into dist/ (committed; the runner executes dist/index.js).
// Code split: what only some runs need (Sigstore clients, provenance sources, the GitHub API client) is
// in chunks loaded after the registries are reached, so the first request leaves early.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';

rmSync('dist', { recursive: true, force: true });
await build(BUNDLE_OPTIONS);
writeFileSync('dist/cli.js', `#!/usr/bin/env node\n${readFileSync('dist/cli.js', 'utf8')}`);
