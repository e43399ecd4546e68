import { SignerError, describeCause } from '../errors.ts';
import { Authorizer, parseChallenge, type BasicCredential } from './auth.ts';
import { RegistryHttpError, toRegistryHttpError } from './http-error.ts';
import { createHttpSend, type HttpResponse, type HttpSend } from './http.ts';
import { isRetryableStatus, type RetryBudget } from './retry.ts';
import { escapeUntrusted } from '../util/untrusted.ts';

export type Access = 'pull' | 'pull,push';

export interface TransportOptions {
  /** Host and optional port, as in image references. */
  readonly registry: string;
  readonly allowHttp: boolean;
  /** Accept any TLS certificate (cosign's --allow-insecure-registry): self-signed registries only. */
  readonly allowInsecure: boolean;
  readonly credential: () => Promise<BasicCredential | undefined>;
  readonly maskSecret: (value: string) => void;
  readonly retry: RetryBudget;
  readonly http?: HttpSend;
}

/**
 * HTTP to one registry host: scheme discovery (HTTPS, then HTTP only when allowed), the auth challenge,
 * retries within the run's budget, size-capped reads, and the mapping of failures to SignerError.
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
      credential: options.credential,
      maskSecret: options.maskSecret,
      http: this.http,
    });
  }

  async send(
    method: string,
    repository: string,
    access: Access,
    path: string,
    operation: string,
    init: { headers?: Record<string, string>; body?: Buffer },
  ): Promise<HttpResponse> {
    const url = new URL(`/v2/${repository}${path}`, await this.resolveOrigin());
    return this.sendUrl(method, url, repository, access, operation, init);
  }

  async sendUrl(
    method: string,
    url: URL,
    repository: string,
    access: Access,
    operation: string,
    init: { headers?: Record<string, string>; body?: Buffer },
  ): Promise<HttpResponse> {
    const scope = `repository:${repository}:${access}`;
    const attempt = async (): Promise<HttpResponse> => {
      const authorization = await this.authorizer
        .header(scope)
        .catch((err: unknown) => this.authFailed(operation, err));
      const headers = { ...init.headers, ...(authorization ? { authorization } : {}) };
      return this.http(url, {
        method,
        headers,
        ...(init.body ? { body: init.body } : {}),
        timeoutMs: this.retry.requestTimeoutMs,
      });
    };
    for (let tries = 1; ; tries++) {
      let response: HttpResponse;
      try {
        response = await attempt();
      } catch (err) {
        if (err instanceof SignerError) throw err;
        if (await this.retry.wait(tries, `${this.registry}: ${operation}`, describeCause(err))) continue;
        throw new SignerError(
          'REGISTRY_UNAVAILABLE',
          `Registry ${this.registry}: ${operation} failed: ${escapeUntrusted(describeCause(err))}. Check that the registry is reachable, or raise 'retry-budget-seconds'.`,
          err,
        );
      }
      if (response.status === 401) {
        const challenge = parseChallenge(response.headers.get('www-authenticate'));
        await response.discard();
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
          await response.discard();
          continue;
        }
      }
      return response;
    }
  }

  async expect(response: HttpResponse, statuses: number[], operation: string): Promise<void> {
    if (statuses.includes(response.status)) return;
    const error = await toRegistryHttpError(operation, response);
    throw toSignerError(this.registry, error, (await this.authorizer.credential()) !== undefined);
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

  private authFailed(operation: string, err: unknown): never {
    if (err instanceof RegistryHttpError) throw toSignerError(this.registry, err, true);
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
        if (outcome.challenge !== undefined) this.authorizer.learn(outcome.challenge);
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
