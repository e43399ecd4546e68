import { toMessageSignatureBundle, type Bundle } from '@sigstore/bundle';
import { pem } from '@sigstore/core';
import type { Signature, Witness } from '@sigstore/sign';
import type { FileSigner } from '../sigstore/key-signer.ts';
import { toServiceError, type ServiceUrls } from '../sigstore/service-errors.ts';

/** A file's signature as a bundle, with the SHA-256 it signs. */
export interface SignedFile {
  readonly sha256: Buffer;
  readonly bundle: Bundle;
}

function publicKeyOf(key: Signature['key']): string {
  return key.$case === 'publicKey' ? key.publicKey : key.certificate;
}

/**
 * Signs a file as `cosign sign-blob --bundle` (v3) does: a v0.3 bundle (leaf certificate alone, not a
 * chain) holding a message signature over the file and its SHA-256, then logged by Rekor as a
 * hashedrekord and/or timestamped by a TSA: the same witnesses as images.
 * https://github.com/sigstore/protobuf-specs/blob/main/protos/sigstore_bundle.proto
 * (@sigstore/sign's MessageSignatureBundleBuilder writes v0.2 with a chain and needs the file in memory.)
 */
export class FileBundleBuilder {
  private readonly signer: FileSigner;
  private readonly witnesses: readonly Witness[];
  private readonly serviceUrls: ServiceUrls;

  constructor(options: { signer: FileSigner; witnesses: readonly Witness[]; serviceUrls: ServiceUrls }) {
    this.signer = options.signer;
    this.witnesses = options.witnesses;
    this.serviceUrls = options.serviceUrls;
  }

  async create(path: string): Promise<SignedFile> {
    const { sha256, signature } = await this.signer.signFile(path);
    const bundle = toMessageSignatureBundle({
      digest: sha256,
      signature: signature.signature,
      ...(signature.key.$case === 'x509Certificate'
        ? { certificate: pem.toDER(signature.key.certificate) }
        : { keyHint: signature.key.hint }),
      certificateChain: false,
    });
    try {
      const testimonies = await Promise.all(
        this.witnesses.map((witness) => witness.testify(bundle.content, publicKeyOf(signature.key))),
      );
      bundle.verificationMaterial.tlogEntries = testimonies.flatMap((t) => t.tlogEntries ?? []);
      bundle.verificationMaterial.timestampVerificationData = {
        rfc3161Timestamps: testimonies.flatMap((t) => t.rfc3161Timestamps ?? []),
      };
    } catch (err) {
      throw toServiceError(err, this.serviceUrls);
    }
    return { sha256, bundle };
  }
}
