import { createHash, createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { Signature, Signer } from '@sigstore/sign';

/**
 * Signs with a private key the user holds, the way `cosign verify --key` checks it: SHA-256 for every
 * ECDSA curve and RSA (PKCS#1 v1.5), pure Ed25519. cosign v2 and v3 reject P-384 signed with SHA-384
 * (measured), so the digest does not follow the curve.
 */
export class KeySigner implements Signer {
  readonly publicKeyPem: string;
  private readonly key: KeyObject;
  private readonly hash: string | null;
  private readonly hint: string;

  constructor(key: KeyObject) {
    this.key = key;
    const publicKey = createPublicKey(key);
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.hint = createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64');
    this.hash = hashForKey(key);
  }

  async sign(data: Buffer): Promise<Signature> {
    return {
      signature: sign(this.hash, data, this.key),
      key: { $case: 'publicKey', publicKey: this.publicKeyPem, hint: this.hint },
    };
  }
}

/** The digest cosign uses with a key (private or public) of this type. */
export function hashForKey(key: KeyObject): string | null {
  return key.asymmetricKeyType === 'ed25519' ? null : 'sha256';
}
