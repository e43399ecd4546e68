import type { Digest, ImageRef } from './reference.ts';

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
