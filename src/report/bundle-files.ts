import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toDigestTag, type ImageRef } from '../subjects/reference.ts';
import type { TargetOutcome } from './outcome.ts';

/**
 * `<registry>+<repository>+sha256-<hex>.<format>.sigstore.json`, `/` written `+` and `:` `_`: one release may
 * push a digest to several repositories, each with its own signature. Neither `+` nor `_` can be in a
 * registry host, and `+` not in a repository, so no two images share a name.
 */
function toBundleFileName(
  image: Pick<ImageRef, 'registry' | 'repository' | 'digest'>,
  format: string,
): string {
  const repository = `${image.registry.replace(/:/g, '_')}/${image.repository}`.replace(/\//g, '+');
  return `${repository}+${toDigestTag(image.digest, '')}.${format}.sigstore.json`;
}

/**
 * Writes each Sigstore bundle made this run under `<dir>/release-signer/` (names from toBundleFileName),
 * ready for upload as release assets; returns their paths.
 */
export function writeBundleFiles(outcomes: readonly TargetOutcome[], tempDir: string): string[] {
  const dir = join(tempDir, 'release-signer');
  const paths = new Set<string>();
  let made = false;
  for (const outcome of outcomes) {
    if (!outcome.target) continue;
    for (const record of outcome.records) {
      if (!record.bundle) continue;
      // Once, not per bundle: a large release writes thousands.
      if (!made) mkdirSync(dir, { recursive: true });
      made = true;
      const path = join(dir, toBundleFileName(outcome.target.image, record.format));
      if (!paths.has(path)) writeFileSync(path, record.bundle);
      paths.add(path);
    }
  }
  return [...paths];
}
