import type { RegistryConfig } from './registry-config.ts';
import type { BasicCredential } from './auth.ts';
import {
  credentialFromDockerConfig,
  readDockerConfig,
  type CredentialHelperRunner,
} from './docker-config.ts';

/** Where a registry's credentials come from, and what to tell the user when a registry wants some. */
export interface CredentialSource {
  /** Looked up when the registry first asks; undefined for anonymous access. */
  lookup(registry: string): Promise<BasicCredential | undefined>;
  /** The fix to name when a registry refuses access and no credential was sent. */
  readonly missingHint: string;
}

/**
 * Inputs first (`registry` + user + password, `github-token` for ghcr.io), then docker's config
 * (helpers, store, auths). Exact host match only, so credentials never reach a look-alike host.
 */
export function createConfiguredCredentials(
  config: RegistryConfig,
  environment: {
    runCredentialHelper: CredentialHelperRunner;
    /** ghcr.io's password when nothing else gives one: `github-token`. */
    githubToken: string;
    env?: NodeJS.ProcessEnv;
  },
): CredentialSource {
  return {
    missingHint: "Give credentials with 'registry', 'registry-username' and 'registry-password'.",
    async lookup(registry) {
      const fromInputs = config.credentials.find((entry) => entry.registry === registry);
      if (fromInputs) return fromInputs;
      const fromDocker = await credentialFromDockerConfig(
        readDockerConfig(environment.env),
        registry,
        environment.runCredentialHelper,
      );
      if (fromDocker) return fromDocker;
      if (registry === 'ghcr.io' && environment.githubToken)
        return { username: config.githubActor || 'token', password: environment.githubToken };
      return undefined;
    },
  };
}

/**
 * A dry run's registries: anonymous, without even looking at the inputs, docker's config or its
 * credential helpers. A read the registry refuses without credentials fails that image (REGISTRY_AUTH),
 * as it would fail a release: a green dry run that never read the manifest, its provenance or the
 * signatures already there would promise a release it did not check. The message says what was not
 * checked and how to let a trusted dry run use credentials.
 */
export function createWithheldCredentials(dryRunReason: string): CredentialSource {
  return {
    missingHint: `This dry run (${dryRunReason}) sends no credentials, so this image's manifest, provenance and existing signatures could not be checked; the release run will check them. On an event that cannot carry a fork's content, 'dry-run-credentials: true' lets the dry run use the registry's credentials.`,
    lookup: () => Promise.resolve(undefined),
  };
}
