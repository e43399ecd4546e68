import { SignerError } from '../errors.ts';
import type { Digest } from '../subjects/reference.ts';

export interface FetchedManifest {
  readonly digest: Digest;
  readonly mediaType: string;
  readonly bytes: Buffer;
}

export interface PushedManifest {
  readonly digest: Digest;
  /** The subject the registry says it indexed as a referrer (OCI-Subject), if it said so. */
  readonly indexedSubject?: string;
}

export interface BlobRef {
  readonly digest: Digest;
  readonly size: number;
}

/**
 * The registry verbs the pipeline uses, against one host. A dry run swaps in a recording implementation.
 * Failures are SignerErrors; a manifest refused because a blob it names is not there yet (another signer
 * uploading it at the same moment) is PUBLISH_CONFLICT, worth another round: see isBlobRace.
 */
export interface RegistryAccess {
  readonly registry: string;
  getManifest(repository: string, reference: string): Promise<FetchedManifest | undefined>;
  /** A tag's manifest, for its first read this run: absent tags may be answered from one listing. */
  findTagged(repository: string, tag: string): Promise<FetchedManifest | undefined>;
  getBlob(repository: string, digest: Digest, maxBytes: number): Promise<Buffer>;
  getReferrers(repository: string, digest: Digest): Promise<Buffer | undefined>;
  /** `unique`: content made just now (a fresh signature), so no HEAD is worth asking first. */
  putBlob(repository: string, bytes: Buffer, options?: { unique?: boolean }): Promise<BlobRef>;
  putManifest(
    repository: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<PushedManifest>;
  /** Deletes a manifest by digest; false when the registry does not allow deleting. */
  deleteManifest(repository: string, digest: Digest): Promise<boolean>;
}

/** The registry hosts of a run, each reached through one RegistryAccess (registry/pool.ts). */
export interface Registries {
  client(registry: string): RegistryAccess;
}

/** putManifest's refusal for a blob another signer was uploading at the same moment. */
export function isBlobRace(err: unknown): boolean {
  return err instanceof SignerError && err.code === 'PUBLISH_CONFLICT';
}
