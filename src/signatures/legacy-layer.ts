import type { Bundle } from '@sigstore/bundle';
import { COSIGN_SIGNATURE_ANNOTATION } from '../registry/media-types.ts';

/** One layer of cosign's `.sig` manifest, before upload: the payload and its annotations. */
export interface LegacySignature {
  readonly payload: Buffer;
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * The layer annotations cosign writes for a message-signature bundle
 * (https://github.com/sigstore/cosign/blob/main/pkg/oci/static/signature.go).
 */
export function toLegacySignature(payload: Buffer, bundle: Bundle): LegacySignature {
  if (bundle.content.$case !== 'messageSignature') {
    throw new Error('a legacy .sig layer needs a message-signature bundle');
  }
  return {
    payload,
    annotations: {
      [COSIGN_SIGNATURE_ANNOTATION]: bundle.content.messageSignature.signature.toString('base64'),
    },
  };
}
