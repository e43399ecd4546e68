import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toDigestTag, type ImageRef } from '../subjects/reference.ts';
import { mapLimit } from '../util/concurrency.ts';
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

/** Bundle files written at once: the thread pool writes them side by side. */
const WRITES_AT_ONCE = 16;

/**
 * Writes each Sigstore bundle made this run under `<dir>/release-signer/` (names from toBundleFileName),
 * ready for upload as release assets; returns their paths.
 */
export async function writeBundleFiles(
  outcomes: readonly TargetOutcome[],
  tempDir: string,
): Promise<string[]> {
  const dir = join(tempDir, 'release-signer');
  const files = new Map<string, string>();
  for (const outcome of outcomes) {
    if (!outcome.target) continue;
    for (const record of outcome.records) {
      const path = join(dir, toBundleFileName(outcome.target.image, record.format));
      if (record.bundle && !files.has(path)) files.set(path, record.bundle);
    }
  }
  if (files.size === 0) return [];
  // Once, not per bundle: a large release writes thousands.
  await mkdir(dir, { recursive: true });
  await mapLimit([...files], WRITES_AT_ONCE, ([path, bundle]) => writeFile(path, bundle));
  return [...files.keys()];
}
