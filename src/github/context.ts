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
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  return {
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
