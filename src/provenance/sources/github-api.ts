import { describeCause } from '../../errors.ts';
import { GitHubApiError, apiHeaders, readCapped, send, withRetry } from '../../github/rest.ts';
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
/** A page holds at most 100 bundles of a few kilobytes each. */
const MAX_PAGE_BYTES = 32 * 1024 * 1024;

async function getPage(url: URL, token: string): Promise<{ json: unknown; link: string }> {
  const response = await send(url, { headers: apiHeaders(token) });
  return {
    json: JSON.parse((await readCapped(response, MAX_PAGE_BYTES)).toString('utf8')) as unknown,
    link: response.headers.get('link') ?? '',
  };
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
