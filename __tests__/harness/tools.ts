import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TOOLS_BIN = join(process.env.RELEASE_SIGNER_TOOLS ?? join(REPO_ROOT, '.tools'), 'bin');

/** A reference tool installed by scripts/setup-tools.sh; a missing one fails the test run, never skips it. */
export function tool(name: 'cosign2' | 'cosign3' | 'crane' | 'referrers-registry'): string {
  const path = join(TOOLS_BIN, name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run scripts/setup-tools.sh first`);
  return path;
}

export const DIST_INDEX = join(REPO_ROOT, 'dist/index.js');
