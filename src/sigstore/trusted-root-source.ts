import { join } from 'node:path';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { DEFAULT_MIRROR_URL, getTrustedRoot } from '@sigstore/tuf';
import type { TrustConfig } from '../config.ts';
import { SignerError, describeCause } from '../errors.ts';
import { readTrustedRoot } from './trust.ts';

/** The wait for each TUF metadata file, and how often a failed fetch is tried again. */
const TUF_TIMEOUT_MS = 15_000;
const TUF_RETRIES = 2;

/** The run's trusted root, fetched once when first needed. */
export type TrustedRootSource = () => Promise<TrustedRoot>;

/**
 * `trusted-root` when given; else the trusted root published by a TUF repository (public-good Sigstore's
 * unless `tuf-mirror-url` names another), updated from the root @sigstore/tuf ships or `tuf-root`, and
 * cached under the runner's temp folder so a job's steps share one update.
 */
export function createTrustedRootSource(trust: TrustConfig, tempDir: string): TrustedRootSource {
  let loaded: Promise<TrustedRoot> | undefined;
  return () => {
    loaded ??= trust.trustedRootPath
      ? Promise.resolve(readTrustedRoot(trust.trustedRootPath))
      : fetchThroughTuf(trust, tempDir);
    return loaded;
  };
}

async function fetchThroughTuf(trust: TrustConfig, tempDir: string): Promise<TrustedRoot> {
  const mirrorURL = trust.tufMirrorUrl ?? DEFAULT_MIRROR_URL;
  try {
    return await getTrustedRoot({
      mirrorURL,
      ...(trust.tufRootPath ? { rootPath: trust.tufRootPath } : {}),
      cachePath: join(tempDir, 'release-signer-tuf'),
      timeout: TUF_TIMEOUT_MS,
      retry: TUF_RETRIES,
    });
  } catch (err) {
    throw new SignerError(
      'TRUST_UNAVAILABLE',
      `Sigstore's trusted root could not be updated through TUF from ${mirrorURL}: ${describeCause(err)}. Signatures cannot be verified without it, so nothing was signed. Check that the runner reaches ${mirrorURL}${trust.tufMirrorUrl ? " and that 'tuf-root' is that repository's root.json" : ", or give a trusted_root.json with 'trusted-root'"}.`,
      err,
    );
  }
}
