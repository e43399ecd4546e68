import { X509Certificate as NodeCertificate, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { ASN1Obj, X509Certificate } from '@sigstore/core';
import { hashForKey } from './key-signer.ts';

/**
 * Recognises signatures made by this run's signer among those already in the registry, so a
 * re-run adds none twice. ECDSA signatures differ every time, so equality of bytes cannot tell.
 */
export interface SignerIdentity {
  /** `certificatePem` is the signature's certificate, for keyless signatures. */
  madeSignature(signedData: Buffer, signature: Buffer, certificatePem?: string): boolean;
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

// Fulcio's OIDC issuer extension: DER UTF8String (v2), and the raw string of v1.
// https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md
const ISSUER_OIDS = ['1.3.6.1.4.1.57264.1.8', '1.3.6.1.4.1.57264.1.1'];

/** The identity a Fulcio certificate vouches for: its SAN and its OIDC issuer. */
export interface CertificateSubject {
  readonly san: string;
  readonly issuer: string;
}

export function readCertificateSubject(pem: string): CertificateSubject {
  const cert = X509Certificate.parse(pem);
  const san = cert.extSubjectAltName?.uri ?? cert.extSubjectAltName?.rfc822Name ?? '';
  let issuer = '';
  for (const oid of ISSUER_OIDS) {
    const extension = cert.extension(oid);
    if (!extension) continue;
    issuer = oid.endsWith('.8')
      ? ASN1Obj.parseBuffer(Buffer.from(extension.value)).value.toString('utf8')
      : extension.value.toString('utf8');
    break;
  }
  return { san, issuer };
}

/** Keyless: a signature is ours when its certificate names the same identity and issuer, and it verifies. */
export class CertificateIdentity implements SignerIdentity {
  private readonly subject: CertificateSubject;

  constructor(ourCertificatePem: string) {
    this.subject = readCertificateSubject(ourCertificatePem);
  }

  madeSignature(signedData: Buffer, signature: Buffer, certificatePem?: string): boolean {
    if (!certificatePem) return false;
    try {
      const theirs = readCertificateSubject(certificatePem);
      if (theirs.san !== this.subject.san || theirs.issuer !== this.subject.issuer) return false;
      const publicKey = createPublicKey(
        new NodeCertificate(certificatePem).publicKey.export({ type: 'spki', format: 'pem' }),
      );
      return verify('sha256', signedData, publicKey, signature);
    } catch {
      return false;
    }
  }
}
