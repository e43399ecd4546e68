import type { RegistryAccess } from '../../../src/registry/access.ts';
import type { BlobRef, FetchedManifest, PushedManifest } from '../../../src/registry/access.ts';
import type { Digest } from '../../../src/subjects/reference.ts';
import { sha256Digest } from '../../../src/util/digest.ts';

/**
 * One registry host in memory, without the referrers API (as distribution 2.8 and GHCR): what a
 * publisher writes can be read back as bytes, exactly as stored.
 */
export class MemoryRegistry implements RegistryAccess {
  readonly registry = 'registry.example';
  private readonly manifests = new Map<string, FetchedManifest>();
  private readonly blobs = new Map<string, Buffer>();

  async getManifest(repository: string, reference: string): Promise<FetchedManifest | undefined> {
    return this.manifests.get(`${repository}:${reference}`);
  }

  findTagged(repository: string, tag: string): Promise<FetchedManifest | undefined> {
    return this.getManifest(repository, tag);
  }

  async getBlob(repository: string, digest: Digest): Promise<Buffer> {
    const blob = this.blobs.get(`${repository}@${digest}`);
    if (!blob) throw new Error(`no blob ${repository}@${digest}`);
    return blob;
  }

  async getReferrers(): Promise<Buffer | undefined> {
    return undefined;
  }

  async putBlob(repository: string, bytes: Buffer): Promise<BlobRef> {
    const digest = sha256Digest(bytes);
    this.blobs.set(`${repository}@${digest}`, bytes);
    return { digest, size: bytes.length };
  }

  async putManifest(
    repository: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<PushedManifest> {
    const stored = { digest: sha256Digest(bytes), mediaType, bytes };
    this.manifests.set(`${repository}:${reference}`, stored);
    this.manifests.set(`${repository}:${stored.digest}`, stored);
    return { digest: stored.digest };
  }

  async deleteManifest(): Promise<boolean> {
    return false;
  }

  /** A stored manifest, parsed. */
  async readJson<T>(repository: string, reference: string): Promise<T | undefined> {
    const fetched = await this.getManifest(repository, reference);
    return fetched ? (JSON.parse(fetched.bytes.toString('utf8')) as T) : undefined;
  }
}
