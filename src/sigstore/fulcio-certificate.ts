import { ASN1Obj, X509Certificate } from '@sigstore/core';

// Fulcio's certificate extensions, root 1.3.6.1.4.1.57264.1: .1–.6 raw strings (deprecated), .8 and up
// DER UTF8String. https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md
const FULCIO = '1.3.6.1.4.1.57264.1';
const CERT_EXTENSIONS = {
  issuer: [`${FULCIO}.8`, `${FULCIO}.1`],
  buildSignerUri: [`${FULCIO}.9`],
  runnerEnvironment: [`${FULCIO}.11`],
  sourceRepositoryUri: [`${FULCIO}.12`, `${FULCIO}.5`],
  sourceRepositoryDigest: [`${FULCIO}.13`, `${FULCIO}.3`],
  sourceRepositoryRef: [`${FULCIO}.14`, `${FULCIO}.6`],
  buildTrigger: [`${FULCIO}.20`, `${FULCIO}.2`],
  runInvocationUri: [`${FULCIO}.21`],
} as const;

export type CertificateClaims = { readonly san: string } & {
  readonly [K in keyof typeof CERT_EXTENSIONS]?: string;
};

const DEPRECATED_RAW = new Set([1, 2, 3, 4, 5, 6].map((n) => `${FULCIO}.${n}`));
// .5 holds `owner/repo` where .12 holds its URI; Fulcio issued the deprecated GitHub ones for github.com only.
const DEPRECATED_REPOSITORY = `${FULCIO}.5`;

/** The identity and GitHub claims a Fulcio certificate carries, decoded per OID kind. */
export function readCertificateClaims(certificate: X509Certificate): CertificateClaims {
  const claims: Record<string, string> = {
    san: certificate.extSubjectAltName?.uri ?? certificate.extSubjectAltName?.rfc822Name ?? '',
  };
  for (const [name, oids] of Object.entries(CERT_EXTENSIONS)) {
    for (const oid of oids) {
      const extension = certificate.extension(oid);
      if (!extension) continue;
      const value = DEPRECATED_RAW.has(oid)
        ? extension.value.toString('utf8')
        : ASN1Obj.parseBuffer(Buffer.from(extension.value)).value.toString('utf8');
      claims[name] = oid === DEPRECATED_REPOSITORY ? `https://github.com/${value}` : value;
      break;
    }
  }
  return claims as CertificateClaims;
}

/** The identity a Fulcio certificate vouches for: its SAN and its OIDC issuer. */
export interface CertificateSubject {
  readonly san: string;
  readonly issuer: string;
}

export function readCertificateSubject(pem: string): CertificateSubject {
  const { san, issuer } = readCertificateClaims(X509Certificate.parse(pem));
  return { san, issuer: issuer ?? '' };
}
