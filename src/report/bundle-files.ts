import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleKeeper } from '../signatures/format-writer.ts';
import type { PublishRecord } from '../signatures/target.ts';
import { toDigestTag, type ImageRef } from '../subjects/reference.ts';
import { limiter } from '../util/concurrency.ts';
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
 * The Sigstore bundles made this run, as files under `<dir>/release-signer/` (names from toBundleFileName),
 * ready for upload as release assets. Each is written as soon as its record is made (keep), so a large
 * release does not hold thousands of bundles in memory until the report; write() lists them all.
 */
export class BundleFiles implements BundleKeeper {
  private readonly dir: string;
  private made: Promise<unknown> | undefined;
  private readonly slot = limiter(WRITES_AT_ONCE);
  /** Every write started, each settled without throwing; the first failure is kept for write(). */
  private readonly writes: Promise<void>[] = [];
  private failure: { readonly error: unknown } | undefined;

  constructor(tempDir: string) {
    this.dir = join(tempDir, 'release-signer');
  }

  /** Starts writing the record's bundle to its file; the record handed back keeps only that it was written. */
  keep(image: Pick<ImageRef, 'registry' | 'repository' | 'digest'>, record: PublishRecord): PublishRecord {
    const { bundle, ...kept } = record;
    if (bundle === undefined) return record;
    this.start(join(this.dir, toBundleFileName(image, record.format)), bundle);
    return { ...kept, bundleFiled: true };
  }

  /**
   * Writes the bundles the records still hold (a manifest reached twice: the first one), waits for every
   * write, and returns the paths of all bundle files of the outcomes, in their order.
   */
  async write(outcomes: readonly TargetOutcome[]): Promise<string[]> {
    const paths = new Set<string>();
    for (const outcome of outcomes) {
      if (!outcome.target) continue;
      for (const record of outcome.records) {
        const path = join(this.dir, toBundleFileName(outcome.target.image, record.format));
        if (paths.has(path) || (!record.bundleFiled && record.bundle === undefined)) continue;
        paths.add(path);
        if (record.bundle !== undefined && !record.bundleFiled) this.start(path, record.bundle);
      }
    }
    await Promise.all(this.writes);
    if (this.failure) throw this.failure.error;
    return [...paths];
  }

  private start(path: string, bundle: string): void {
    // Once, not per bundle: a large release writes thousands.
    this.made ??= mkdir(this.dir, { recursive: true });
    const made = this.made;
    const writing = this.slot(async () => {
      await made;
      await writeFile(path, bundle);
    });
    // Held until write() looks: a failure before then must not end the run as an unhandled rejection.
    this.writes.push(writing.catch((error: unknown) => void (this.failure ??= { error })));
  }
}
