/** What the run's registries need from the inputs (registry/pool.ts, credentials.ts). */

/** Credentials for one registry host, from `registry`/`registry-username`/`registry-password`. */
export interface RegistryCredential {
  readonly registry: string;
  readonly username: string;
  readonly password: string;
}

export interface RegistryConfig {
  /** Plain-HTTP registries are refused unless this is set (cosign's --allow-http-registry). */
  readonly allowHttp: boolean;
  /** Seconds the whole run may spend waiting to retry registry requests. */
  readonly retryBudgetSeconds: number;
  /** Accept self-signed TLS (cosign's --allow-insecure-registry). */
  readonly allowInsecure: boolean;
  readonly credentials: readonly RegistryCredential[];
  /** The user name for `github-token` at ghcr.io. */
  readonly githubActor: string;
  /** Store signatures in this repository (`registry/repository`), as cosign's COSIGN_REPOSITORY. */
  readonly signatureRepository?: { readonly registry: string; readonly repository: string };
}
