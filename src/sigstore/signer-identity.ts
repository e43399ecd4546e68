import { verify, type KeyObject } from 'node:crypto';
import { hashForKey } from './key-signer.ts';

/**
 * Recognises signatures made by this run's signer among those already in the registry, so a
 * re-run adds none twice. ECDSA signatures differ every time, so equality of bytes cannot tell.
 */
export interface SignerIdentity {
  madeSignature(signedData: Buffer, signature: Buffer): boolean;
}

export class KeyIdentity implements SignerIdentity {
  readonly publicKey: KeyObject;

  constructor(publicKey: KeyObject) {
    this.publicKey = publicKey;
  }

  madeSignature(signedData: Buffer, signature: Buffer): boolean {
    try {
      return verify(hashForKey(this.publicKey), signedData, this.publicKey, signature);
    } catch {
      return false;
    }
  }
}
