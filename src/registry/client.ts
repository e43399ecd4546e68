import { Agent, fetch as undiciFetch } from 'undici';
import { SignerError, describeCause } from '../errors.ts';
import type { Digest } from '../subjects/reference.ts';
import { readBounded } from '../util/bounded-read.ts';
import { sha256Digest } from '../util/digest.ts';
import type { RegistryAccess } from './access.ts';
import { Authorizer, parseChallenge, type BasicCredential } from './auth.ts';
import { RegistryHttpError, toRegistryHttpError } from './http-error.ts';
import { isRetryableStatus, type RetryBudget } from './retry.ts';
import {
  HEADER_DOCKER_CONTENT_DIGEST,
  MANIFEST_ACCEPT,
  MAX_MANIFEST_BYTES,
  OCI_INDEX,
} from './media-types.ts';

export interface RegistryClientOptions {
  /** Host and optional port, as in image references. */
  readonly registry: string;
  readonly allowHttp: boolean;
  /** Accept any TLS certificate (cosign's --allow-insecure-registry): self-signed registries only. */
  readonly allowInsecure: boolean;
  readonly credential: () => Promise<BasicCredential | undefined>;
  readonly maskSecret: (value: string) => void;
  readonly retry: RetryBudget;
  readonly fetch?: typeof fetch;
}

export interface FetchedManifest {
  readonly digest: Digest;
  readonly mediaType: string;
  readonly bytes: Buffer;
}

export interface BlobRef {
  readonly digest: Digest;
  readonly size: number;
}

type Access = 'pull' | 'pull,push';

/** Times an upload starts over after its session was lost. */
const UPLOAD_ROUNDS = 4;

/**
 * The distribution-spec verbs against one registry host
 * (https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md).
 * Transport errors are mapped to SignerError here, the registry module's edge.
 */
export class RegistryClient implements RegistryAccess {
  readonly registry: string;
  private readonly options: RegistryClientOptions;
  private readonly fetch: typeof fetch;
  private readonly authorizer: Authorizer;
  private readonly retry: RetryBudget;
  /** Learnt once per registry: false after the router answered that /referrers/ does not exist. */
  private referrersApi: boolean | undefined;
  /** Blobs known to be in the registry this run, `repository@digest`: no HEAD for them again. */
  private readonly knownBlobs = new Set<string>();
  private origin: Promise<string> | undefined;

  constructor(options: RegistryClientOptions) {
    this.options = options;
    this.registry = options.registry;
    this.retry = options.retry;
    this.fetch = options.fetch ?? (options.allowInsecure ? insecureFetch() : globalThis.fetch);
    this.authorizer = new Authorizer({
      credential: options.credential,
      maskSecret: options.maskSecret,
      fetch: this.fetch,
    });
  }

  /** The manifest, or undefined when the registry has none under that reference. */
  async getManifest(repository: string, reference: string): Promise<FetchedManifest | undefined> {
    const operation = `GET manifest ${repository}:${reference}`;
    const response = await this.send('GET', repository, 'pull', `/manifests/${reference}`, operation, {
      headers: { accept: MANIFEST_ACCEPT },
    });
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    await this.expect(response, [200], operation);
    const bytes = await this.bounded(response, MAX_MANIFEST_BYTES, operation);
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

  async putManifest(
    repository: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<Digest> {
    const operation = `PUT manifest ${repository}:${reference}`;
    const response = await this.send('PUT', repository, 'pull,push', `/manifests/${reference}`, operation, {
      headers: { 'content-type': mediaType },
      body: bytes,
    });
    await this.expect(response, [200, 201], operation);
    await response.body?.cancel();
    const digest = sha256Digest(bytes);
    const stated = response.headers.get(HEADER_DOCKER_CONTENT_DIGEST);
    if (stated && stated !== digest) {
      throw new SignerError(
        'REGISTRY_PROTOCOL',
        `Registry ${this.registry} stored ${repository}:${reference} as ${stated}, but we sent ${digest}. The registry rewrote the manifest; cosign could not verify it.`,
      );
    }
    return digest;
  }

  /**
   * The referrers API's answer for a digest, or undefined when the registry has no referrers API
   * (distribution 2.8 and GHCR answer 404; a registry with the API answers 200 with an OCI index).
   * https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#listing-referrers
   */
  async getReferrers(repository: string, digest: Digest): Promise<Buffer | undefined> {
    if (this.referrersApi === false) return undefined;
    const operation = `GET referrers ${repository}@${digest}`;
    const response = await this.send('GET', repository, 'pull', `/referrers/${digest}`, operation, {
      headers: { accept: OCI_INDEX },
    });
    const contentType = response.headers.get('content-type') ?? '';
    if (response.status === 401 || response.status === 403 || response.status >= 500)
      await this.expect(response, [200], operation);
    if (response.status !== 200 || !contentType.startsWith(OCI_INDEX)) {
      // A plain-text 404 is the router's: the route does not exist on this registry (distribution 2.8).
      // A JSON 404 (NAME_UNKNOWN) only speaks of one repository, so nothing is remembered for it.
      if (response.status === 404 && !contentType.includes('json')) this.referrersApi = false;
      await response.body?.cancel();
      return undefined;
    }
    return this.bounded(response, MAX_MANIFEST_BYTES, operation);
  }

  async hasBlob(repository: string, digest: Digest): Promise<boolean> {
    const operation = `HEAD blob ${repository}@${digest}`;
    const response = await this.send('HEAD', repository, 'pull', `/blobs/${digest}`, operation, {});
    if (response.status === 404) return false;
    await this.expect(response, [200], operation);
    return true;
  }

  /** Monolithic upload (POST, then PUT with the digest); skipped when the blob is already there. */
  /**
   * Monolithic upload (POST, then PUT with the digest); skipped when the blob is already there. An upload
   * session can be lost with the connection (the registry finished, the answer did not arrive): then the
   * upload starts over, and the HEAD finds a blob that did arrive.
   */
  async putBlob(repository: string, bytes: Buffer, options: { unique?: boolean } = {}): Promise<BlobRef> {
    const digest = sha256Digest(bytes);
    const ref = { digest, size: bytes.length };
    const key = `${repository}@${digest}`;
    if (this.knownBlobs.has(key)) return ref;
    for (let round = 1; ; round++) {
      // A blob made this moment (a fresh signature) cannot be there yet: its HEAD would only cost a request.
      if ((round > 1 || !options.unique) && (await this.hasBlob(repository, digest))) {
        this.knownBlobs.add(key);
        return ref;
      }
      try {
        await this.upload(repository, digest, bytes);
        this.knownBlobs.add(key);
        return ref;
      } catch (err) {
        const lostSession =
          err instanceof SignerError &&
          (err.code === 'REGISTRY_UNAVAILABLE' || err.code === 'MANIFEST_NOT_FOUND');
        if (!lostSession || round >= UPLOAD_ROUNDS) throw err;
      }
    }
  }

  private async upload(repository: string, digest: Digest, bytes: Buffer): Promise<void> {
    const operation = `upload blob ${repository}@${digest}`;
    const start = await this.send('POST', repository, 'pull,push', '/blobs/uploads/', operation, {});
    await this.expect(start, [202], operation);
    await start.body?.cancel();
    const location = start.headers.get('location');
    if (!location)
      throw new SignerError(
        'REGISTRY_PROTOCOL',
        `Registry ${this.registry}: ${operation} got no upload location.`,
      );
    const url = new URL(location, await this.resolveOrigin());
    url.searchParams.set('digest', digest);
    const finish = await this.sendUrl('PUT', url, repository, 'pull,push', operation, {
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    await this.expect(finish, [201, 204], operation);
    await finish.body?.cancel();
  }

  async getBlob(repository: string, digest: Digest, maxBytes: number): Promise<Buffer> {
    const operation = `GET blob ${repository}@${digest}`;
    const response = await this.send('GET', repository, 'pull', `/blobs/${digest}`, operation, {});
    await this.expect(response, [200], operation);
    const bytes = await this.bounded(response, maxBytes, operation);
    if (sha256Digest(bytes) !== digest) {
      throw new SignerError(
        'REGISTRY_PROTOCOL',
        `Registry ${this.registry}: blob ${repository}@${digest} does not match its digest.`,
      );
    }
    return bytes;
  }

  private async send(
    method: string,
    repository: string,
    access: Access,
    path: string,
    operation: string,
    init: { headers?: Record<string, string>; body?: Buffer },
  ): Promise<Response> {
    const url = new URL(`/v2/${repository}${path}`, await this.resolveOrigin());
    return this.sendUrl(method, url, repository, access, operation, init);
  }

  private async sendUrl(
    method: string,
    url: URL,
    repository: string,
    access: Access,
    operation: string,
    init: { headers?: Record<string, string>; body?: Buffer },
  ): Promise<Response> {
    const scope = `repository:${repository}:${access}`;
    const attempt = async (): Promise<Response> => {
      const authorization = await this.authorizer
        .header(scope)
        .catch((err: unknown) => this.authFailed(operation, err));
      const headers = { ...init.headers, ...(authorization ? { authorization } : {}) };
      return this.fetch(url, {
        method,
        headers,
        body: init.body,
        signal: AbortSignal.timeout(this.retry.requestTimeoutMs),
      });
    };
    for (let tries = 1; ; tries++) {
      let response: Response;
      try {
        response = await attempt();
      } catch (err) {
        if (err instanceof SignerError) throw err;
        if (await this.retry.wait(tries, `${this.registry}: ${operation}`, describeCause(err))) continue;
        throw new SignerError(
          'REGISTRY_UNAVAILABLE',
          `Registry ${this.registry}: ${operation} failed: ${describeCause(err)}. Check that the registry is reachable, or raise 'retry-budget-seconds'.`,
          err,
        );
      }
      if (response.status === 401) {
        const challenge = parseChallenge(response.headers.get('www-authenticate'));
        await response.body?.cancel();
        const hadChallenge = this.authorizer.knowsChallenge;
        this.authorizer.learn(challenge);
        this.authorizer.forget(scope);
        if (challenge || !hadChallenge) response = await attempt();
      }
      if (isRetryableStatus(response.status)) {
        const retryAfter = response.headers.get('retry-after');
        if (
          await this.retry.wait(
            tries,
            `${this.registry}: ${operation}`,
            `HTTP ${response.status}`,
            retryAfter,
          )
        ) {
          await response.body?.cancel();
          continue;
        }
      }
      return response;
    }
  }

  private async expect(response: Response, statuses: number[], operation: string): Promise<void> {
    if (statuses.includes(response.status)) return;
    const error = await toRegistryHttpError(operation, response);
    throw toSignerError(this.registry, error, (await this.authorizer.credential()) !== undefined);
  }

  private async bounded(response: Response, maxBytes: number, operation: string): Promise<Buffer> {
    try {
      return await readBounded(response, maxBytes, operation);
    } catch (err) {
      throw new SignerError('REGISTRY_PROTOCOL', `Registry ${this.registry}: ${describeCause(err)}.`, err);
    }
  }

  private authFailed(operation: string, err: unknown): never {
    if (err instanceof RegistryHttpError) throw toSignerError(this.registry, err, true);
    throw new SignerError(
      'REGISTRY_AUTH',
      `Registry ${this.registry}: could not get a token for ${operation}: ${describeCause(err)}.`,
      err,
    );
  }

  /** Finds scheme and challenge now, so the connection is open when the first real request comes. */
  async connect(): Promise<void> {
    await this.resolveOrigin();
  }

  private resolveOrigin(): Promise<string> {
    this.origin ??= this.ping();
    return this.origin;
  }

  /**
   * Finds the scheme and the auth challenge with one `GET /v2/`. Plain HTTP only with allowHttp,
   * and only after HTTPS failed, as cosign's --allow-http-registry does.
   */
  private async ping(): Promise<string> {
    const schemes = this.options.allowHttp ? ['https', 'http'] : ['https'];
    let lastError: unknown;
    for (const scheme of schemes) {
      const origin = `${scheme}://${this.registry}`;
      try {
        const response = await this.fetch(new URL('/v2/', origin), {
          signal: AbortSignal.timeout(this.retry.requestTimeoutMs),
        });
        await response.body?.cancel();
        if (response.status === 401)
          this.authorizer.learn(parseChallenge(response.headers.get('www-authenticate')));
        return origin;
      } catch (err) {
        lastError = err;
      }
    }
    this.origin = undefined;
    const hint = this.options.allowHttp
      ? 'Check the address and that the registry is running.'
      : "If it serves plain HTTP, set 'allow-http-registry: true'; if its certificate is self-signed, add its CA to NODE_EXTRA_CA_CERTS or set 'allow-insecure-registry: true'.";
    throw new SignerError(
      'REGISTRY_UNAVAILABLE',
      `Registry ${this.registry} could not be reached over HTTPS${this.options.allowHttp ? ' or HTTP' : ''}: ${describeCause(lastError)}. ${hint}`,
      lastError,
    );
  }
}

/** fetch that accepts any certificate: undici's own, since Node's global fetch takes no TLS options. */
function insecureFetch(): typeof fetch {
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  return ((input: URL | string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher } as Parameters<
      typeof undiciFetch
    >[1])) as unknown as typeof fetch;
}

function readMediaType(bytes: Buffer): string | undefined {
  try {
    const value = (JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown }).mediaType;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function toSignerError(registry: string, error: RegistryHttpError, hadCredential: boolean): SignerError {
  if (error.status === 401 || error.status === 403) {
    const fix = hadCredential
      ? "Check 'registry-username' and 'registry-password' (a token needs write:packages to push signatures)."
      : "Give credentials with 'registry', 'registry-username' and 'registry-password'.";
    return new SignerError(
      'REGISTRY_AUTH',
      `Registry ${registry} refused access: ${error.message}. ${fix}`,
      error,
    );
  }
  if (error.status === 404)
    return new SignerError('MANIFEST_NOT_FOUND', `Registry ${registry}: ${error.message}.`, error);
  if (error.temporary)
    return new SignerError(
      'REGISTRY_UNAVAILABLE',
      `Registry ${registry} is unavailable: ${error.message}.`,
      error,
    );
  return new SignerError(
    'REGISTRY_PROTOCOL',
    `Registry ${registry} rejected a request: ${error.message}.`,
    error,
  );
}
