import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Bundle } from '@sigstore/bundle';
import { X509Certificate } from '@sigstore/core';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { EMPTY_ROOT } from '../../sigstore/trust.ts';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';
import { describeCause } from '../../errors.ts';
import { readCertificateClaims } from '../../sigstore/fulcio-certificate.ts';
import type { ProvenanceSigner } from '../candidate.ts';

export interface ProvenanceTrust {
  /** The Sigstore whose certificates and logs to trust (the `trusted-root` input, else public-good via TUF). */
  readonly trustedRoot: () => Promise<TrustedRoot>;
  /** A key that signed provenance (`provenance-key`), for `cosign attest --key`. */
  readonly publicKeyPem?: string;
}

/**
 * Verifies a provenance bundle's signature and chain with @sigstore/verify and says who signed it.
 * Identity is judged afterwards by the policy, so a failure can name the check that failed.
 */
export class ProvenanceVerifier {
  private readonly trust: ProvenanceTrust;
  private readonly publicKey: KeyObject | undefined;
  private verifier: Promise<Verifier> | undefined;
  private readonly keyVerifiers = new Map<boolean, Promise<Verifier>>();

  constructor(trust: ProvenanceTrust) {
    this.trust = trust;
    this.publicKey = trust.publicKeyPem ? createPublicKey(trust.publicKeyPem) : undefined;
  }

  /** Who signed the bundle, or the reason it does not verify. */
  async signerOf(
    bundle: Bundle,
    artifact?: Buffer,
  ): Promise<{ signer: ProvenanceSigner } | { error: string }> {
    try {
      const material = bundle.verificationMaterial.content;
      if (material.$case === 'publicKey') {
        if (!this.publicKey) return { error: "signed with a key, and no 'provenance-key' was given" };
        (await this.keyVerifier(bundle.verificationMaterial.tlogEntries.length > 0)).verify(
          toSignedEntity(bundle, artifact),
        );
        return { signer: { kind: 'key' } };
      }
      (await this.keylessVerifier()).verify(toSignedEntity(bundle, artifact));
      const der =
        material.$case === 'certificate'
          ? material.certificate.rawBytes
          : material.x509CertificateChain.certificates[0]?.rawBytes;
      if (!der) return { error: 'no certificate in the bundle' };
      const certificate = X509Certificate.parse(Buffer.from(der));
      return { signer: { kind: 'keyless', claims: readCertificateClaims(certificate) } };
    } catch (err) {
      return { error: describeCause(err) };
    }
  }

  private keylessVerifier(): Promise<Verifier> {
    this.verifier ??= this.trust
      .trustedRoot()
      .then(
        (root) =>
          new Verifier(toTrustMaterial(root), { tlogThreshold: 0, ctlogThreshold: 1, timestampThreshold: 1 }),
      );
    return this.verifier;
  }

  /** One verifier per kind (with or without the log checked), made when first needed. */
  private keyVerifier(withLog: boolean): Promise<Verifier> {
    const made = this.keyVerifiers.get(withLog);
    if (made) return made;
    const publicKey = this.publicKey as KeyObject;
    const keys = () => ({ publicKey, validFor: () => true });
    const verifier = (withLog ? this.trust.trustedRoot() : Promise.resolve(EMPTY_ROOT)).then(
      (root) =>
        new Verifier(toTrustMaterial(root, keys), {
          tlogThreshold: 0,
          ctlogThreshold: 0,
          timestampThreshold: 0,
        }),
    );
    this.keyVerifiers.set(withLog, verifier);
    return verifier;
  }
}
