import { fetch, Headers, type RequestInit, type Response } from 'undici';
import { describeCause } from '../errors.ts';
import { sharedDispatcher } from '../util/proxy-dispatcher.ts';

// GitHub REST calls with plain fetch, not @actions/github's octokit: that module reads and parses the
// event payload (GITHUB_EVENT_PATH) when loaded, unbounded, and crashes the run on a payload that is not
// JSON. A handful of endpoints do not need a client; every answer is read through a size cap instead.

const API_VERSION = '2022-11-28';
const MAX_ATTEMPTS = 4;

/** An answer other than 2xx, or no answer at all (status 0). */
export class GitHubApiError extends Error {
  readonly status: number;
  readonly headers: Headers;

  constructor(status: number, headers: Headers, message: string, cause?: unknown) {
    super(message, { cause });
    this.status = status;
    this.headers = headers;
  }
}

/** The body, refused past `maxBytes`: an API answer is never trusted to be small. */
export async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += (chunk as Uint8Array).byteLength;
    if (size > maxBytes) throw new Error(`answer larger than ${maxBytes / 1024 / 1024} MiB`);
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}

/** The headers of every API call: versioned, and the token only when there is one. */
export function apiHeaders(token: string, accept = 'application/vnd.github+json'): Record<string, string> {
  return {
    accept,
    'x-github-api-version': API_VERSION,
    'user-agent': 'release-signer',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
}

/** fetch, with a lost connection as status 0 and anything but 2xx (or an expected status) as an error. */
export async function send(url: URL, init: RequestInit, expected: readonly number[] = []): Promise<Response> {
  let response: Response;
  try {
    // undici's fetch with the run's dispatcher: HTTPS_PROXY / NO_PROXY apply (Node's global fetch ignores them).
    response = await fetch(url, { ...init, dispatcher: sharedDispatcher() });
  } catch (err) {
    throw new GitHubApiError(0, new Headers(), describeCause(err), err);
  }
  if (!response.ok && !expected.includes(response.status)) {
    await response.body?.cancel();
    throw new GitHubApiError(response.status, response.headers, `HTTP ${response.status}`);
  }
  return response;
}

/** Retries 5xx and rate limits (honouring Retry-After); a 4xx other than 429 will not change. */
export async function withRetry<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof GitHubApiError)) throw err;
      const { status, headers } = err;
      const limited = status === 429 || (status === 403 && headers.get('x-ratelimit-remaining') === '0');
      if (attempt >= MAX_ATTEMPTS || !(limited || status >= 500 || status === 0)) throw err;
      const retryAfter = Number(headers.get('retry-after') ?? '');
      const delayMs =
        Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 30) * 1000 : 250 * 2 ** attempt;
      await new Promise((resolveDelay) => setTimeout(resolveDelay, delayMs));
    }
  }
}
