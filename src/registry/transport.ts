import { SignerError, describeCause } from '../errors.ts';
import { Authorizer, parseChallenge, type BasicCredential } from './auth.ts';
import { RegistryHttpError, toRegistryHttpError } from './http-error.ts';
import { createHttpSend, type HttpResponse, type HttpSend } from './http.ts';
import { checkLocation, sendFollowing, type Answer } from './redirects.ts';
import { isRetryableStatus, parseRetryAfter, type RetryBudget } from './retry.ts';
import { escapeUntrusted } from '../util/untrusted.ts';

export type Access = 'pull' | 'pull,push';

/** One request to the registry, to a path under `/v2/<repository>` or a URL it handed out. */
export interface RegistryRequest {
  readonly method: string;
  readonly repository: string;
  /** The token scope the request needs. */
  readonly access: Access;
  /** Names the request in errors and retry notes: `GET manifest acme/app:v1`. */
  readonly operation: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer;
}

export interface TransportOptions {
  /** Host and optional port, as in image references. */
  readonly registry: string;
  readonly allowHttp: boolean;
  /** Accept any TLS certificate (cosign's --allow-insecure-registry): self-signed registries only. */
  readonly allowInsecure: boolean;
  readonly credential: () => Promise<BasicCredential | undefined>;
  /** The fix named when the registry refuses access and no credential was sent. */
  readonly missingCredentialHint: string;
  readonly maskSecret: (value: string) => void;
  readonly retry: RetryBudget;
  readonly http?: HttpSend;
}

/**
 * HTTP to one registry host: scheme discovery (HTTPS, then HTTP only when allowed), the auth challenge,
 * retries within the run's budget and size-capped reads. An unexpected status is thrown as a
 * RegistryHttpError, turned into a SignerError at the RegistryAccess boundary (access-boundary.ts).
 */
export class RegistryTransport {
  readonly registry: string;
  private readonly options: TransportOptions;
  private readonly http: HttpSend;
  private readonly authorizer: Authorizer;
  private readonly retry: RetryBudget;
  private origin: Promise<string> | undefined;

  constructor(options: TransportOptions) {
    this.options = options;
    this.registry = options.registry;
    this.retry = options.retry;
    this.http = options.http ?? createHttpSend(options.allowInsecure);
    this.authorizer = new Authorizer({
      registry: options.registry,
      credential: options.credential,
      maskSecret: options.maskSecret,
      http: this.http,
    });
  }

  async send(request: RegistryRequest & { path: string }): Promise<HttpResponse> {
    const { path, ...rest } = request;
    const url = new URL(`/v2/${request.repository}${path}`, await this.resolveOrigin());
    return this.sendUrl({ ...rest, url });
  }

  async sendUrl(request: RegistryRequest & { url: URL }): Promise<HttpResponse> {
    const { method, url, repository, access, operation, headers: given, body } = request;
    const scope = `repository:${repository}:${access}`;
    const origin = await this.resolveOrigin();
    const sendHop = async (hop: URL): Promise<HttpResponse> => {
      // Credentials belong to the registry's origin alone: a CDN a read is redirected to, or an upload
      // Location on another origin, gets no Authorization at all (crane sends none there either).
      const authorization =
        hop.origin === origin
          ? await this.authorizer.header(scope).catch((err: unknown) => this.authFailed(operation, err))
          : undefined;
      const headers = { ...given, ...(authorization ? { authorization } : {}) };
      return this.http(hop, {
        method,
        headers,
        ...(body ? { body } : {}),
        timeoutMs: this.retry.requestTimeoutMs,
      });
    };
    const attempt = (): Promise<Answer> =>
      sendFollowing({ method, url, registry: this.registry, operation }, sendHop);
    for (let tries = 1; ; tries++) {
      let answer: Answer;
      try {
        answer = await attempt();
      } catch (err) {
        // Already decided: a refusal (a token server's, typed) or a failure with its fix; not the network's.
        if (err instanceof SignerError || err instanceof RegistryHttpError) throw err;
        if (await this.retry.wait(tries, `${this.registry}: ${operation}`, describeCause(err))) continue;
        throw new SignerError(
          'REGISTRY_UNAVAILABLE',
          `Registry ${this.registry}: ${operation} failed: ${escapeUntrusted(describeCause(err))}. Check that the registry is reachable, or raise 'retry-budget-seconds'.`,
          err,
        );
      }
      // Only the registry's own 401 teaches a challenge; another origin's would send credentials to its realm.
      if (answer.response.status === 401 && answer.url.origin === origin) {
        const challenge = parseChallenge(answer.response.headers.get('www-authenticate'));
        await answer.response.discard();
        const hadChallenge = this.authorizer.knowsChallenge;
        this.authorizer.learn(challenge, origin);
        this.authorizer.forget(scope);
        if (challenge || !hadChallenge) answer = await attempt();
      }
      const { response } = answer;
      if (answer.url.origin !== origin && (response.status === 401 || response.status === 403)) {
        await response.discard();
        throw this.refusedElsewhere(answer.url, response.status, operation);
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
          await response.discard();
          continue;
        }
      }
      return response;
    }
  }

  /**
   * An upload session's Location, resolved against the registry. Another origin is accepted (a storage
   * front whose URL carries the session; it gets no credentials); a step down to plain HTTP is not.
   */
  async toUploadUrl(location: string | null, operation: string): Promise<URL> {
    const next = checkLocation(new URL(await this.resolveOrigin()), location);
    if ('url' in next) return next.url;
    throw new SignerError(
      'REGISTRY_PROTOCOL',
      `Registry ${this.registry}: ${operation}: the upload session's Location is not used: ${next.refused}. If the registry or a proxy in front of it is yours, have it hand out https upload URLs.`,
    );
  }

  /**
   * Another origin the registry pointed to (a redirect, an upload Location) refused the request. It is a
   * failure of this request only: its challenge is not learnt, and no credential is offered to it.
   */
  private refusedElsewhere(url: URL, status: number, operation: string): SignerError {
    return new SignerError(
      'REGISTRY_AUTH',
      `Registry ${this.registry}: ${operation} went to ${url.origin}, another origin the registry pointed to (a redirect or an upload Location), which refused it (HTTP ${status}). The registry's credentials are never sent to another origin. Have the registry hand out download and upload URLs that carry their own authorisation, as GHCR and Docker Hub do.`,
    );
  }

  async expect(response: HttpResponse, statuses: number[], operation: string): Promise<void> {
    if (statuses.includes(response.status)) return;
    const error = await toRegistryHttpError(operation, response);
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    error.context = {
      ...(await this.refusalHint()),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
    throw error;
  }

  /** The fix to name for a refusal when no credential was sent. */
  private async refusalHint(): Promise<{ missingCredentialHint?: string }> {
    const sentCredential = (await this.authorizer.credential()) !== undefined;
    return sentCredential ? {} : { missingCredentialHint: this.options.missingCredentialHint };
  }

  async bounded(response: HttpResponse, maxBytes: number, operation: string): Promise<Buffer> {
    try {
      return await response.bytes(maxBytes, operation);
    } catch (err) {
      throw new SignerError(
        'REGISTRY_PROTOCOL',
        `Registry ${this.registry}: ${escapeUntrusted(describeCause(err))}.`,
        err,
      );
    }
  }

  private async authFailed(operation: string, err: unknown): Promise<never> {
    if (err instanceof SignerError) throw err;
    if (err instanceof RegistryHttpError) {
      err.context = await this.refusalHint();
      throw err;
    }
    throw new SignerError(
      'REGISTRY_AUTH',
      `Registry ${this.registry}: could not get a token for ${operation}: ${escapeUntrusted(describeCause(err))}.`,
      err,
    );
  }

  resolveOrigin(): Promise<string> {
    this.origin ??= this.ping();
    return this.origin;
  }

  /**
   * Finds the scheme and the auth challenge with one `GET /v2/`. Plain HTTP only with allowHttp, and only
   * when HTTPS fails, as cosign's --allow-http-registry does; both are asked at once, so a plain-HTTP
   * registry costs no wait for the HTTPS failure (the probe carries no credentials).
   */
  private async ping(): Promise<string> {
    // HTTP is asked first: the HTTPS probe spends a few milliseconds setting up TLS before it leaves.
    const httpProbe = this.options.allowHttp ? this.probe(`http://${this.registry}`) : undefined;
    const probes = [this.probe(`https://${this.registry}`), ...(httpProbe ? [httpProbe] : [])];
    let lastError: unknown;
    for (const probe of probes) {
      const outcome = await probe;
      if (outcome.ok) {
        if (outcome.challenge !== undefined) this.authorizer.learn(outcome.challenge, outcome.origin);
        return outcome.origin;
      }
      lastError = outcome.error;
    }
    this.origin = undefined;
    const hint = this.options.allowHttp
      ? 'Check the address and that the registry is running.'
      : "If it serves plain HTTP, set 'allow-http-registry: true'; if its certificate is self-signed, add its CA to NODE_EXTRA_CA_CERTS or set 'allow-insecure-registry: true'.";
    throw new SignerError(
      'REGISTRY_UNAVAILABLE',
      `Registry ${this.registry} could not be reached over HTTPS${this.options.allowHttp ? ' or HTTP' : ''}: ${escapeUntrusted(describeCause(lastError))}. ${hint}`,
      lastError,
    );
  }

  private async probe(
    origin: string,
  ): Promise<
    | { ok: true; origin: string; challenge?: ReturnType<typeof parseChallenge> }
    | { ok: false; error: unknown }
  > {
    try {
      const response = await this.http(new URL('/v2/', origin), {
        timeoutMs: this.retry.requestTimeoutMs,
      });
      await response.discard();
      if (response.status !== 401) return { ok: true, origin };
      return { ok: true, origin, challenge: parseChallenge(response.headers.get('www-authenticate')) };
    } catch (error) {
      return { ok: false, error };
    }
  }
}
