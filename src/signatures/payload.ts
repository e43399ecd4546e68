import { toRepositoryName, type ImageRef } from '../subjects/reference.ts';
import { toGoJson, toSortedRecord } from '../util/go-json.ts';
import { toOwnedBuffer } from '../util/owned-buffer.ts';

const SIMPLE_SIGNING_TYPE = 'cosign container image signature';

/**
 * cosign's "simple signing" payload, byte for byte as cosign marshals it
 * (https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md#payload):
 * `optional` is null without annotations, and containers/image rejects missing or extra keys. Kept until
 * settle() has checked the run's appends, so in memory of its own.
 */
export function toSimpleSigningPayload(
  image: Pick<ImageRef, 'registry' | 'repository' | 'digest'>,
  annotations: Readonly<Record<string, string>>,
): Buffer {
  const hasAnnotations = Object.keys(annotations).length > 0;
  return toOwnedBuffer(
    toGoJson({
      critical: {
        identity: { 'docker-reference': toRepositoryName(image) },
        image: { 'docker-manifest-digest': image.digest },
        type: SIMPLE_SIGNING_TYPE,
      },
      optional: hasAnnotations ? toSortedRecord(annotations) : null,
    }),
  );
}
