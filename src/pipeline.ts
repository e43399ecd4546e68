import { SignerError, describeCause } from './errors.ts';
import type { GateDecision } from './provenance/gate.ts';
import { describeRefusal } from './provenance/refusal.ts';
import { rankRejections } from './provenance/rejections.ts';
import type { TargetOutcome } from './report/outcome.ts';
import type { FetchedManifest } from './registry/access.ts';
import type { FormatWriter, SettledReads } from './signatures/format-writer.ts';
import type { PublishRecord } from './signatures/target.ts';
import type { SignTarget } from './subjects/sign-target.ts';
import { toDigestRef, type ImageRef } from './subjects/reference.ts';
import type { TagRef } from './subjects/subject.ts';
import { limiter, mapLimit } from './util/concurrency.ts';
import { escapeUntrusted } from './util/untrusted.ts';
import { timed } from './util/phase-timings.ts';

export interface TargetResolver {
  resolve(image: ImageRef): Promise<SignTarget[]>;
  /** The digest a tag points at now, read once (`resolve-tags`). */
  resolveTag(tag: TagRef): Promise<ImageRef>;
}

export interface ProvenanceCheck {
  check(subject: ImageRef, targets: readonly SignTarget[]): Promise<GateDecision>;
}

/** Checks what was written, from the registry, as a verifier would. */
export interface WrittenCheck {
  check(target: SignTarget, record: PublishRecord, settled: SettledReads): Promise<void>;
  /**
   * Whether the check reads a list other signers share (and so waits for the end-of-run check's read of
   * it), or only what is stored by digest, which it can read while the lists settle.
   */
  readsSharedList(record: PublishRecord): boolean;
  /**
   * Reads, while the lists settle, what the check of a shared list's record needs that is stored by
   * digest; the read is kept for the check. Settles (never rejects) when the read is done.
   */
  prefetch?(target: SignTarget, record: PublishRecord): Promise<void>;
}

export interface Services {
  readonly resolver: TargetResolver;
  readonly gate: ProvenanceCheck;
  readonly writers: readonly FormatWriter[];
  /** Absent with `verify: false`. */
  readonly readBack?: WrittenCheck;
}

export interface PipelineLimits {
  readonly concurrency: number;
}

type Failure = NonNullable<TargetOutcome['error']>;

/** A target that failed after some formats were written: the report still lists what is in the registry. */
interface FailedWrite {
  readonly failure: Failure;
  readonly written: PublishRecord[];
}

function toFailure(err: unknown): Failure {
  if (err instanceof SignerError) return { code: err.code, message: err.message };
  return { code: 'SIGN_FAILED', message: `Unexpected error: ${escapeUntrusted(describeCause(err))}` };
}

/**
 * The gate's refusal as one manifest's row tells it: its own most specific reason (whole-image provenance
 * speaks for every manifest) when it has one, else the image's (a manifest that passed is not signed alone).
 */
function toTargetDecision(
  subject: ImageRef,
  decision: GateDecision & { verdict: 'failed' },
  target: SignTarget,
): GateDecision & { verdict: 'failed' } {
  const own = rankRejections(
    decision.rejections.filter((r) => r.digest === target.image.digest || r.digest === subject.digest),
  );
  if (!own) return decision;
  const { source, ...first } = own.first;
  return { ...decision, ...first, ...(source ? { source } : {}), others: own.others };
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * `and its 2 platforms (linux/amd64, linux/arm64) and 2 attestation manifests`: what an index's refusal
 * also stands for.
 */
function describeManifestsBelow(subject: ImageRef, targets: readonly SignTarget[]): string {
  const below = targets.filter((target) => target.image.digest !== subject.digest);
  const platforms = below.filter((target) => !target.attestation);
  const attestations = below.length - platforms.length;
  if (below.length === 0) return '';
  const names = platforms.map((target) => escapeUntrusted(target.platform ?? target.image.digest));
  const listed = platforms.length > 0 ? ` ${plural(platforms.length, 'platform')} (${names.join(', ')})` : '';
  const attested = attestations > 0 ? ` ${plural(attestations, 'attestation manifest')}` : '';
  return ` and its${listed}${listed && attested ? ' and' : ''}${attested}`;
}

/**
 * The refusal of the gate, naming the check, the expected value, the value found and the fix. The
 * image's own row speaks for its platforms too (`below`), so the refusal of an index is read once.
 */
function toGateFailure(
  subject: ImageRef,
  decision: GateDecision & { verdict: 'failed' },
  below = '',
): Failure {
  const where = `${toDigestRef(subject)}${below}${decision.digest !== subject.digest ? ` (manifest ${decision.digest})` : ''}`;
  return {
    code: decision.failure.check === 'present' ? 'PROVENANCE_MISSING' : 'PROVENANCE_REJECTED',
    message: describeRefusal(where, decision),
  };
}

/** The formats are independent (their own tags and blobs), so they are written at once; the first failure fails the target. */
async function writeAllFormats(
  target: SignTarget,
  services: Services,
): Promise<PublishRecord[] | FailedWrite> {
  const settled = await Promise.allSettled(services.writers.map((writer) => writer.write(target)));
  const written = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const rejected = settled.find((outcome) => outcome.status === 'rejected');
  return rejected ? { failure: toFailure(rejected.reason), written } : written;
}

interface CheckedRecord {
  readonly record: PublishRecord;
  readonly failure?: Failure;
}

async function readBackOne(
  target: SignTarget,
  record: PublishRecord,
  check: WrittenCheck,
  settled: SettledReads,
): Promise<CheckedRecord> {
  try {
    await timed('read-back', () => check.check(target, record, settled));
    return { record: { ...record, verified: true } };
  } catch (err) {
    return { record: { ...record, verified: false }, failure: toFailure(err) };
  }
}

/**
 * Settles the run's appends and reads back what was written. What is stored by digest is read back while
 * the lists settle (the pause is the longest wait of a small release); what reads a shared list, or was
 * replaced by another run's duplicate in settling, is read back from the end-of-run check's read.
 */
async function settleAndReadBack(
  written: ReadonlyMap<string, PublishRecord[] | FailedWrite>,
  targets: ReadonlyMap<string, SignTarget>,
  services: Services,
  limits: PipelineLimits,
): Promise<Map<string, PublishRecord[] | FailedWrite>> {
  const readBack = services.readBack;
  const records = [...written].flatMap(([key, result]) => {
    const target = targets.get(key);
    return target && Array.isArray(result) ? result.map((record) => ({ key, target, record })) : [];
  });
  const noLists: SettledReads = new Map();
  // The formats' lists are separate, so their pauses and checks run at once. Reads by digest share the
  // run's concurrency: a large run would otherwise ask for every blob at once, each on a new connection.
  const [early, lists] = await Promise.all([
    readBack
      ? mapLimit(records, limits.concurrency, async ({ target, record }) => {
          if (!readBack.readsSharedList(record)) return readBackOne(target, record, readBack, noLists);
          await readBack.prefetch?.(target, record);
          return undefined;
        })
      : [],
    Promise.all(services.writers.map((writer) => writer.settle())),
  ]);
  if (!readBack) return new Map(written);
  const settled = new Map<string, FetchedManifest>();
  for (const reads of lists) for (const [reference, read] of reads) settled.set(reference, read);
  const checked = await mapLimit(records, limits.concurrency, async ({ target, record }, i) => {
    const before = early[i];
    if (before && !settled.has(record.reference)) return before;
    return readBackOne(target, record, readBack, settled);
  });
  // Each target: its records in the writers' order; the first that does not verify fails it.
  const byTarget = new Map<string, CheckedRecord[]>();
  for (const [i, { key }] of records.entries())
    byTarget.set(key, [...(byTarget.get(key) ?? []), checked[i] as CheckedRecord]);
  const results = new Map(written);
  for (const [key, checks] of byTarget) {
    const failure = checks.find((checkedRecord) => checkedRecord.failure)?.failure;
    const verified = checks.map((checkedRecord) => checkedRecord.record);
    results.set(key, failure ? { failure, written: verified } : verified);
  }
  return results;
}

interface Resolved {
  readonly subject: ImageRef;
  readonly targets?: SignTarget[];
  readonly decision?: GateDecision;
  /** Why it could not be resolved. */
  readonly failure?: Failure;
}

/**
 * Runs every image through resolve → provenance gate → sign → publish; one failure never stops the
 * others, and an image the gate refuses gets nothing written. A manifest reached twice (an index and
 * one of its platforms both listed) is signed once and reported for each.
 */
export async function signAll(
  images: readonly ImageRef[],
  services: Services,
  limits: PipelineLimits,
): Promise<TargetOutcome[]> {
  const unique = new Map<string, SignTarget>();
  const written = new Map<string, PublishRecord[] | FailedWrite>();
  const writes: Promise<void>[] = [];
  const writeSlot = limiter(limits.concurrency);
  const resolved = await mapLimit(images, limits.concurrency, async (subject): Promise<Resolved> => {
    let entry: Resolved;
    try {
      const targets = await timed('resolve', () => services.resolver.resolve(subject));
      const decision = await timed('provenance', () => services.gate.check(subject, targets));
      entry = { subject, targets, decision };
    } catch (err) {
      return { subject, failure: toFailure(err) };
    }
    // An image's manifests are written once it passed the gate, while later images resolve; one
    // reached before (an index and one of its platforms both listed) is written once.
    if (entry.decision?.verdict !== 'failed') {
      for (const target of entry.targets ?? []) {
        const key = toDigestRef(target.image);
        if (unique.has(key)) continue;
        unique.set(key, target);
        writes.push(writeSlot(async () => void written.set(key, await writeAllFormats(target, services))));
      }
    }
    return entry;
  });
  await Promise.all(writes);
  // Appends to lists other signers share are checked again once everything is written, and what was
  // written is read back: a signature dropped by a concurrent writer is repaired before it is judged.
  const results = await settleAndReadBack(written, unique, services, limits);

  return resolved.flatMap((entry): TargetOutcome[] => {
    const provenance = entry.decision ? { provenance: entry.decision } : {};
    if (!entry.targets)
      return [{ subject: entry.subject, status: 'failed', records: [], error: entry.failure, ...provenance }];
    return entry.targets.map((target): TargetOutcome => {
      const base = { subject: entry.subject, target, ...provenance };
      if (entry.decision?.verdict === 'failed') {
        const decision = toTargetDecision(entry.subject, entry.decision, target);
        const below =
          target.image.digest === entry.subject.digest
            ? describeManifestsBelow(entry.subject, entry.targets ?? [])
            : '';
        const error = toGateFailure(entry.subject, decision, below);
        return { ...base, status: 'failed', records: [], error, provenance: decision };
      }
      const result = results.get(toDigestRef(target.image)) ?? {
        failure: { code: 'SIGN_FAILED', message: 'not attempted' },
        written: [],
      };
      return Array.isArray(result)
        ? {
            ...base,
            status: result.some((record) => record.planned)
              ? 'planned'
              : result.some((record) => record.added)
                ? 'signed'
                : 'already-signed',
            records: result,
          }
        : { ...base, status: 'failed', records: result.written, error: result.failure };
    });
  });
}
