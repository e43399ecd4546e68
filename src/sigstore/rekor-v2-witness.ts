import { createHash, createPublicKey } from 'node:crypto';
import { dsse } from '@sigstore/core';
import { HashAlgorithm } from '@sigstore/protobuf-specs';
import { SignerError } from '../errors.ts';
import { RekorWitness, type SignatureBundle, type VerificationMaterial, type Witness } from '@sigstore/sign';

/**
 * Logs signatures in a Rekor v2 (rekor-tiles). Rekor v2 takes only hashedrekord entries: a DSSE envelope
 * is logged as a hashedrekord of its signature over the SHA-256 of the envelope's pre-authentication
 * encoding, as sigstore-go (and so cosign v3) does and as @sigstore/verify checks it. @sigstore/sign 5.1
 * would post a dsse entry, which rekor-tiles v2.3 refuses ("invalid type, must be hashedrekord").
 */
export class RekorV2Witness implements Witness {
  private readonly log: RekorWitness;

  constructor(options: ConstructorParameters<typeof RekorWitness>[0]) {
    this.log = new RekorWitness({ ...options, majorApiVersion: 2 });
  }

  testify(content: SignatureBundle, publicKey: string): Promise<VerificationMaterial> {
    // @sigstore/sign 5.1 declares every Rekor v2 verifier as ECDSA P-256 (Fulcio's keyless keys); another
    // key would be logged under the wrong algorithm and never verify.
    const key = createPublicKey(publicKey);
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new SignerError(
        'INPUT_CONFLICT',
        `Rekor v2 logging supports ECDSA P-256 keys only here, and 'key' is ${key.asymmetricKeyType ?? 'another type'}${key.asymmetricKeyDetails?.namedCurve ? ` (${key.asymmetricKeyDetails.namedCurve})` : ''}. Use a P-256 key (cosign generate-key-pair makes one), keyless signing, or a Rekor v1 in 'signing-config'.`,
      );
    }
    if (content.$case !== 'dsseEnvelope') return this.log.testify(content, publicKey);
    const envelope = content.dsseEnvelope;
    const signature = envelope.signatures[0];
    if (!signature) throw new Error('the DSSE envelope has no signature to log');
    const encoding = dsse.preAuthEncoding(envelope.payloadType, envelope.payload);
    return this.log.testify(
      {
        $case: 'messageSignature',
        messageSignature: {
          messageDigest: {
            algorithm: HashAlgorithm.SHA2_256,
            digest: createHash('sha256').update(encoding).digest(),
          },
          signature: signature.sig,
        },
      },
      publicKey,
    );
  }
}
