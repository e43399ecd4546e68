import type { Digest } from '../subjects/reference.ts';
import type { BlobRef, FetchedManifest, PushedManifest, RegistryAccess } from './access.ts';
import { toSignerError } from './http-error.ts';

/**
 * Where registry/'s typed failures become SignerErrors, once: below it, retries and upload rounds decide
 * on statuses and spec codes; above it, publishers and the report read codes and messages.
 */
export class RegistryAccessBoundary implements RegistryAccess {
  readonly registry: string;
  private readonly inner: RegistryAccess;

  constructor(inner: RegistryAccess) {
    this.inner = inner;
    this.registry = inner.registry;
  }

  getManifest(repository: string, reference: string): Promise<FetchedManifest | undefined> {
    return this.converted(this.inner.getManifest(repository, reference));
  }

  findTagged(repository: string, tag: string): Promise<FetchedManifest | undefined> {
    return this.converted(this.inner.findTagged(repository, tag));
  }

  getBlob(repository: string, digest: Digest, maxBytes: number): Promise<Buffer> {
    return this.converted(this.inner.getBlob(repository, digest, maxBytes));
  }

  getReferrers(repository: string, digest: Digest): Promise<Buffer | undefined> {
    return this.converted(this.inner.getReferrers(repository, digest));
  }

  putBlob(repository: string, bytes: Buffer, options?: { unique?: boolean }): Promise<BlobRef> {
    return this.converted(this.inner.putBlob(repository, bytes, options));
  }

  putManifest(
    repository: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<PushedManifest> {
    return this.converted(this.inner.putManifest(repository, reference, bytes, mediaType), {
      manifestPush: true,
    });
  }

  deleteManifest(repository: string, digest: Digest): Promise<boolean> {
    return this.converted(this.inner.deleteManifest(repository, digest));
  }

  /** A blob race is only a race on a manifest push: a blob's own refusal of its digest is final. */
  private converted<T>(pending: Promise<T>, on: { manifestPush?: boolean } = {}): Promise<T> {
    return pending.catch((err: unknown) => {
      throw toSignerError(this.registry, err, on);
    });
  }
}
