import { toDigestTag, toRepositoryName, type Digest } from '../subjects/reference.ts';
import type { SignTarget } from '../subjects/sign-target.ts';

/** Where a signature was (or, in a dry run, would be) written. */
export interface PublishRecord {
  readonly format: 'legacy' | 'bundle';
  /** `registry/repository:tag` of the signature manifest. */
  readonly reference: string;
  /** Digest of the signature manifest as stored. */
  readonly manifestDigest: Digest;
  /** False when an identical signature from the same signer was already there. */
  readonly added: boolean;
  /** Legacy: the digest of our signature's payload blob, which read-back fetches while the lists settle. */
  readonly signatureBlob?: Digest;
  /** Made by a dry run and kept back: what a release run would write. */
  readonly planned?: boolean;
  /** True once read back from the registry and verified (input `verify`). */
  readonly verified?: boolean;
  /** Rekor log index of the entry made for it. */
  readonly logIndex?: string;
  /** The Sigstore bundle JSON of the signature: made this run, or read from the registry when it was there. */
  readonly bundle?: string;
  /** The bundle went to its bundle file as soon as it was made, and is no longer held here. */
  readonly bundleFiled?: true;
}

/** Where cosign's legacy format keeps a target's signatures: the `.sig` tag beside it, and its full name. */
export function legacySignatureTag(target: Pick<SignTarget, 'image' | 'storage'>): {
  tag: string;
  reference: string;
} {
  const tag = toDigestTag(target.image.digest, '.sig');
  return { tag, reference: `${toRepositoryName(target.storage)}:${tag}` };
}
