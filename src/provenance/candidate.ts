import type { Provenance } from './slsa.ts';
import type { CertificateClaims } from '../sigstore/fulcio-certificate.ts';

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

/**
 * An entry a source found but could not read as a provenance statement (malformed JSON, a bundle that is
 * no attestation). Anyone with push access can attach one, so it proves nothing either way: it never
 * passes, and it is reported only when no statement that was read says more.
 */
export interface UnreadableEntry {
  readonly source: ProvenanceSourceName;
  readonly digest: string;
  /** What could not be read, and why. */
  readonly unreadable: string;
}

export type SourceEntry = ProvenanceCandidate | UnreadableEntry;

export function isUnreadable(entry: SourceEntry): entry is UnreadableEntry {
  return 'unreadable' in entry;
}

export interface ProvenanceSource {
  readonly name: ProvenanceSourceName;
  /**
   * Entries about `digest` in the image's repository; never throws for "none found", throws when the
   * source itself cannot be read (registry or API unreachable).
   */
  find(image: { registry: string; repository: string }, digest: string): Promise<SourceEntry[]>;
}
