import { createHash, createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { Signature, Signer } from '@sigstore/sign';

/**
 * Signs with a private key the user holds. The digest follows the key, as sigstore/sigstore's
 * LoadDefaultSignerVerifier does for cosign: SHA-256 for P-256 and RSA, SHA-384 for P-384,
 * SHA-512 for P-521, none (pure) for Ed25519.
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
  if (key.asymmetricKeyType === 'ed25519') return null;
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'secp384r1') return 'sha384';
    if (curve === 'secp521r1') return 'sha512';
  }
  return 'sha256';
}
