import { readFileSync, statSync } from 'node:fs';
import { checkEventTrust, type EventPayload, type EventTrust } from './event-trust.ts';

/** What the run's environment says about this run; read once, passed everywhere. */
export interface RunContext {
  readonly eventName: string;
  /** `owner/name` of the repository the workflow runs in. */
  readonly repository: string;
  readonly sha: string;
  readonly serverUrl: string;
  /** REST API base (GITHUB_API_URL; GitHub Enterprise and tests point it elsewhere). */
  readonly apiUrl: string;
  readonly runId: string;
  /** GITHUB_WORKSPACE: release files are taken from inside it only. */
  readonly workspace: string;
  /** GITHUB_REF (`refs/tags/v1.2.3` on a tag push): whose release bundles are attached to. */
  readonly ref: string;
  /** Folder for files later steps may upload (bundle files). */
  readonly tempDir: string;
  /** The runner offers an OIDC token endpoint only to jobs with `id-token: write`. */
  readonly canRequestIdToken: boolean;
  /** Whether the event may carry a fork's content (event-trust.ts). */
  readonly eventTrust: EventTrust;
  /** RELEASE_SIGNER_TIMINGS: a file the run appends its phase timings to (the bench's; off by default). */
  readonly timingsFile?: string;
}

const MAX_EVENT_BYTES = 8 * 1024 * 1024;

/** The payload GitHub wrote for this run's event; every way it can fail is reported, never taken as "no fork". */
function readEventPayload(path: string | undefined): EventPayload {
  if (!path) return { status: 'absent' };
  let bytes: string;
  try {
    if (statSync(path).size > MAX_EVENT_BYTES)
      return { status: 'unusable', problem: `is larger than ${MAX_EVENT_BYTES / 1024 / 1024} MiB` };
    bytes = readFileSync(path, 'utf8');
  } catch {
    return { status: 'unusable', problem: 'could not be read' };
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes);
  } catch {
    return { status: 'unusable', problem: 'is not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { status: 'unusable', problem: 'is not a JSON object' };
  return { status: 'read', json };
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const repository = env.GITHUB_REPOSITORY ?? '';
  return {
    eventName,
    eventTrust: checkEventTrust(eventName, readEventPayload(env.GITHUB_EVENT_PATH), repository),
    repository,
    sha: env.GITHUB_SHA ?? '',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    runId: env.GITHUB_RUN_ID ?? '',
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    ref: env.GITHUB_REF ?? '',
    tempDir: env.RUNNER_TEMP ?? env.TMPDIR ?? '/tmp',
    canRequestIdToken: Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN),
    ...(env.RELEASE_SIGNER_TIMINGS ? { timingsFile: env.RELEASE_SIGNER_TIMINGS } : {}),
  };
}
