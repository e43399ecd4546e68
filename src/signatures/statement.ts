import type { Digest } from '../subjects/reference.ts';
import { toGoJson, toSortedRecord } from '../util/go-json.ts';
import { toOwnedBuffer } from '../util/owned-buffer.ts';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';

/**
 * The in-toto statement cosign v3 signs for `cosign sign` in the bundle format: the subject is the
 * manifest digest (no name), signed annotations ride on the subject, the predicate is empty
 * (cmd/cosign/cli/sign/sign.go `signDigestBundle`; checked against cosign v3.1.3's own output).
 */
export function toCosignSignStatement(digest: Digest, annotations: Readonly<Record<string, string>>): Buffer {
  const hasAnnotations = Object.keys(annotations).length > 0;
  return toOwnedBuffer(
    toGoJson({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [
        {
          digest: { sha256: digest.slice('sha256:'.length) },
          ...(hasAnnotations ? { annotations: toSortedRecord(annotations) } : {}),
        },
      ],
      predicateType: COSIGN_SIGN_PREDICATE,
      predicate: {},
    }),
  );
}
