import { fetch, Headers, type Response } from 'undici';
import { describeCause } from '../../errors.ts';
import { sharedDispatcher } from '../../util/proxy-dispatcher.ts';
import type { ProvenanceSource, SourceEntry } from '../candidate.ts';
import { toCandidate } from './referrers.ts';
import type { ProvenanceVerifier } from './verify.ts';

export interface GitHubApiOptions {
  readonly apiUrl: string;
  /** Empty: no Authorization header at all (public repositories; every dry run unless opted in). */
  readonly token: string;
  /** `owner/repo` whose attestations to read: the expected source repository. */
  readonly repository: (image: { registry: string; repository: string }) => string;
}

/** Pages of attestations read at most (100 each): a digest rarely has more than a few. */
const MAX_PAGES = 5;
const MAX_ATTEMPTS = 4;
/** A page holds at most 100 bundles of a few kilobytes each. */
const MAX_PAGE_BYTES = 32 * 1024 * 1024;
const API_VERSION = '2022-11-28';

/** An answer other than 2xx, or no answer at all (status 0). */
class GitHubApiError extends Error {
  readonly status: number;
  readonly headers: Headers;

  constructor(status: number, headers: Headers, message: string, cause?: unknown) {
    super(message, { cause });
    this.status = status;
    this.headers = headers;
  }
}

async function readCapped(response: Response): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += (chunk as Uint8Array).byteLength;
    if (size > MAX_PAGE_BYTES) throw new Error(`answer larger than ${MAX_PAGE_BYTES / 1024 / 1024} MiB`);
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks).toString('utf8');
}

// The REST call itself, without @actions/github: its module reads and parses the event payload
// (GITHUB_EVENT_PATH) when loaded, unbounded, and crashes the run on a payload that is not JSON.
async function getPage(url: URL, token: string): Promise<{ json: unknown; link: string }> {
  const headers: Record<string, string> = {
    accept: 'application/vnd.github+json',
    'x-github-api-version': API_VERSION,
    'user-agent': 'release-signer',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  let response: Response;
  try {
    // undici's own fetch, so the run's proxy settings apply (Node's global fetch ignores HTTPS_PROXY).
    response = await fetch(url, { headers, dispatcher: sharedDispatcher() });
  } catch (err) {
    throw new GitHubApiError(0, new Headers(), describeCause(err), err);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new GitHubApiError(response.status, response.headers, `HTTP ${response.status}`);
  }
  return {
    json: JSON.parse(await readCapped(response)) as unknown,
    link: response.headers.get('link') ?? '',
  };
}

/** Retries 5xx and rate limits (honouring Retry-After); a 4xx other than 429 will not change. */
async function withRetry<T>(call: () => Promise<T>): Promise<T> {
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

function bundlesOf(json: unknown): object[] {
  const attestations = (json as { attestations?: unknown } | null)?.attestations;
  if (!Array.isArray(attestations)) return [];
  return attestations
    .map((attestation) => (attestation as { bundle?: unknown } | null)?.bundle)
    .filter((bundle): bundle is object => typeof bundle === 'object' && bundle !== null);
}

/**
 * GitHub artifact attestations (`actions/attest-build-provenance`) through the REST API:
 * `GET /repos/{owner}/{repo}/attestations/{subject_digest}`, paginated
 * (https://docs.github.com/rest/repos/repos#list-attestations).
 */
export class GitHubAttestationSource implements ProvenanceSource {
  readonly name = 'github';
  private readonly options: GitHubApiOptions;
  private readonly verifier: ProvenanceVerifier;

  constructor(options: GitHubApiOptions, verifier: ProvenanceVerifier) {
    this.options = options;
    this.verifier = verifier;
  }

  async find(image: { registry: string; repository: string }, digest: string): Promise<SourceEntry[]> {
    const [owner = '', repo = ''] = this.options.repository(image).split('/');
    const bundles: object[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const url = new URL(
        `${this.options.apiUrl}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/attestations/${encodeURIComponent(digest)}`,
      );
      url.searchParams.set('per_page', '100');
      url.searchParams.set('page', String(page));
      let answer;
      try {
        answer = await withRetry(() => getPage(url, this.options.token));
      } catch (err) {
        if (err instanceof GitHubApiError && err.status === 404) break;
        throw new Error(`GitHub attestations API for ${owner}/${repo}: ${describeCause(err)}`, {
          cause: err,
        });
      }
      bundles.push(...bundlesOf(answer.json));
      if (!/rel="next"/.test(answer.link)) break;
    }
    return Promise.all(bundles.map((bundle) => toCandidate('github', digest, bundle, this.verifier)));
  }
}
