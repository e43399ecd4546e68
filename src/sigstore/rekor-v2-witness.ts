import { createHash } from 'node:crypto';
import { dsse } from '@sigstore/core';
import { HashAlgorithm } from '@sigstore/protobuf-specs';
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
