import { ASN1Obj, X509Certificate } from '@sigstore/core';

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
