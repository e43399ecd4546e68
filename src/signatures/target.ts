import { toDigestTag, toRepositoryName, type Digest, type ImageRef } from '../subjects/reference.ts';

/** One manifest to sign: the image given, or one manifest its index lists. */
export interface SignTarget {
  /** The signed manifest, by digest (the repository is the image's own). */
  readonly image: ImageRef;
  /** `os/arch[/variant]` for a platform manifest of an index; absent for the image itself. */
  readonly platform?: string;
  /**
   * Set for a BuildKit attestation manifest of an index (provenance, SBOM): signed as cosign --recursive
   * signs it, so containers/image's `copy --all` accepts the index, but never a platform of its own.
   */
  readonly attestation?: { readonly describes?: Digest };
  readonly mediaType: string;
  readonly size: number;
  /** Where its signatures are stored: the image's repository, or `signature-repository`. */
  readonly storage: { readonly registry: string; readonly repository: string };
}

/** Where a signature was (or, in a dry run, would be) written. */
export interface PublishRecord {
  readonly format: 'legacy' | 'bundle';
  /** `registry/repository:tag` of the signature manifest. */
  readonly reference: string;
  /** Digest of the signature manifest as stored. */
  readonly manifestDigest: Digest;
  /** False when an identical signature from the same signer was already there. */
  readonly added: boolean;
  /** True once read back from the registry and verified (input `verify`). */
  readonly verified?: boolean;
  /** Rekor log index of the entry made for it. */
  readonly logIndex?: string;
  /** The Sigstore bundle JSON of the signature: made this run, or read from the registry when it was there. */
  readonly bundle?: string;
}

/** Where cosign's legacy format keeps a target's signatures: the `.sig` tag beside it, and its full name. */
export function legacySignatureTag(target: Pick<SignTarget, 'image' | 'storage'>): {
  tag: string;
  reference: string;
} {
  const tag = toDigestTag(target.image.digest, '.sig');
  return { tag, reference: `${toRepositoryName(target.storage)}:${tag}` };
}
