import { toRepositoryName } from '../subjects/reference.ts';
import type { RunMode } from '../github/dry-run.ts';
import type { GateDecision } from '../provenance/gate.ts';
import type { SignerDescription } from '../sigstore/signing.ts';
import type { SkippedSubject } from '../subjects/subject.ts';
import type { TargetOutcome } from './outcome.ts';

/** One entry of the `signatures` output: stable field names later steps can rely on. */
export interface SignatureOutput {
  readonly image: string;
  readonly tag?: string;
  readonly digest: string;
  /** Digest of the image as given (the index, for a platform of an index). */
  readonly 'subject-digest': string;
  readonly platform?: string;
  readonly status: TargetOutcome['status'];
  readonly 'dry-run': boolean;
  readonly formats: readonly string[];
  readonly references: readonly string[];
  readonly tags?: readonly string[];
  /** Rekor log indexes of the entries made this run. */
  readonly 'log-indexes': readonly string[];
  /** Every signature was read back from the registry and verified. */
  readonly verified: boolean;
  readonly error?: { readonly code: string; readonly message: string };
  /** The provenance gate's verdict for the image, the check that failed, and every exception used. */
  readonly provenance?: ProvenanceOutput;
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

export function toProvenanceOutput(decision: GateDecision): ProvenanceOutput {
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
      status: outcome.status,
      'dry-run': mode.dryRun,
      formats: outcome.records.map((record) => record.format),
      references: outcome.records.map((record) => record.reference),
      'log-indexes': outcome.records.flatMap((record) => (record.logIndex ? [record.logIndex] : [])),
      verified: outcome.records.length > 0 && outcome.records.every((record) => record.verified === true),
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(outcome.provenance ? { provenance: toProvenanceOutput(outcome.provenance) } : {}),
    };
  });
}

/** Every step output, by name as declared in action.yml. */
export function toStepOutputs(
  outcomes: readonly TargetOutcome[],
  skipped: readonly SkippedSubject[],
  signer: SignerDescription,
  bundlePaths: readonly string[],
  mode: RunMode,
): Record<string, string> {
  const signed = outcomes.filter((outcome) => outcome.status === 'signed');
  const skippedEntries = skipped.map((subject) => ({
    image: subject.name,
    status: 'skipped',
    reason: subject.reason,
  }));
  return {
    signatures: JSON.stringify([...toSignatureOutputs(outcomes, mode), ...skippedEntries]),
    'dry-run': String(mode.dryRun),
    signed: String(signed.length),
    planned: String(outcomes.filter((outcome) => outcome.status === 'planned').length),
    skipped: String(skipped.length),
    'bundle-paths': bundlePaths.join('\n'),
    failed: String(outcomes.filter((outcome) => outcome.status === 'failed').length),
    digests: signed.map((outcome) => outcome.target?.image.digest).join('\n'),
    ...(signer.mode === 'key' ? { 'public-key': signer.publicKeyPem } : {}),
    ...(signer.mode === 'keyless'
      ? {
          'certificate-identity': signer.certificateIdentity,
          'certificate-oidc-issuer': signer.certificateIssuer,
        }
      : {}),
  };
}
