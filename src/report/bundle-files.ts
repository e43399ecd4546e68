import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetOutcome } from './outcome.ts';

/**
 * Writes each Sigstore bundle made this run as `<dir>/release-signer/sha256-<hex>.<format>.sigstore.json`,
 * ready for upload as release assets; returns their paths.
 */
export function writeBundleFiles(outcomes: readonly TargetOutcome[], tempDir: string): string[] {
  const dir = join(tempDir, 'release-signer');
  const paths = new Set<string>();
  for (const outcome of outcomes) {
    if (!outcome.target) continue;
    for (const record of outcome.records) {
      if (!record.bundle) continue;
      mkdirSync(dir, { recursive: true });
      const path = join(
        dir,
        `${outcome.target.image.digest.replace(':', '-')}.${record.format}.sigstore.json`,
      );
      if (!paths.has(path)) writeFileSync(path, record.bundle);
      paths.add(path);
    }
  }
  return [...paths];
}
