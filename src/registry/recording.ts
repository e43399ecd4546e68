import type { Digest } from '../subjects/reference.ts';
import { sha256Digest } from '../util/digest.ts';
import type { BlobRef, FetchedManifest, PushedManifest, RegistryAccess } from './access.ts';

/** A write a dry run would have made. */
export interface RecordedWrite {
  readonly kind: 'blob' | 'manifest' | 'delete';
  readonly registry: string;
  readonly repository: string;
  readonly reference: string;
}

/**
 * The dry run's registry: reads go to the real registry, writes are kept in memory and read back from
 * there, so publishing and read-back run exactly as in a release while nothing reaches the registry.
 */
export class RecordingRegistry implements RegistryAccess {
  readonly registry: string;
  private readonly reader: RegistryAccess;
  private readonly blobs = new Map<string, Buffer>();
  private readonly manifests = new Map<string, FetchedManifest>();
  private readonly log: RecordedWrite[];

  constructor(reader: RegistryAccess, log: RecordedWrite[]) {
    this.reader = reader;
    this.registry = reader.registry;
    this.log = log;
  }

  async getManifest(repository: string, reference: string): Promise<FetchedManifest | undefined> {
    return this.manifests.get(`${repository}:${reference}`) ?? this.reader.getManifest(repository, reference);
  }

  async findTagged(repository: string, tag: string): Promise<FetchedManifest | undefined> {
    return this.manifests.get(`${repository}:${tag}`) ?? this.reader.findTagged(repository, tag);
  }

  async getBlob(repository: string, digest: Digest, maxBytes: number): Promise<Buffer> {
    return this.blobs.get(`${repository}@${digest}`) ?? this.reader.getBlob(repository, digest, maxBytes);
  }

  async getReferrers(repository: string, digest: Digest): Promise<Buffer | undefined> {
    return this.reader.getReferrers(repository, digest);
  }

  async putBlob(repository: string, bytes: Buffer): Promise<BlobRef> {
    const digest = sha256Digest(bytes);
    this.blobs.set(`${repository}@${digest}`, bytes);
    this.log.push({ kind: 'blob', registry: this.registry, repository, reference: digest });
    return { digest, size: bytes.length };
  }

  async putManifest(
    repository: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<PushedManifest> {
    const digest = sha256Digest(bytes);
    const manifest = { digest, mediaType, bytes };
    this.manifests.set(`${repository}:${reference}`, manifest);
    this.manifests.set(`${repository}:${digest}`, manifest);
    this.log.push({ kind: 'manifest', registry: this.registry, repository, reference });
    return { digest };
  }

  async deleteManifest(repository: string, digest: Digest): Promise<boolean> {
    this.log.push({ kind: 'delete', registry: this.registry, repository, reference: digest });
    return true;
  }
}
