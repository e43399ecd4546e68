import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { toDSSEBundle, type Bundle } from '@sigstore/bundle';
import { dsse } from '@sigstore/core';
import { initializeCA, initializeCTLog, initializeTSA } from '@sigstore/mock';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { FLEET } from '../../harness/provenance.ts';

/**
 * A Sigstore in memory for unit tests: @sigstore/mock's CA (with its CT log) and TSA called in-process,
 * no HTTP. Certificates carry the Fulcio extensions a test asks for; bundles verify against `trustedRoot`.
 */
export interface TestSigstore {
  readonly trustedRoot: TrustedRoot;
  /** A Fulcio-like certificate for a fresh key: SAN `san`, extensions by OID arc under 1.3.6.1.4.1.57264.1. */
  certify(identity: CertifiedIdentity): Promise<{ certificate: Buffer<ArrayBuffer>; privateKey: KeyObject }>;
  /** An RFC 3161 timestamp over the signature bytes, as sigstore-js' TSA witness gets it. */
  timestamp(signature: Buffer): Promise<Buffer>;
  /** `statement` in a DSSE bundle signed keyless as `identity`: certificate with SCT, and a timestamp. */
  attest(statement: object, identity: CertifiedIdentity): Promise<Bundle>;
}

export interface CertifiedIdentity {
  readonly san: string;
  /** Fulcio extension values by their last arc (8 → 1.3.6.1.4.1.57264.1.8); arcs 1–6 are written raw. */
  readonly extensions: Readonly<Record<number, string>>;
}

export const IN_TOTO = 'application/vnd.in-toto+json';
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const FLEET_RELEASE_SAN = `https://github.com/${FLEET.repository}/.github/workflows/${FLEET.workflowFile}@${FLEET.ref}`;

/** What Fulcio certifies for Fleet's release job (PROVENANCE.md §4.5), GitHub-hosted for the defaults. */
export const FLEET_RELEASE: CertifiedIdentity = {
  san: FLEET_RELEASE_SAN,
  extensions: {
    8: GITHUB_ISSUER,
    9: FLEET_RELEASE_SAN,
    11: 'github-hosted',
    12: `https://github.com/${FLEET.repository}`,
    13: FLEET.commit,
    14: FLEET.ref,
    20: 'push',
    21: `https://github.com/${FLEET.repository}/actions/runs/${FLEET.runId}/attempts/1`,
  },
};

const FULCIO_ARC = '1.3.6.1.4.1.57264.1';
const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const newKeyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const b64 = (bytes: ArrayBufferView): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** The DSSE signature over `statement` (PAE of its JSON), with `privateKey`. */
export function signStatement(
  statement: object | Buffer,
  privateKey: KeyObject,
): { payload: Buffer; signature: Buffer } {
  const payload = Buffer.isBuffer(statement) ? statement : Buffer.from(JSON.stringify(statement));
  return { payload, signature: sign('sha256', dsse.preAuthEncoding(IN_TOTO, payload), privateKey) };
}

/** `statement` in a DSSE bundle signed with a key (`cosign attest --key`), no log entry. */
export function attestWithKey(statement: object, privateKey: KeyObject): Bundle {
  const { payload, signature } = signStatement(statement, privateKey);
  return toDSSEBundle({ artifact: payload, artifactType: IN_TOTO, signature, keyHint: 'provenance-key' });
}

/** A throwaway signing key and its public half in PEM, as `provenance-key` takes it. */
export function newSigningKey(): { privateKey: KeyObject; publicKeyPem: string } {
  const { privateKey, publicKey } = newKeyPair();
  return { privateKey, publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}

export async function startTestSigstore(): Promise<TestSigstore> {
  // One clock for CA, CT log and TSA, so the timestamp falls inside the signing certificate's validity. It
  // is a few seconds ahead: the mock's root and intermediate certificates start at the real time they are
  // made (to the second), which must not be after it. Its milliseconds are not a multiple of 10, since the
  // mock TSA trims the trailing zeros @sigstore/core expects.
  const clock = new Date(Math.floor(Date.now() / 1000) * 1000 + 5_123);
  const validFrom = new Date(clock.getTime() - 60 * 60 * 1000).toISOString();
  const ctlog = await initializeCTLog(newKeyPair(), clock);
  const ca = await initializeCA(newKeyPair(), ctlog, clock);
  const tsa = await initializeTSA(newKeyPair(), clock);
  const trustedRoot = TrustedRoot.fromJSON({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: 'https://fulcio.test',
        certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] },
        validFor: { start: validFrom },
      },
    ],
    ctlogs: [
      {
        baseUrl: 'https://ctlog.test',
        hashAlgorithm: 'SHA2_256',
        publicKey: {
          rawBytes: ctlog.publicKey.toString('base64'),
          keyDetails: 'PKIX_ECDSA_P256_SHA_256',
          validFor: { start: validFrom },
        },
        logId: { keyId: b64(ctlog.logID) },
      },
    ],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: 'https://tsa.test',
        certChain: {
          certificates: [{ rawBytes: b64(tsa.intCertificate) }, { rawBytes: b64(tsa.rootCertificate) }],
        },
        validFor: { start: validFrom },
      },
    ],
  });

  const certify: TestSigstore['certify'] = async (identity) => {
    const { privateKey, publicKey } = newKeyPair();
    const der = await ca.issueCertificate({
      publicKey: publicKey.export({ format: 'der', type: 'spki' }),
      subjectAltName: identity.san,
      extensions: Object.entries(identity.extensions).map(([arc, value]) => ({
        oid: `${FULCIO_ARC}.${arc}`,
        value,
        legacy: Number(arc) <= 6,
      })),
    });
    return { certificate: Buffer.from(der.buffer, der.byteOffset, der.byteLength), privateKey };
  };
  const timestamp: TestSigstore['timestamp'] = async (signature) => {
    const response = await tsa.timestamp({
      artifactHash: createHash('sha256').update(signature).digest(),
      hashAlgorithmOID: SHA256_OID,
      nonce: 1,
      policyOID: '1.2.3.4',
      certReq: true,
    });
    return Buffer.from(response.buffer, response.byteOffset, response.byteLength);
  };
  return {
    trustedRoot,
    certify,
    timestamp,
    async attest(statement, identity) {
      const { certificate, privateKey } = await certify(identity);
      const { payload, signature } = signStatement(statement, privateKey);
      const bundle = toDSSEBundle({
        artifact: payload,
        artifactType: IN_TOTO,
        signature,
        certificate,
        certificateChain: false,
      });
      bundle.verificationMaterial.timestampVerificationData = {
        rfc3161Timestamps: [{ signedTimestamp: await timestamp(signature) }],
      };
      return bundle;
    },
  };
}
