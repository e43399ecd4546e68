import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TOOLS_BIN = join(process.env.RELEASE_SIGNER_TOOLS ?? join(REPO_ROOT, '.tools'), 'bin');

function installed(name: string): string {
  const path = join(TOOLS_BIN, name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run scripts/setup-tools.sh first`);
  return path;
}

/** A reference tool installed by scripts/setup-tools.sh; a missing one fails the test run, never skips it. */
export function tool(
  name: 'cosign2' | 'cosign3' | 'crane' | 'referrers-registry' | 'skopeo118' | 'sigstore-python',
): string {
  return installed(name);
}

/** A Sigstore server built by scripts/setup-tools.sh, for the private Sigstore (sigstore-stack.ts). */
export function sigstoreServer(
  name:
    | 'fulcio'
    | 'tesseract'
    | 'timestamp-server'
    | 'rekor-tiles'
    | 'rekor-server'
    | 'trillian_log_server'
    | 'trillian_log_signer',
): string {
  return installed(name);
}

export const DIST_INDEX = join(REPO_ROOT, 'dist/index.js');
