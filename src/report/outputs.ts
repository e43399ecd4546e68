import { toDigestRef, toRepositoryName } from '../subjects/reference.ts';
import type { RunMode } from '../github/dry-run.ts';
import type { GateDecision } from '../provenance/gate.ts';
import type { PublishRecord } from '../signatures/target.ts';
import type { SignerDescription } from '../sigstore/signing.ts';
import type { SkippedSubject } from '../subjects/subject.ts';
import type { TargetOutcome } from './outcome.ts';
import { MAX_OUTPUT_BYTES, fitItems, fitJsonArray, type Fitted } from './limits.ts';

/** One entry of the `signatures` output: stable field names later steps can rely on. */
export interface SignatureOutput {
  readonly image: string;
  readonly tag?: string;
  readonly digest: string;
  /** Digest of the image as given (the index, for a platform of an index). */
  readonly 'subject-digest': string;
  readonly platform?: string;
  /** A BuildKit attestation manifest of the index: signed, never a platform. */
  readonly 'attestation-manifest'?: true;
  /** For an attestation manifest: the platform manifest it is about. */
  readonly attests?: string;
  readonly status: TargetOutcome['status'];
  readonly 'dry-run': boolean;
  readonly formats: readonly string[];
  /** By format: the `.sig` tag (legacy), the manifest whose referrers hold the bundle (bundle). */
  readonly references: ByFormat;
  readonly tags?: readonly string[];
  /** By format: the Rekor log index of each signature's entry. */
  readonly 'log-indexes': ByFormat;
  /** Every signature was read back from the registry and verified; never in a dry run, which wrote none. */
  readonly verified: boolean;
  readonly error?: { readonly code: string; readonly message: string };
  /** The provenance gate's verdict for the image, the check that failed, and every exception used. */
  readonly provenance?: ProvenanceOutput;
}

/** A value for each format written, named by it, so no reader depends on the order of `formats`. */
export type ByFormat = Readonly<Partial<Record<PublishRecord['format'], string>>>;

function byFormat(
  records: readonly PublishRecord[],
  value: (record: PublishRecord) => string | undefined,
): ByFormat {
  const labelled: Partial<Record<PublishRecord['format'], string>> = {};
  for (const record of records) {
    const text = value(record);
    if (text !== undefined) labelled[record.format] = text;
  }
  return labelled;
}

export interface ProvenanceOutput {
  readonly verdict: GateDecision['verdict'];
  readonly sources?: readonly string[];
  readonly check?: string;
  readonly expected?: string;
  readonly found?: string;
  readonly reason?: string;
  readonly exceptions: readonly string[];
}

function toProvenanceOutput(decision: GateDecision): ProvenanceOutput {
  switch (decision.verdict) {
    case 'passed':
      return { verdict: 'passed', sources: decision.sources, exceptions: decision.exceptions };
    case 'skipped':
      return { verdict: 'skipped', reason: decision.reason, exceptions: decision.exceptions };
    case 'failed':
      return {
        verdict: 'failed',
        ...decision.failure,
        ...(decision.source ? { sources: [decision.source] } : {}),
        exceptions: decision.exceptions,
      };
    default:
      return { verdict: decision.verdict, exceptions: decision.exceptions };
  }
}

export function toSignatureOutputs(outcomes: readonly TargetOutcome[], mode: RunMode): SignatureOutput[] {
  return outcomes.map((outcome) => {
    const image = outcome.target?.image ?? outcome.subject;
    return {
      image: toRepositoryName(image),
      ...(outcome.subject.tag
        ? { tag: outcome.subject.tag, tags: outcome.subject.tags ?? [outcome.subject.tag] }
        : {}),
      digest: image.digest,
      'subject-digest': outcome.subject.digest,
      ...(outcome.target?.platform ? { platform: outcome.target.platform } : {}),
      ...(outcome.target?.attestation
        ? {
            'attestation-manifest': true as const,
            ...(outcome.target.attestation.describes
              ? { attests: outcome.target.attestation.describes }
              : {}),
          }
        : {}),
      status: outcome.status,
      'dry-run': mode.dryRun,
      formats: outcome.records.map((record) => record.format),
      references: byFormat(outcome.records, (record) => record.reference),
      'log-indexes': byFormat(outcome.records, (record) => record.logIndex),
      verified:
        !mode.dryRun &&
        outcome.status !== 'planned' &&
        outcome.records.length > 0 &&
        outcome.records.every((record) => record.verified === true),
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(outcome.provenance ? { provenance: toProvenanceOutput(outcome.provenance) } : {}),
    };
  });
}

/** One entry per manifest (failed, signed or planned) and per skipped image: the whole report. */
export type ReportEntry = SignatureOutput | { image: string; status: 'skipped'; reason: string };

export function toReportEntries(
  outcomes: readonly TargetOutcome[],
  skipped: readonly SkippedSubject[],
  mode: RunMode,
): ReportEntry[] {
  const skippedEntries = skipped.map((subject) => ({
    image: subject.name,
    status: 'skipped' as const,
    reason: subject.reason,
  }));
  return [...toSignatureOutputs(outcomes, mode), ...skippedEntries];
}

/** The whole list when it fits in one output; else failures first, then as many others as fit. */
function fitEntries(entries: readonly ReportEntry[]): Fitted {
  const whole = fitJsonArray(entries, MAX_OUTPUT_BYTES);
  if (whole.shown === entries.length) return whole;
  const failed = entries.filter((entry) => entry.status === 'failed');
  return fitJsonArray([...failed, ...entries.filter((entry) => entry.status !== 'failed')], MAX_OUTPUT_BYTES);
}

/**
 * Every step output, by name as declared in action.yml. A list too long for one output is cut to what
 * fits, `truncated` says so, and the whole report is the file at `report-path`.
 */
export function toStepOutputs(
  entries: readonly ReportEntry[],
  outcomes: readonly TargetOutcome[],
  signer: SignerDescription,
  bundlePaths: readonly string[],
  mode: RunMode,
  reportPath: string,
): Record<string, string> {
  // A re-run's manifests are signed all the same: counted, listed and given bundle files.
  const signed = outcomes.filter(
    (outcome) => outcome.status === 'signed' || outcome.status === 'already-signed',
  );
  const signatures = fitEntries(entries);
  const digests = fitItems(
    signed.flatMap((outcome) => (outcome.target ? [toDigestRef(outcome.target.image)] : [])),
    MAX_OUTPUT_BYTES,
  );
  const paths = fitItems(bundlePaths, MAX_OUTPUT_BYTES);
  const truncated =
    signatures.shown < entries.length || digests.shown < signed.length || paths.shown < bundlePaths.length;
  return {
    signatures: signatures.text,
    'dry-run': String(mode.dryRun),
    signed: String(signed.length),
    planned: String(outcomes.filter((outcome) => outcome.status === 'planned').length),
    skipped: String(entries.filter((entry) => entry.status === 'skipped').length),
    'bundle-paths': paths.text,
    failed: String(outcomes.filter((outcome) => outcome.status === 'failed').length),
    digests: digests.text,
    'report-path': reportPath,
    truncated: String(truncated),
    ...(signer.mode === 'key' ? { 'public-key': signer.publicKeyPem } : {}),
    ...(signer.mode === 'keyless'
      ? {
          'certificate-identity': signer.certificateIdentity,
          'certificate-oidc-issuer': signer.certificateIssuer,
        }
      : {}),
  };
}

/**
 * The outputs of a run stopped before signing (an input refused, a key unreadable): the same names, empty,
 * so an `if: always()` step still parses `signatures` and the counts.
 */
export function toStoppedRunOutputs(): Record<string, string> {
  return {
    signatures: '[]',
    signed: '0',
    planned: '0',
    skipped: '0',
    failed: '0',
    'bundle-paths': '',
    digests: '',
    truncated: 'false',
  };
}
