import type { Config } from './config.ts';
import type { RunMode } from './github/dry-run.ts';
import type { RegistryAccess } from './registry/access.ts';
import { runCredentialHelper } from './registry/credential-helper.ts';
import { createConfiguredCredentials, createWithheldCredentials } from './registry/credentials.ts';
import { RegistryPool } from './registry/pool.ts';
import { RecordingRegistry, type RecordedWrite } from './registry/recording.ts';
import { timed } from './util/phase-timings.ts';

/** The registries of a run, and whether they are written to. */
export interface Session {
  readonly registries: RegistryPool;
  readonly mode: RunMode;
  /** In a dry run, every write that was kept from the registry. */
  readonly recordedWrites: RecordedWrite[];
  /** The token for the GitHub API: empty when the run sends no credentials (a dry run, by default). */
  readonly githubToken: string;
  /** Settles once every registry named in the inputs has answered its first request, or failed to. */
  readonly reached: Promise<void>;
}

/**
 * Opens the run's registries for the mode wiring decided, and starts reaching them at once, before the
 * Sigstore and provenance code is even loaded: a dry run's registry records writes instead of sending
 * them, and unless a trusted event opted in, its registries are anonymous and its GitHub token empty.
 */
export function openSession(
  config: Config,
  mode: RunMode,
  environment: { maskSecret: (secret: string) => void; log: (message: string) => void },
): Session {
  const recordedWrites: RecordedWrite[] = [];
  const registries = new RegistryPool(config.registry, {
    maskSecret: environment.maskSecret,
    credentials: mode.sendsCredentials
      ? createConfiguredCredentials(config.registry, {
          runCredentialHelper,
          githubToken: config.githubToken,
        })
      : createWithheldCredentials(mode.reason),
    log: environment.log,
    ...(mode.dryRun
      ? { wrap: (client: RegistryAccess) => new RecordingRegistry(client, recordedWrites) }
      : {}),
  });
  const reached = timed('connect', () =>
    registries.warm([
      ...config.subjects.images.map((image) => image.registry),
      ...config.subjects.tagsToResolve.map((tag) => tag.registry),
    ]),
  );
  const githubToken = mode.sendsCredentials ? config.githubToken : '';
  return { registries, mode, recordedWrites, githubToken, reached };
}
