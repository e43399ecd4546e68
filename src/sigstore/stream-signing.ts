import { createHash, createSign, createVerify, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { SignerError } from '../errors.ts';

/** What one pass over a file yields: its SHA-256 and the signature over its bytes. */
export interface StreamSignature {
  readonly sha256: Buffer;
  readonly signature: Buffer;
}

/**
 * Signs a file's bytes as `cosign sign-blob` does (ECDSA or RSA over SHA-256 of the content) in one
 * streaming pass that also yields the SHA-256 the bundle carries: a 2 GiB archive is never held in
 * memory. @sigstore/sign's Signer takes the whole artifact as one Buffer, hence this second road.
 */
export async function signFileStream(path: string, privateKey: KeyObject): Promise<StreamSignature> {
  refuseUnstreamable(privateKey);
  const hash = createHash('sha256');
  const signer = createSign('sha256');
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    signer.update(chunk as Buffer);
  }
  return { sha256: hash.digest(), signature: signer.sign(privateKey) };
}

/** Streams a file once: its SHA-256, and whether `signature` over it verifies with `publicKey`. */
export async function verifyFileStream(
  path: string,
  publicKey: KeyObject,
  signature: Buffer,
): Promise<{ sha256: Buffer; verified: boolean }> {
  refuseUnstreamable(publicKey);
  const hash = createHash('sha256');
  const verifier = createVerify('sha256');
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    verifier.update(chunk as Buffer);
  }
  let verified: boolean;
  try {
    verified = verifier.verify(publicKey, signature);
  } catch {
    // A signature that is not even well-formed DER verifies nothing.
    verified = false;
  }
  return { sha256: hash.digest(), verified };
}

/** Pure Ed25519 signs the whole message at once: it cannot stream, and cosign's blob signatures pre-hash. */
function refuseUnstreamable(key: KeyObject): void {
  if (key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448') {
    throw new SignerError(
      'KEY_INVALID',
      "Input 'key': an Ed25519 key cannot sign release files ('files', 'goreleaser-files') here: pure Ed25519 needs the whole file in memory. Use an ECDSA P-256 key (cosign generate-key-pair) for files.",
    );
  }
}
