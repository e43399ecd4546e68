import { join } from 'node:path';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import type { TUF } from '@sigstore/tuf';
import { SignerError, describeCause } from '../errors.ts';
import { readTrustedRoot } from './trust.ts';

/**
 * `trusted-root` (a private Sigstore's trusted_root.json), else the trusted root a TUF repository
 * publishes: public-good Sigstore's by default, or a private one's (`tuf-mirror-url` + `tuf-root`).
 */
export interface TrustConfig {
  readonly trustedRootPath?: string;
  readonly tufMirrorUrl?: string;
  /** The TUF repository's initial root.json; @sigstore/tuf ships public-good's. */
  readonly tufRootPath?: string;
}

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

/** @sigstore/tuf's DEFAULT_MIRROR_URL, named here so a run that never updates TUF need not load it. */
const PUBLIC_GOOD_TUF_MIRROR = 'https://tuf-repo-cdn.sigstore.dev';

function tufOptions(trust: TrustConfig, tempDir: string) {
  return {
    mirrorURL: trust.tufMirrorUrl ?? PUBLIC_GOOD_TUF_MIRROR,
    ...(trust.tufRootPath ? { rootPath: trust.tufRootPath } : {}),
    cachePath: join(tempDir, 'release-signer-tuf'),
    timeout: TUF_TIMEOUT_MS,
    retry: TUF_RETRIES,
  };
}

/**
 * One TUF update per repository and run: the signing config (`signing-config: tuf`) and the trusted root
 * are targets of the same repository, and each update costs its metadata round trips.
 */
const updated = new Map<string, Promise<TUF>>();

function updatedTuf(options: ReturnType<typeof tufOptions>): Promise<TUF> {
  const key = JSON.stringify(options);
  let tuf = updated.get(key);
  if (!tuf) {
    // TUF and its HTTP stack load only for a run that updates from a TUF repository.
    tuf = import('./tuf-client.ts').then(({ initTUF }) => initTUF(options));
    updated.set(key, tuf);
    tuf.catch(() => updated.delete(key));
  }
  return tuf;
}

/** The TUF targets cosign v3 reads its signing config and trusted root from. */
export const SIGNING_CONFIG_TARGET = 'signing_config.v0.2.json';
const TRUSTED_ROOT_TARGET = 'trusted_root.json';

/** The signing config the TUF repository publishes (`signing-config: tuf`), as cosign v3 fetches it. */
export async function fetchSigningConfigThroughTuf(trust: TrustConfig, tempDir: string): Promise<Buffer> {
  const options = tufOptions(trust, tempDir);
  try {
    const tuf = await updatedTuf(options);
    return Buffer.from(await tuf.getTarget(SIGNING_CONFIG_TARGET), 'utf8');
  } catch (err) {
    throw new SignerError(
      'TRUST_UNAVAILABLE',
      `Sigstore's signing config (${SIGNING_CONFIG_TARGET}) could not be fetched through TUF from ${options.mirrorURL}: ${describeCause(err)}. Nothing was signed. Check that the runner reaches ${options.mirrorURL} and that the repository publishes it, or give a signing_config.json path in 'signing-config'.`,
      err,
    );
  }
}

async function fetchThroughTuf(trust: TrustConfig, tempDir: string): Promise<TrustedRoot> {
  const options = tufOptions(trust, tempDir);
  const { mirrorURL } = options;
  try {
    const tuf = await updatedTuf(options);
    return TrustedRoot.fromJSON(JSON.parse(await tuf.getTarget(TRUSTED_ROOT_TARGET)));
  } catch (err) {
    throw new SignerError(
      'TRUST_UNAVAILABLE',
      `Sigstore's trusted root could not be updated through TUF from ${mirrorURL}: ${describeCause(err)}. Signatures cannot be verified without it, so nothing was signed. Check that the runner reaches ${mirrorURL}${trust.tufMirrorUrl ? " and that 'tuf-root' is that repository's root.json" : ", or give a trusted_root.json with 'trusted-root'"}.`,
      err,
    );
  }
}
