import { RekorWitness, TSAWitness, type Witness } from '@sigstore/sign';
import { RekorV2Witness } from './rekor-v2-witness.ts';
import { SIGSTORE_FETCH } from './service-errors.ts';
import type { TransparencyLog } from './signing-config.ts';

/** The witnesses of one kind of signature; DSSE envelopes are logged as `dsse` entries by Rekor v1. */
export type WitnessesFor = (entryType?: 'dsse') => Witness[];

/**
 * The log witness for Rekor v1 or v2. A v1 re-run whose entry already exists reuses it
 * (fetchOnConflict); v2 takes DSSE envelopes only as hashedrekord entries (rekor-v2-witness.ts).
 */
function logWitness(tlog: TransparencyLog, entryType: 'dsse' | undefined): Witness {
  if (tlog.majorApiVersion === 2)
    return new RekorV2Witness({ rekorBaseURL: tlog.rekorUrl, ...SIGSTORE_FETCH });
  return new RekorWitness({
    rekorBaseURL: tlog.rekorUrl,
    fetchOnConflict: true,
    ...SIGSTORE_FETCH,
    ...(entryType ? { entryType } : {}),
  });
}

/** Composition, not flags: no tlog means no Rekor witness, no tsa-url no TSA witness. */
export function witnessesFor(tlog: TransparencyLog | undefined, tsaUrl: string | undefined): WitnessesFor {
  return (entryType) => [
    ...(tlog ? [logWitness(tlog, entryType)] : []),
    ...(tsaUrl ? [new TSAWitness({ tsaBaseURL: tsaUrl, ...SIGSTORE_FETCH })] : []),
  ];
}
