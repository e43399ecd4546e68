import { bundleToJSON, type Bundle } from '@sigstore/bundle';
import type { FetchedManifest, Registries } from '../registry/access.ts';
import type { SignatureVerification } from '../sigstore/trust.ts';
import type { PublishRecord } from './target.ts';
import type { SignTarget } from '../subjects/sign-target.ts';

/**
 * Signature lists as the end-of-run check last read them, by record reference. That read comes after
 * every write of the run, so read-back verifies from it instead of asking the registry once more.
 */
export type SettledReads = ReadonlyMap<string, FetchedManifest>;

/** One storage format end to end: build what it signs, sign it, publish it. */
/** What a publisher needs to write a signature and to tell its own from others' in the registry. */
export interface PublisherOptions {
  readonly registries: Registries;
  /** Checks a signature found in the registry as a verifier pinned to this signer would. */
  readonly verification: SignatureVerification;
  /** A signature of ours without a log entry does not count as already there (tlog-upload is on). */
  readonly requireLogEntry: boolean;
}

export interface FormatWriter {
  readonly format: PublishRecord['format'];
  write(target: SignTarget): Promise<PublishRecord>;
  /** Once every target is written: repair appends that concurrent writers dropped. */
  settle(): Promise<SettledReads>;
}

/**
 * A record with the bundle of its signature (for bundle files) and its log index. A publish that found
 * ours already there (a concurrent run of the same signer) keeps that one's: ours was not written.
 */
export function toSignedRecord(
  published: PublishRecord,
  bundle: Bundle,
  json = JSON.stringify(bundleToJSON(bundle)),
): PublishRecord {
  if (!published.added && published.bundle) return published;
  const logIndex = bundle.verificationMaterial.tlogEntries[0]?.logIndex;
  return { ...published, bundle: json, ...(logIndex ? { logIndex } : {}) };
}
