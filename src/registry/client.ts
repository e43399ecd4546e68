import { SignerError } from '../errors.ts';
import type { Digest } from '../subjects/reference.ts';
import { sha256Digest } from '../util/digest.ts';
import type { BlobRef, FetchedManifest, PushedManifest, RegistryAccess } from './access.ts';
import { RegistryHttpError } from './http-error.ts';
import type { HttpResponse } from './http.ts';
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

/** Times an upload starts over after its session was lost. */
const UPLOAD_ROUNDS = 4;

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
  /** Blobs in the registry, or on their way there, this run (`repository@digest`): each is uploaded once. */
  private readonly knownBlobs = new Map<string, Promise<BlobRef>>();
  /** Per repository, its tags as last listed (listed again once stale); undefined when listing failed. */
  private readonly tagListings = new Map<
    string,
    { startedAt: number; tags: Promise<ReadonlySet<string> | undefined> }
  >();
  /** Learnt from the first upload: whether the registry stores a blob from one POST (OCI monolithic upload). */
  private singlePostUpload: boolean | undefined;

  constructor(options: TransportOptions) {
    this.registry = options.registry;
    this.transport = new RegistryTransport(options);
  }

  /** Finds scheme and challenge now, so the connection is open when the first real request comes. */
  connect(): Promise<void> {
    return this.transport.resolveOrigin().then(() => undefined);
  }

  /** The manifest, or undefined when the registry has none under that reference. */
  async getManifest(repository: string, reference: string): Promise<FetchedManifest | undefined> {
    const operation = `GET manifest ${repository}:${reference}`;
    const response = await this.transport.send(
      'GET',
      repository,
      'pull',
      `/manifests/${reference}`,
      operation,
      {
        headers: { accept: MANIFEST_ACCEPT },
      },
    );
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
    const response = await this.transport.send(
      'PUT',
      repository,
      'pull,push',
      `/manifests/${reference}`,
      operation,
      {
        headers: { 'content-type': mediaType },
        body: bytes,
      },
    );
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
    const response = await this.transport.send(
      'DELETE',
      repository,
      'pull,push',
      `/manifests/${digest}`,
      operation,
      {},
    );
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
    const response = await this.transport.send('GET', repository, 'pull', `/referrers/${digest}`, operation, {
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

  async hasBlob(repository: string, digest: Digest): Promise<boolean> {
    const operation = `HEAD blob ${repository}@${digest}`;
    const response = await this.transport.send('HEAD', repository, 'pull', `/blobs/${digest}`, operation, {});
    if (response.status === 404) return false;
    await this.transport.expect(response, [200], operation);
    return true;
  }

  /**
   * Uploads a blob unless it is known to be there; concurrent calls for the same blob share one upload. An
   * upload session can be lost with the connection (the registry finished, the answer did not arrive):
   * then the upload starts over, and the HEAD finds a blob that did arrive.
   */
  putBlob(repository: string, bytes: Buffer, options: { unique?: boolean } = {}): Promise<BlobRef> {
    const digest = sha256Digest(bytes);
    const key = `${repository}@${digest}`;
    const known = this.knownBlobs.get(key);
    if (known) return known;
    const uploading = this.uploadOnce(repository, digest, bytes, options.unique === true);
    this.knownBlobs.set(key, uploading);
    uploading.catch(() => this.knownBlobs.delete(key));
    return uploading;
  }

  private async uploadOnce(
    repository: string,
    digest: Digest,
    bytes: Buffer,
    unique: boolean,
  ): Promise<BlobRef> {
    const ref = { digest, size: bytes.length };
    for (let round = 1; ; round++) {
      // A blob made this moment (a fresh signature) cannot be there yet: its HEAD would only cost a request.
      if ((round > 1 || !unique) && (await this.hasBlob(repository, digest))) return ref;
      try {
        await this.upload(repository, digest, bytes);
        return ref;
      } catch (err) {
        if (!lostUploadSession(err) || round >= UPLOAD_ROUNDS) throw err;
      }
    }
  }

  /**
   * One POST carrying the blob where the registry stores it that way (OCI "single POST" monolithic
   * upload); a registry that does not answers 202 with a session, and the blob follows in a PUT, or
   * refuses the POST, and the upload starts over in two steps. Which one it is, is learnt from the first upload.
   */
  private async upload(repository: string, digest: Digest, bytes: Buffer): Promise<void> {
    const operation = `upload blob ${repository}@${digest}`;
    if (this.singlePostUpload !== false) {
      const single = await this.transport.send(
        'POST',
        repository,
        'pull,push',
        `/blobs/uploads/?digest=${digest}`,
        operation,
        { headers: { 'content-type': 'application/octet-stream' }, body: bytes },
      );
      // 201: stored. 202: an upload session, as from a plain POST. Anything else: the registry does not
      // take blobs this way (the spec lets it refuse), so it gets the two-step upload from now on.
      if (single.status === 201 || single.status === 202) this.singlePostUpload = single.status === 201;
      else if (single.status === 401 || single.status === 403 || single.status >= 500)
        await this.transport.expect(single, [201], operation);
      else this.singlePostUpload = false;
      if (single.status === 201) return single.discard();
      if (single.status === 202) return this.finishUpload(single, repository, digest, bytes, operation);
      await single.discard();
    }
    const start = await this.transport.send(
      'POST',
      repository,
      'pull,push',
      '/blobs/uploads/',
      operation,
      {},
    );
    await this.transport.expect(start, [202], operation);
    await this.finishUpload(start, repository, digest, bytes, operation);
  }

  /** The PUT that completes an upload session with the whole blob. */
  private async finishUpload(
    start: HttpResponse,
    repository: string,
    digest: Digest,
    bytes: Buffer,
    operation: string,
  ): Promise<void> {
    await start.discard();
    const url = await this.transport.toUploadUrl(start.headers.get('location'), operation);
    url.searchParams.set('digest', digest);
    const finish = await this.transport.sendUrl('PUT', url, repository, 'pull,push', operation, {
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    await this.transport.expect(finish, [201, 204], operation);
    await finish.discard();
  }

  async getBlob(repository: string, digest: Digest, maxBytes: number): Promise<Buffer> {
    const operation = `GET blob ${repository}@${digest}`;
    const response = await this.transport.send('GET', repository, 'pull', `/blobs/${digest}`, operation, {});
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

/**
 * The upload session may have gone with its connection: the answer was lost (the transport gave up on
 * the connection), the registry failed, or it forgot the session (404 BLOB_UPLOAD_UNKNOWN).
 */
function lostUploadSession(err: unknown): boolean {
  if (err instanceof RegistryHttpError) return err.temporary || err.status === 404;
  return err instanceof SignerError && err.code === 'REGISTRY_UNAVAILABLE';
}

function readMediaType(bytes: Buffer): string | undefined {
  try {
    const value = (JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown }).mediaType;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
