import { toDigestRef } from '../subjects/reference.ts';
import type { TargetOutcome } from './outcome.ts';

function isProvenanceRefusal(outcome: TargetOutcome): boolean {
  return outcome.status === 'failed' && outcome.provenance?.verdict === 'failed';
}

function isImageItself(outcome: TargetOutcome): boolean {
  return outcome.target?.image.digest === outcome.subject.digest;
}

/**
 * The platform manifests whose provenance refusal is told by their index's own row: the gate refuses an
 * image whole, so a person reads one message per image; the outputs keep every manifest's own entry.
 */
export function refusalsToldByTheirIndex(outcomes: readonly TargetOutcome[]): ReadonlySet<TargetOutcome> {
  const refusedImages = new Set(
    outcomes
      .filter((outcome) => isProvenanceRefusal(outcome) && isImageItself(outcome))
      .map((outcome) => toDigestRef(outcome.subject)),
  );
  return new Set(
    outcomes.filter(
      (outcome) =>
        isProvenanceRefusal(outcome) &&
        !isImageItself(outcome) &&
        refusedImages.has(toDigestRef(outcome.subject)),
    ),
  );
}
