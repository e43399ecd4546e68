import type { KeyObject } from 'node:crypto';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { SignerError, describeCause } from '../errors.ts';
import type { Artifact, SignatureVerification } from '../sigstore/trust.ts';
import { verifyFileStream } from '../sigstore/stream-signing.ts';
import { escapeUntrusted } from '../util/untrusted.ts';

/**
 * What one streamed pass over the file established, in @sigstore/verify's SignatureContent shape: the
 * verifier then checks certificate, SCT, log entry and timestamps as for any bundle, while the file's
 * digest and signature were checked without holding the file. Only the key the pass checked can pass.
 */
async function toStreamedContent(
  path: string,
  signature: Buffer,
  signerKey: KeyObject,
): Promise<Exclude<Artifact, Buffer>> {
  const { sha256, verified } = await verifyFileStream(path, signerKey, signature);
  return {
    signature,
    compareSignature: (other) => other.equals(signature),
    compareDigest: (digest) => digest.equals(sha256),
    compareSignedDigest: (digest) => digest.equals(sha256),
    verifySignature: (key) => verified && key.equals(signerKey),
  };
}

/**
 * Checks a file's bundle as `cosign verify-blob --bundle` pinned to this run's signer would: against the
 * file as it is on disk now, and against the bundle as JSON (so what is written is what was checked).
 */
export async function verifyFileBundle(
  path: string,
  bundleJson: string,
  signerKey: KeyObject,
  verification: SignatureVerification,
  where: string,
): Promise<Bundle> {
  try {
    const bundle = bundleFromJSON(JSON.parse(bundleJson));
    if (bundle.content.$case !== 'messageSignature') throw new Error('the bundle holds no message signature');
    const content = await toStreamedContent(path, bundle.content.messageSignature.signature, signerKey);
    if (!content.compareDigest(bundle.content.messageSignature.messageDigest.digest))
      throw new Error("the bundle's SHA-256 is not the file's");
    verification.verify(bundle, content);
    return bundle;
  } catch (err) {
    throw new SignerError(
      'READBACK_MISMATCH',
      `${where}: the bundle does not verify against the file (${escapeUntrusted(describeCause(err))}). The file may have changed while it was signed: run again once it is final.`,
      err,
    );
  }
}
