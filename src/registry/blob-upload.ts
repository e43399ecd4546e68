import { SignerError } from '../errors.ts';
import type { Digest } from '../subjects/reference.ts';
import { sha256Digest } from '../util/digest.ts';
import type { BlobRef } from './access.ts';
import { RegistryHttpError } from './http-error.ts';
import type { HttpResponse } from './http.ts';
import type { RegistryTransport } from './transport.ts';

/** Times an upload starts over after its session was lost. */
const UPLOAD_ROUNDS = 4;

/**
 * Blob uploads to one registry (distribution-spec "Pushing blobs"): each blob once per run, by the
 * fewest requests the registry allows, started over when a session is lost with its connection.
 */
export class BlobUploads {
  private readonly transport: RegistryTransport;
  /** Blobs on their way to the registry (`repository@digest`): concurrent puts of one share its upload. */
  private readonly uploading = new Map<string, Promise<BlobRef>>();
  /**
   * Blobs in the registry this run, each uploaded once. Only their names are kept (a large release puts
   * thousands, and a settled promise with its result costs several times the name).
   */
  private readonly uploaded = new Set<string>();
  /** Learnt from the first upload: whether the registry stores a blob from one POST (OCI monolithic upload). */
  private singlePostUpload: boolean | undefined;

  constructor(transport: RegistryTransport) {
    this.transport = transport;
  }

  private async hasBlob(repository: string, digest: Digest): Promise<boolean> {
    const operation = `HEAD blob ${repository}@${digest}`;
    const response = await this.transport.send({
      method: 'HEAD',
      repository,
      access: 'pull',
      path: `/blobs/${digest}`,
      operation,
    });
    if (response.status === 404) return false;
    await this.transport.expect(response, [200], operation);
    return true;
  }

  /**
   * Uploads a blob unless it is known to be there; concurrent calls for the same blob share one upload. An
   * upload session can be lost with the connection (the registry finished, the answer did not arrive):
   * then the upload starts over, and the HEAD finds a blob that did arrive.
   */
  put(repository: string, bytes: Buffer, options: { unique?: boolean } = {}): Promise<BlobRef> {
    const digest = sha256Digest(bytes);
    const key = `${repository}@${digest}`;
    if (this.uploaded.has(key)) return Promise.resolve({ digest, size: bytes.length });
    const known = this.uploading.get(key);
    if (known) return known;
    const uploading = this.uploadOnce(repository, digest, bytes, options.unique === true);
    this.uploading.set(key, uploading);
    uploading.then(
      () => {
        // Content made just now (a fresh signature) is put once: remembering it would only hold its name
        // to the end of a large release. A repair that puts it again asks with a HEAD first.
        if (options.unique !== true) this.uploaded.add(key);
        this.uploading.delete(key);
      },
      () => this.uploading.delete(key),
    );
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
      const single = await this.transport.send({
        method: 'POST',
        repository,
        access: 'pull,push',
        path: `/blobs/uploads/?digest=${digest}`,
        operation,
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes,
      });
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
    const start = await this.transport.send({
      method: 'POST',
      repository,
      access: 'pull,push',
      path: '/blobs/uploads/',
      operation,
    });
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
    const finish = await this.transport.sendUrl({
      method: 'PUT',
      url,
      repository,
      access: 'pull,push',
      operation,
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    await this.transport.expect(finish, [201, 204], operation);
    await finish.discard();
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
