import { createHash } from 'node:crypto';
import { toMessageSignatureBundle, type Bundle, type TransparencyLogEntry } from '@sigstore/bundle';
import { pem } from '@sigstore/core';
import {
  COSIGN_BUNDLE_ANNOTATION,
  COSIGN_CERTIFICATE_ANNOTATION,
  COSIGN_CHAIN_ANNOTATION,
  COSIGN_SIGNATURE_ANNOTATION,
  COSIGN_TIMESTAMP_ANNOTATION,
} from '../registry/media-types.ts';
import type { Descriptor } from '../registry/manifest.ts';
import { sha256Digest } from '../util/digest.ts';

/** One layer of cosign's `.sig` manifest, before upload: the payload and its annotations. */
export interface LegacySignature {
  readonly payload: Buffer;
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * cosign's "Rekor bundle" annotation: the SET and what it signs, so verifiers check the log entry
 * offline (https://github.com/sigstore/cosign/blob/main/pkg/cosign/bundle/rekor.go; field order as Go writes it).
 */
function toRekorBundleAnnotation(entry: TransparencyLogEntry): string {
  return JSON.stringify({
    SignedEntryTimestamp: entry.inclusionPromise?.signedEntryTimestamp.toString('base64') ?? '',
    Payload: {
      body: entry.canonicalizedBody.toString('base64'),
      integratedTime: Number(entry.integratedTime),
      logIndex: Number(entry.logIndex),
      logID: entry.logId?.keyId.toString('hex') ?? '',
    },
  });
}

interface RekorBundleAnnotation {
  SignedEntryTimestamp?: string;
  Payload?: { body?: string; integratedTime?: number; logIndex?: number; logID?: string };
}

/**
 * The log entry behind cosign's bundle annotation, as a verifier checks it offline: the SET over the
 * entry (no inclusion proof: cosign never stored one there). Undefined when there is no annotation.
 */
export function toTlogEntry(annotation: string | undefined): TransparencyLogEntry | undefined {
  if (!annotation) return undefined;
  const parsed = JSON.parse(annotation) as RekorBundleAnnotation;
  const payload = parsed.Payload;
  if (!payload?.body || !payload.logID || !parsed.SignedEntryTimestamp)
    throw new Error('the Rekor bundle annotation is incomplete');
  const body = Buffer.from(payload.body, 'base64');
  const kind = JSON.parse(body.toString('utf8')) as { kind?: string; apiVersion?: string };
  return {
    logIndex: String(payload.logIndex ?? 0),
    logId: { keyId: Buffer.from(payload.logID, 'hex') },
    kindVersion: { kind: kind.kind ?? '', version: kind.apiVersion ?? '' },
    integratedTime: String(payload.integratedTime ?? 0),
    inclusionPromise: { signedEntryTimestamp: Buffer.from(parsed.SignedEntryTimestamp, 'base64') },
    inclusionProof: undefined,
    canonicalizedBody: body,
  };
}

/**
 * Adds what cosign keeps beside a `.sig` or `.att` layer's signature (the Rekor entry behind its SET,
 * the RFC 3161 timestamp) to a bundle rebuilt from that layer, so it verifies as cosign would.
 */
export function withLegacyWitnesses<T extends Bundle>(
  bundle: T,
  annotations: Readonly<Record<string, string>>,
  withLog: boolean,
): T {
  const tlogEntry = withLog ? toTlogEntry(annotations[COSIGN_BUNDLE_ANNOTATION]) : undefined;
  if (tlogEntry) bundle.verificationMaterial.tlogEntries = [tlogEntry];
  const timestamp = annotations[COSIGN_TIMESTAMP_ANNOTATION];
  if (timestamp) {
    const signedTimestamp =
      (JSON.parse(timestamp) as { SignedRFC3161Timestamp?: string }).SignedRFC3161Timestamp ?? '';
    bundle.verificationMaterial.timestampVerificationData = {
      rfc3161Timestamps: [{ signedTimestamp: Buffer.from(signedTimestamp, 'base64') }],
    };
  }
  return bundle;
}

/**
 * The layer annotations cosign writes for a message-signature bundle
 * (https://github.com/sigstore/cosign/blob/main/pkg/oci/static/signature.go).
 */
export function toLegacySignature(payload: Buffer, bundle: Bundle): LegacySignature {
  if (bundle.content.$case !== 'messageSignature') {
    throw new Error('a legacy .sig layer needs a message-signature bundle');
  }
  const material = bundle.verificationMaterial;
  const tlogEntry = material.tlogEntries[0];
  const timestamp = material.timestampVerificationData?.rfc3161Timestamps[0];
  const certificates =
    material.content.$case === 'x509CertificateChain'
      ? material.content.x509CertificateChain.certificates
      : material.content.$case === 'certificate'
        ? [material.content.certificate]
        : [];
  const [leaf, ...chain] = certificates.map((certificate) => pem.fromDER(certificate.rawBytes));
  return {
    payload,
    annotations: {
      [COSIGN_SIGNATURE_ANNOTATION]: bundle.content.messageSignature.signature.toString('base64'),
      // cosign sets the chain whenever it sets the certificate, possibly empty.
      ...(leaf ? { [COSIGN_CERTIFICATE_ANNOTATION]: leaf, [COSIGN_CHAIN_ANNOTATION]: chain.join('') } : {}),
      ...(tlogEntry ? { [COSIGN_BUNDLE_ANNOTATION]: toRekorBundleAnnotation(tlogEntry) } : {}),
      ...(timestamp
        ? {
            [COSIGN_TIMESTAMP_ANNOTATION]: JSON.stringify({
              SignedRFC3161Timestamp: timestamp.signedTimestamp.toString('base64'),
            }),
          }
        : {}),
    },
  };
}

/** A `.sig` layer as the bundle a verifier checks: signature, certificate, log entry and timestamp. */
export function toLegacyBundle(
  payload: Buffer,
  annotations: Readonly<Record<string, string>>,
  withLog: boolean,
): Bundle {
  const certificate = annotations[COSIGN_CERTIFICATE_ANNOTATION];
  const bundle = toMessageSignatureBundle({
    digest: createHash('sha256').update(payload).digest(),
    signature: Buffer.from(annotations[COSIGN_SIGNATURE_ANNOTATION] ?? '', 'base64'),
    ...(certificate
      ? { certificate: pem.toDER(certificate), certificateChain: false }
      : { keyHint: 'release-signer' }),
  });
  return withLegacyWitnesses(bundle, annotations, withLog);
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

/**
 * The config blob cosign pushes with a `.sig` manifest: go-containerregistry's empty image with one
 * diff_id and history entry per layer. No verifier reads it; we match it so the bytes look like cosign's.
 */
export function toCosignConfig(layers: readonly Descriptor[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: '',
      created: ZERO_TIME,
      history: layers.map(() => ({ created: ZERO_TIME })),
      os: '',
      rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.digest) },
      config: {},
    }),
  );
}

/**
 * A layer's identity for judging it: its payload and every annotation (signature, certificate, log
 * entry). Hashed: it is kept for every layer of a large release.
 */
export function judgedKey(layer: Descriptor): string {
  return sha256Digest(Buffer.from(`${layer.digest} ${JSON.stringify(layer.annotations ?? {})}`));
}

/** This very layer: the payload and the signature bytes made this run. */
export function isLayerOf(layer: Descriptor, signature: LegacySignature): boolean {
  return (
    layer.digest === sha256Digest(signature.payload) &&
    layer.annotations?.[COSIGN_SIGNATURE_ANNOTATION] === signature.annotations[COSIGN_SIGNATURE_ANNOTATION]
  );
}
