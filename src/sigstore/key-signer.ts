import { createHash, createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { Signature, Signer } from '@sigstore/sign';
import { signFileStream } from './stream-signing.ts';

/** Signs a file without loading it: its SHA-256 and the signature, with the key material for the bundle. */
export interface FileSigner {
  /** The public half of the signing key: read-back checks a file's signature against it. */
  readonly publicKey: KeyObject;
  signFile(path: string): Promise<{ readonly sha256: Buffer; readonly signature: Signature }>;
}

/**
 * Signs with a private key the user holds, the way `cosign verify --key` checks it: SHA-256 for every
 * ECDSA curve and RSA (PKCS#1 v1.5), pure Ed25519. cosign v2 and v3 reject P-384 signed with SHA-384
 * (measured), so the digest does not follow the curve.
 */
export class KeySigner implements Signer, FileSigner {
  readonly publicKeyPem: string;
  readonly publicKey: KeyObject;
  private readonly key: KeyObject;
  private readonly hash: string | null;
  private readonly hint: string;

  constructor(key: KeyObject) {
    this.key = key;
    const publicKey = createPublicKey(key);
    this.publicKey = publicKey;
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.hint = createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64');
    this.hash = hashForKey(key);
  }

  async sign(data: Buffer): Promise<Signature> {
    return { signature: sign(this.hash, data, this.key), key: this.keyMaterial() };
  }

  async signFile(path: string): Promise<{ sha256: Buffer; signature: Signature }> {
    const { sha256, signature } = await signFileStream(path, this.key);
    return { sha256, signature: { signature, key: this.keyMaterial() } };
  }

  private keyMaterial(): Signature['key'] {
    return { $case: 'publicKey', publicKey: this.publicKeyPem, hint: this.hint };
  }
}

/** The digest cosign uses with a key (private or public) of this type. */
export function hashForKey(key: KeyObject): string | null {
  return key.asymmetricKeyType === 'ed25519' ? null : 'sha256';
}
