import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toTrustMaterial } from '@sigstore/verify';
import { SignerError, describeCause } from '../errors.ts';

/** Largest trusted_root.json we read (the public-good one is about 10 KiB). */
const MAX_TRUSTED_ROOT_BYTES = 1024 * 1024;
const EMPTY_ROOT = TrustedRoot.fromJSON({
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
});

/** Reads `trusted-root`: a trusted_root.json as `cosign trusted-root create` or a private Sigstore publishes it. */
export function readTrustedRoot(path: string): TrustedRoot {
  try {
    const text = readFileSync(path);
    if (text.length > MAX_TRUSTED_ROOT_BYTES) throw new Error(`larger than ${MAX_TRUSTED_ROOT_BYTES} bytes`);
    return TrustedRoot.fromJSON(JSON.parse(text.toString('utf8')));
  } catch (err) {
    throw new SignerError(
      'INPUT_INVALID',
      `Input 'trusted-root': '${path}' is not a readable trusted_root.json (${describeCause(err)}). Give the path of your Sigstore's trusted_root.json.`,
      err,
    );
  }
}

export interface KeyVerification {
  readonly verifier: Verifier;
  /** Whether log entries can be checked: only against a trusted root that lists the log's key. */
  readonly checksLog: boolean;
  /**
   * sigstore-js hashes every message signature before checking it, so it cannot check pure Ed25519
   * over a payload; for those, Node's crypto checks the signature itself (and no log entry).
   */
  readonly pureMessageKey?: KeyObject;
}

/**
 * A verifier that accepts signatures by one public key, as `cosign verify --key` does. Log entries are
 * checked when a trusted root says which log keys to trust; without one, only the signature is.
 */
export function createKeyVerification(
  publicKey: KeyObject,
  trustedRoot: TrustedRoot | undefined,
  expectLog: boolean,
): KeyVerification {
  const checksLog = expectLog && trustedRoot !== undefined;
  const material = toTrustMaterial(trustedRoot ?? EMPTY_ROOT, () => ({ publicKey, validFor: () => true }));
  return {
    verifier: new Verifier(material, {
      tlogThreshold: checksLog ? 1 : 0,
      ctlogThreshold: 0,
      timestampThreshold: 0,
    }),
    checksLog,
    ...(publicKey.asymmetricKeyType === 'ed25519' ? { pureMessageKey: publicKey } : {}),
  };
}
