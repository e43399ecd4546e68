import { toRepositoryName } from '../subjects/reference.ts';
import type { SignerDescription } from '../sigstore/signing.ts';
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
  readonly formats: readonly string[];
  readonly references: readonly string[];
  /** Every signature was read back from the registry and verified. */
  readonly verified: boolean;
  readonly error?: { readonly code: string; readonly message: string };
}

export function toSignatureOutputs(outcomes: readonly TargetOutcome[]): SignatureOutput[] {
  return outcomes.map((outcome) => {
    const image = outcome.target?.image ?? outcome.subject;
    return {
      image: toRepositoryName(image),
      ...(outcome.subject.tag ? { tag: outcome.subject.tag } : {}),
      digest: image.digest,
      'subject-digest': outcome.subject.digest,
      ...(outcome.target?.platform ? { platform: outcome.target.platform } : {}),
      status: outcome.status,
      formats: outcome.records.map((record) => record.format),
      references: outcome.records.map((record) => record.reference),
      verified: outcome.records.length > 0 && outcome.records.every((record) => record.verified === true),
      ...(outcome.error ? { error: outcome.error } : {}),
    };
  });
}

/** Every step output, by name as declared in action.yml. */
export function toStepOutputs(
  outcomes: readonly TargetOutcome[],
  signer: SignerDescription,
): Record<string, string> {
  const signed = outcomes.filter((outcome) => outcome.status === 'signed');
  return {
    signatures: JSON.stringify(toSignatureOutputs(outcomes)),
    signed: String(signed.length),
    failed: String(outcomes.filter((outcome) => outcome.status === 'failed').length),
    digests: signed.map((outcome) => outcome.target?.image.digest).join('\n'),
    ...(signer.mode === 'key'
      ? { 'public-key': signer.publicKeyPem }
      : {
          'certificate-identity': signer.certificateIdentity,
          'certificate-oidc-issuer': signer.certificateIssuer,
        }),
  };
}
