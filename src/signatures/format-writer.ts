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

/** What a publisher needs to write a signature and to tell its own from others' in the registry. */
export interface PublisherOptions {
  readonly registries: Registries;
  /** Checks a signature found in the registry as a verifier pinned to this signer would. */
  readonly verification: SignatureVerification;
  /** A signature of ours without a log entry does not count as already there (tlog-upload is on). */
  readonly requireLogEntry: boolean;
}

/** One storage format end to end: build what it signs, sign it, publish it. */
export interface FormatWriter {
  readonly format: PublishRecord['format'];
  write(target: SignTarget): Promise<PublishRecord>;
  /** Once every target is written: repair appends that concurrent writers dropped. */
  settle(): Promise<SettledReads>;
}

/**
 * A dry run's writer: the same work, against a registry that keeps every write back, so what it adds is
 * a plan, and its records say so.
 */
export class PlanningWriter implements FormatWriter {
  readonly format: PublishRecord['format'];
  private readonly inner: FormatWriter;

  constructor(inner: FormatWriter) {
    this.inner = inner;
    this.format = inner.format;
  }

  async write(target: SignTarget): Promise<PublishRecord> {
    const record = await this.inner.write(target);
    return record.added ? { ...record, planned: true } : record;
  }

  settle(): Promise<SettledReads> {
    return this.inner.settle();
  }
}

/** Where bundles go as soon as they are made (the bundle files), instead of waiting in records for the report. */
export interface BundleKeeper {
  /** The record without its bundle, once the bundle is on its way to its file. */
  keep(image: SignTarget['image'], record: PublishRecord): PublishRecord;
}

/**
 * A release run's writer: each record's bundle goes to its bundle file when the record is made. A large
 * release made thousands of bundles, and kept them all until the report (issue 18).
 */
export class BundleFilingWriter implements FormatWriter {
  readonly format: PublishRecord['format'];
  private readonly inner: FormatWriter;
  private readonly keeper: BundleKeeper;

  constructor(inner: FormatWriter, keeper: BundleKeeper) {
    this.inner = inner;
    this.keeper = keeper;
    this.format = inner.format;
  }

  async write(target: SignTarget): Promise<PublishRecord> {
    return this.keeper.keep(target.image, await this.inner.write(target));
  }

  settle(): Promise<SettledReads> {
    return this.inner.settle();
  }
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
