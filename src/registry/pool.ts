import type { RegistryConfig } from './registry-config.ts';
import type { Registries, RegistryAccess } from './access.ts';
import { RegistryAccessBoundary } from './access-boundary.ts';
import { RegistryClient } from './client.ts';
import type { HttpSend } from './http.ts';
import { RetryBudget } from './retry.ts';

/** A registry that has not answered one request in this long is treated as a lost connection. */
const REQUEST_TIMEOUT_MS = 60_000;
import type { CredentialSource } from './credentials.ts';

export interface RegistryEnvironment {
  readonly maskSecret: (value: string) => void;
  /** The run's credentials, or none at all in a dry run (session.ts decides). */
  readonly credentials: CredentialSource;
  /** Tells about each retry, once. */
  readonly log: (message: string) => void;
  /** Wraps each host's client: the dry run's recording registry, or nothing for a release. */
  readonly wrap?: (client: RegistryAccess) => RegistryAccess;
  /** The network; undici's unless a test hands in a fake one. */
  readonly http?: HttpSend;
}

/** One client per registry host for the run, so connections, schemes and tokens are reused. */
export class RegistryPool implements Registries {
  private readonly clients = new Map<string, RegistryAccess>();
  private readonly directClients = new Map<string, RegistryClient>();
  private readonly config: RegistryConfig;
  private readonly environment: RegistryEnvironment;

  private readonly retry: RetryBudget;

  constructor(config: RegistryConfig, environment: RegistryEnvironment) {
    this.config = config;
    this.environment = environment;
    this.retry = new RetryBudget({
      budgetMs: config.retryBudgetSeconds * 1000,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      onRetry: environment.log,
    });
  }

  client(registry: string): RegistryAccess {
    let client = this.clients.get(registry);
    if (!client) {
      const bounded = new RegistryAccessBoundary(this.direct(registry));
      client = this.environment.wrap ? this.environment.wrap(bounded) : bounded;
      this.clients.set(registry, client);
    }
    return client;
  }

  /**
   * Opens the connections to these registries in the background; settles when each has answered or
   * failed (errors surface on the first real request), and never rejects.
   */
  warm(registries: Iterable<string>): Promise<void> {
    const probes = [...new Set(registries)].map((registry) =>
      this.direct(registry)
        .connect()
        .catch(() => undefined),
    );
    return Promise.all(probes).then(() => undefined);
  }

  private direct(registry: string): RegistryClient {
    let client = this.directClients.get(registry);
    if (!client) {
      client = new RegistryClient({
        registry,
        allowHttp: this.config.allowHttp,
        allowInsecure: this.config.allowInsecure,
        credential: () => this.environment.credentials.lookup(registry),
        missingCredentialHint: this.environment.credentials.missingHint,
        maskSecret: this.environment.maskSecret,
        retry: this.retry,
        http: this.environment.http,
      });
      this.directClients.set(registry, client);
    }
    return client;
  }
}
