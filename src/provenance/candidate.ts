import type { Provenance } from './slsa.ts';
import type { CertificateClaims } from './certificate.ts';

export type ProvenanceSourceName = 'cosign' | 'referrers' | 'github' | 'buildkit';

/** Who signed a provenance statement, once its signature was verified. */
export type ProvenanceSigner =
  | { readonly kind: 'keyless'; readonly claims: CertificateClaims }
  | { readonly kind: 'key' }
  | { readonly kind: 'unsigned' };

/** One provenance statement found for a digest, with what its signature check said. */
export interface ProvenanceCandidate {
  readonly source: ProvenanceSourceName;
  /** The manifest digest it was found for. */
  readonly digest: string;
  readonly provenance: Provenance;
  readonly signer: ProvenanceSigner;
  /** Why its signature did not verify (the candidate then fails the `signature` check). */
  readonly signatureError?: string;
}

export interface ProvenanceSource {
  readonly name: ProvenanceSourceName;
  /** Statements about `digest` in the image's repository; never throws for "none found". */
  find(image: { registry: string; repository: string }, digest: string): Promise<ProvenanceCandidate[]>;
}
