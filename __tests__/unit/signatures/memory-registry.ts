import type { RegistryAccess } from '../../../src/registry/access.ts';
import type { BlobRef, FetchedManifest, PushedManifest } from '../../../src/registry/access.ts';
import { OCI_INDEX } from '../../../src/registry/media-types.ts';
import type { Digest } from '../../../src/subjects/reference.ts';
import { sha256Digest } from '../../../src/util/digest.ts';

export interface MemoryRegistryOptions {
  /**
   * Answers `GET /v2/<name>/referrers/<digest>` from the stored manifests' subjects and names the subject
   * on a push (OCI-Subject), as registries with OCI 1.1 do. Without it: no referrers API (distribution 2.8, GHCR).
   */
  readonly referrersApi?: boolean;
  /** Lets manifests be deleted by digest (the registry's default allows it; GHCR's token may not). */
  readonly deletes?: boolean;
}

/** Runs before a manifest is stored: a test's concurrent writer, or a refusal thrown instead. */
export type ManifestPutHook = (repository: string, reference: string, bytes: Buffer) => Promise<void> | void;

interface ReferrerShape {
  artifactType?: string;
  annotations?: Record<string, string>;
  subject?: { digest?: string };
}

/**
 * One registry host in memory: what a publisher writes can be read back as bytes, exactly as stored, and
 * every write is logged in order (`PUT <repo>:<ref>`, `BLOB <repo>@<digest>`, `DELETE <repo>@<digest>`).
 */
export class MemoryRegistry implements RegistryAccess {
  readonly registry = 'registry.example';
  readonly writes: string[] = [];
  /**
   * Manifests and referrer lists fetched, in order: `GET <repo>:<ref>`, `TAGGED <repo>:<tag>` for a first
   * read of a tag, `REFERRERS <repo>@<digest>` for the referrers API (asked even where it answers 404).
   */
  readonly manifestReads: string[] = [];
  /** Blobs fetched, in order: `BLOB <repo>@<digest>`. */
  readonly blobReads: string[] = [];
  /** Hooks run one per manifest read (either kind), in order, before it is answered: a test's concurrent writer. */
  readonly beforeManifestGet: (() => void)[] = [];
  /** Hooks run one per manifest push, in order, before it is stored. */
  readonly beforeManifestPut: ManifestPutHook[] = [];
  private readonly manifests = new Map<string, FetchedManifest>();
  private readonly blobs = new Map<string, Buffer>();
  private readonly options: MemoryRegistryOptions;

  constructor(options: MemoryRegistryOptions = {}) {
    this.options = options;
  }

  async getManifest(repository: string, reference: string): Promise<FetchedManifest | undefined> {
    this.manifestReads.push(`GET ${repository}:${reference}`);
    return this.answer(repository, reference);
  }

  async findTagged(repository: string, tag: string): Promise<FetchedManifest | undefined> {
    this.manifestReads.push(`TAGGED ${repository}:${tag}`);
    return this.answer(repository, tag);
  }

  async getBlob(repository: string, digest: Digest): Promise<Buffer> {
    this.blobReads.push(`BLOB ${repository}@${digest}`);
    const blob = this.blobs.get(`${repository}@${digest}`);
    if (!blob) throw new Error(`no blob ${repository}@${digest}`);
    return blob;
  }

  async getReferrers(repository: string, digest: Digest): Promise<Buffer | undefined> {
    this.manifestReads.push(`REFERRERS ${repository}@${digest}`);
    if (!this.options.referrersApi) return undefined;
    const manifests = [...this.storedByDigest(repository)]
      .map((stored) => ({ stored, shape: JSON.parse(stored.bytes.toString('utf8')) as ReferrerShape }))
      .filter(({ shape }) => shape.subject?.digest === digest)
      .map(({ stored, shape }) => ({
        mediaType: stored.mediaType,
        digest: stored.digest,
        size: stored.bytes.length,
        ...(shape.artifactType ? { artifactType: shape.artifactType } : {}),
        ...(shape.annotations ? { annotations: shape.annotations } : {}),
      }));
    return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }));
  }

  async putBlob(repository: string, bytes: Buffer, options: { unique?: boolean } = {}): Promise<BlobRef> {
    const digest = sha256Digest(bytes);
    this.writes.push(`BLOB ${repository}@${digest}${options.unique ? ' (unique)' : ''}`);
    this.blobs.set(`${repository}@${digest}`, bytes);
    return { digest, size: bytes.length };
  }

  async putManifest(
    repository: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<PushedManifest> {
    await this.beforeManifestPut.shift()?.(repository, reference, bytes);
    this.writes.push(`PUT ${repository}:${reference}`);
    const stored = { digest: sha256Digest(bytes), mediaType, bytes };
    this.manifests.set(`${repository}:${reference}`, stored);
    this.manifests.set(`${repository}:${stored.digest}`, stored);
    const subject = this.options.referrersApi
      ? (JSON.parse(bytes.toString('utf8')) as ReferrerShape).subject?.digest
      : undefined;
    return { digest: stored.digest, ...(subject ? { indexedSubject: subject } : {}) };
  }

  async deleteManifest(repository: string, digest: Digest): Promise<boolean> {
    if (!this.options.deletes) return false;
    this.writes.push(`DELETE ${repository}@${digest}`);
    for (const [key, stored] of this.manifests) {
      if (key.startsWith(`${repository}:`) && stored.digest === digest) this.manifests.delete(key);
    }
    return true;
  }

  /** Stores content another tool wrote, outside the write log: JSON manifests by reference, or a blob. */
  plantManifest(repository: string, reference: string, content: unknown, mediaType: string): Digest {
    const bytes = Buffer.from(JSON.stringify(content));
    const stored = { digest: sha256Digest(bytes), mediaType, bytes };
    this.manifests.set(`${repository}:${reference}`, stored);
    this.manifests.set(`${repository}:${stored.digest}`, stored);
    return stored.digest;
  }

  plantBlob(repository: string, bytes: Buffer): Digest {
    const digest = sha256Digest(bytes);
    this.blobs.set(`${repository}@${digest}`, bytes);
    return digest;
  }

  /** A stored manifest, parsed. */
  async readJson<T>(repository: string, reference: string): Promise<T | undefined> {
    const fetched = await this.getManifest(repository, reference);
    return fetched ? (JSON.parse(fetched.bytes.toString('utf8')) as T) : undefined;
  }

  /** A stored blob as text (undefined when absent). */
  blobText(repository: string, digest: string): string | undefined {
    return this.blobs.get(`${repository}@${digest}`)?.toString('utf8');
  }

  private answer(repository: string, reference: string): FetchedManifest | undefined {
    this.beforeManifestGet.shift()?.();
    return this.manifests.get(`${repository}:${reference}`);
  }

  private *storedByDigest(repository: string): Iterable<FetchedManifest> {
    for (const [key, stored] of this.manifests) {
      if (key === `${repository}:${stored.digest}`) yield stored;
    }
  }
}
