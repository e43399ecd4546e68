import type { Bundle, TransparencyLogEntry } from '@sigstore/bundle';
import { COSIGN_BUNDLE_ANNOTATION, COSIGN_SIGNATURE_ANNOTATION } from '../registry/media-types.ts';

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

/**
 * The layer annotations cosign writes for a message-signature bundle
 * (https://github.com/sigstore/cosign/blob/main/pkg/oci/static/signature.go).
 */
export function toLegacySignature(payload: Buffer, bundle: Bundle): LegacySignature {
  if (bundle.content.$case !== 'messageSignature') {
    throw new Error('a legacy .sig layer needs a message-signature bundle');
  }
  const tlogEntry = bundle.verificationMaterial.tlogEntries[0];
  return {
    payload,
    annotations: {
      [COSIGN_SIGNATURE_ANNOTATION]: bundle.content.messageSignature.signature.toString('base64'),
      ...(tlogEntry ? { [COSIGN_BUNDLE_ANNOTATION]: toRekorBundleAnnotation(tlogEntry) } : {}),
    },
  };
}
