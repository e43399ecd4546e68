import type { TargetOutcome } from '../../../src/report/outcome.ts';
import type { PublishRecord } from '../../../src/signatures/target.ts';
import type { Digest, ImageRef } from '../../../src/subjects/reference.ts';

export const digestOf = (n: number): Digest => `sha256:${n.toString(16).padStart(64, '0')}`;

/**
 * Manifest `n` below `subject`, signed in both formats (bundle, then legacy); `record` adds to or replaces
 * each record's fields.
 */
export function signedOutcome(
  subject: ImageRef,
  n: number,
  record: (format: PublishRecord['format'], digest: Digest) => Partial<PublishRecord> = () => ({}),
): TargetOutcome {
  const image = { ...subject, digest: digestOf(n) };
  return {
    subject,
    target: { image, platform: 'linux/amd64', mediaType: 'm', size: 1, storage: subject },
    status: 'signed',
    records: (['bundle', 'legacy'] as const).map((format) => ({
      format,
      reference: `${format} of ${n}`,
      manifestDigest: image.digest,
      added: true,
      ...record(format, image.digest),
    })),
  };
}
