import { readFileSync, statSync } from 'node:fs';

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
  /** Folder for files later steps may upload (bundle files). */
  readonly tempDir: string;
  /** The runner offers an OIDC token endpoint only to jobs with `id-token: write`. */
  readonly canRequestIdToken: boolean;
  /** `pull_request` or `pull_request_target`. */
  readonly isPullRequest: boolean;
  /** The pull request comes from a fork: its code is not the repository's to trust. */
  readonly isFork: boolean;
}

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
const MAX_EVENT_BYTES = 8 * 1024 * 1024;

interface EventPayload {
  pull_request?: {
    head?: { repo?: { fork?: boolean; full_name?: string } };
    base?: { repo?: { full_name?: string } };
  };
}

function readEvent(path: string | undefined): EventPayload {
  if (!path) return {};
  try {
    if (statSync(path).size > MAX_EVENT_BYTES) return {};
    return JSON.parse(readFileSync(path, 'utf8')) as EventPayload;
  } catch {
    return {};
  }
}

/** A fork: GitHub's own flag, or a head repository other than the base (older payloads). */
function isForkEvent(event: EventPayload): boolean {
  const pr = event.pull_request;
  if (!pr) return false;
  if (pr.head?.repo?.fork === true) return true;
  const head = pr.head?.repo?.full_name;
  const base = pr.base?.repo?.full_name;
  return Boolean(head && base && head.toLowerCase() !== base.toLowerCase());
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  return {
    isPullRequest: PULL_REQUEST_EVENTS.includes(eventName),
    isFork: isForkEvent(event),
    eventName: env.GITHUB_EVENT_NAME ?? '',
    repository: env.GITHUB_REPOSITORY ?? '',
    sha: env.GITHUB_SHA ?? '',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    runId: env.GITHUB_RUN_ID ?? '',
    tempDir: env.RUNNER_TEMP ?? env.TMPDIR ?? '/tmp',
    canRequestIdToken: Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN),
  };
}
