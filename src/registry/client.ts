import { SignerError } from '../errors.ts';
import type { Digest } from '../subjects/reference.ts';
import { sha256Digest } from '../util/digest.ts';
import type { BlobRef, FetchedManifest, PushedManifest, RegistryAccess } from './access.ts';
import { BlobUploads } from './blob-upload.ts';
import { isFresh } from './settle.ts';
import { listTags } from './tag-list.ts';
import { RegistryTransport, type TransportOptions } from './transport.ts';
import {
  HEADER_DOCKER_CONTENT_DIGEST,
  HEADER_OCI_SUBJECT,
  MANIFEST_ACCEPT,
  MAX_MANIFEST_BYTES,
  OCI_INDEX,
} from './media-types.ts';

/**
 * The distribution-spec verbs against one registry host
 * (https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md).
 * HTTP, auth and retries live in transport.ts; failures are typed until access-boundary.ts.
 */
export class RegistryClient implements RegistryAccess {
  readonly registry: string;
  private readonly transport: RegistryTransport;
  /** Learnt once per registry: false after the router answered that /referrers/ does not exist. */
  private referrersApi: boolean | undefined;
  private readonly blobs: BlobUploads;
  /** Per repository, its tags as last listed (listed again once stale); undefined when listing failed. */
  private readonly tagListings = new Map<
    string,
    { startedAt: number; tags: Promise<ReadonlySet<string> | undefined> }
  >();

  constructor(options: TransportOptions) {
    this.registry = options.registry;
    this.transport = new RegistryTransport(options);
    this.blobs = new BlobUploads(this.transport);
  }

  /** Finds scheme and challenge now, so the connection is open when the first real request comes. */
  connect(): Promise<void> {
    return this.transport.resolveOrigin().then(() => undefined);
  }

  /** The manifest, or undefined when the registry has none under that reference. */
  async getManifest(repository: string, reference: string): Promise<FetchedManifest | undefined> {
    const operation = `GET manifest ${repository}:${reference}`;
    const response = await this.transport.send({
      method: 'GET',
      repository,
      access: 'pull',
      path: `/manifests/${reference}`,
      operation,
      headers: { accept: MANIFEST_ACCEPT },
    });
    if (response.status === 404) {
      await response.discard();
      return undefined;
    }
    await this.transport.expect(response, [200], operation);
    const bytes = await this.transport.bounded(response, MAX_MANIFEST_BYTES, operation);
    const digest = sha256Digest(bytes);
    if (reference.startsWith('sha256:') && digest !== reference) {
      throw new SignerError(
        'REGISTRY_PROTOCOL',
        `Registry ${this.registry} returned content for ${repository}@${reference} whose digest is ${digest}. The registry or a proxy altered it; do not sign it.`,
      );
    }
    const mediaType = readMediaType(bytes) ?? response.headers.get('content-type') ?? '';
    return { digest, mediaType, bytes };
  }

  /**
   * The first read of a tag this run, before anything of ours was written to it: answered from a recent
   * listing of the repository's tags when the tag is not there, so signing many manifests of one
   * repository does not ask for each absent `.sig` or referrers tag. Later reads use getManifest.
   */
  async findTagged(repository: string, tag: string): Promise<FetchedManifest | undefined> {
    let listing = this.tagListings.get(repository);
    if (!listing || !isFresh(listing.startedAt)) {
      listing = { startedAt: Date.now(), tags: listTags(this.transport, repository) };
      this.tagListings.set(repository, listing);
    }
    const tags = await listing.tags;
    if (tags && !tags.has(tag)) return undefined;
    return this.getManifest(repository, tag);
  }

  async putManifest(
    repository: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<PushedManifest> {
    const operation = `PUT manifest ${repository}:${reference}`;
    const response = await this.transport.send({
      method: 'PUT',
      repository,
      access: 'pull,push',
      path: `/manifests/${reference}`,
      operation,
      headers: { 'content-type': mediaType },
      body: bytes,
    });
    await this.transport.expect(response, [200, 201], operation);
    await response.discard();
    const digest = sha256Digest(bytes);
    const stated = response.headers.get(HEADER_DOCKER_CONTENT_DIGEST);
    if (stated && stated !== digest) {
      throw new SignerError(
        'REGISTRY_PROTOCOL',
        `Registry ${this.registry} stored ${repository}:${reference} as ${stated}, but we sent ${digest}. The registry rewrote the manifest; cosign could not verify it.`,
      );
    }
    const indexedSubject = response.headers.get(HEADER_OCI_SUBJECT);
    return indexedSubject ? { digest, indexedSubject } : { digest };
  }

  async deleteManifest(repository: string, digest: Digest): Promise<boolean> {
    const operation = `DELETE manifest ${repository}@${digest}`;
    const response = await this.transport.send({
      method: 'DELETE',
      repository,
      access: 'pull,push',
      path: `/manifests/${digest}`,
      operation,
    });
    // 405 (or distribution's 400 UNSUPPORTED): the registry keeps manifests; the caller lives with that.
    if (response.status === 405 || response.status === 400) {
      await response.discard();
      return false;
    }
    await this.transport.expect(response, [200, 202, 404], operation);
    await response.discard();
    return true;
  }

  /**
   * The referrers API's answer for a digest, or undefined when the registry has no referrers API
   * (distribution 2.8 and GHCR answer 404; a registry with the API answers 200 with an OCI index).
   * https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#listing-referrers
   */
  async getReferrers(repository: string, digest: Digest): Promise<Buffer | undefined> {
    if (this.referrersApi === false) return undefined;
    const operation = `GET referrers ${repository}@${digest}`;
    const response = await this.transport.send({
      method: 'GET',
      repository,
      access: 'pull',
      path: `/referrers/${digest}`,
      operation,
      headers: { accept: OCI_INDEX },
    });
    const contentType = response.headers.get('content-type') ?? '';
    if (response.status === 401 || response.status === 403 || response.status >= 500)
      await this.transport.expect(response, [200], operation);
    if (response.status !== 200 || !contentType.startsWith(OCI_INDEX)) {
      // A plain-text 404 is the router's: the route does not exist on this registry (distribution 2.8).
      // A JSON 404 (NAME_UNKNOWN) only speaks of one repository, so nothing is remembered for it.
      if (response.status === 404 && !contentType.includes('json')) this.referrersApi = false;
      await response.discard();
      return undefined;
    }
    return this.transport.bounded(response, MAX_MANIFEST_BYTES, operation);
  }

  putBlob(repository: string, bytes: Buffer, options: { unique?: boolean } = {}): Promise<BlobRef> {
    return this.blobs.put(repository, bytes, options);
  }

  async getBlob(repository: string, digest: Digest, maxBytes: number): Promise<Buffer> {
    const operation = `GET blob ${repository}@${digest}`;
    const response = await this.transport.send({
      method: 'GET',
      repository,
      access: 'pull',
      path: `/blobs/${digest}`,
      operation,
    });
    await this.transport.expect(response, [200], operation);
    const bytes = await this.transport.bounded(response, maxBytes, operation);
    if (sha256Digest(bytes) !== digest) {
      throw new SignerError(
        'REGISTRY_PROTOCOL',
        `Registry ${this.registry}: blob ${repository}@${digest} does not match its digest.`,
      );
    }
    return bytes;
  }
}

function readMediaType(bytes: Buffer): string | undefined {
  try {
    const value = (JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown }).mediaType;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
