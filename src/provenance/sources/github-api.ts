import { GitHub, getOctokitOptions } from '@actions/github/lib/utils';
import { describeCause } from '../../errors.ts';
import type { ProvenanceSource, SourceEntry } from '../candidate.ts';
import { toCandidate } from './referrers.ts';
import type { ProvenanceVerifier } from './verify.ts';

export interface GitHubApiOptions {
  readonly apiUrl: string;
  readonly token: string;
  /** `owner/repo` whose attestations to read: the expected source repository. */
  readonly repository: (image: { registry: string; repository: string }) => string;
}

/** Pages of attestations read at most (100 each): a digest rarely has more than a few. */
const MAX_PAGES = 5;
const MAX_ATTEMPTS = 4;

type Octokit = InstanceType<typeof GitHub>;

/** Retries 5xx and rate limits (honouring Retry-After); a 4xx other than 429 will not change. */
async function withRetry<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const status = (err as { status?: number }).status ?? 0;
      const headers =
        (err as { response?: { headers?: Record<string, string | undefined> } }).response?.headers ?? {};
      const limited = status === 429 || (status === 403 && headers['x-ratelimit-remaining'] === '0');
      if (attempt >= MAX_ATTEMPTS || !(limited || status >= 500 || status === 0)) throw err;
      const retryAfter = Number(headers['retry-after'] ?? '');
      const delayMs =
        Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 30) * 1000 : 250 * 2 ** attempt;
      await new Promise((resolveDelay) => setTimeout(resolveDelay, delayMs));
    }
  }
}

/**
 * GitHub artifact attestations (`actions/attest-build-provenance`) through the REST API:
 * `GET /repos/{owner}/{repo}/attestations/{subject_digest}`, paginated, via @actions/github's octokit.
 */
export class GitHubAttestationSource implements ProvenanceSource {
  readonly name = 'github';
  private readonly octokit: Octokit;
  private readonly options: GitHubApiOptions;
  private readonly verifier: ProvenanceVerifier;

  constructor(options: GitHubApiOptions, verifier: ProvenanceVerifier) {
    this.options = options;
    this.verifier = verifier;
    // Public repositories' attestations need no token; getOctokit insists on one, the GitHub class does not.
    this.octokit = options.token
      ? new GitHub(getOctokitOptions(options.token, { baseUrl: options.apiUrl }))
      : new GitHub({ baseUrl: options.apiUrl });
  }

  async find(image: { registry: string; repository: string }, digest: string): Promise<SourceEntry[]> {
    const [owner = '', repo = ''] = this.options.repository(image).split('/');
    const bundles: object[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      let response;
      try {
        response = await withRetry(() =>
          this.octokit.rest.repos.listAttestations({
            owner,
            repo,
            subject_digest: digest,
            per_page: 100,
            page,
          }),
        );
      } catch (err) {
        if ((err as { status?: number }).status === 404) break;
        throw new Error(`GitHub attestations API for ${owner}/${repo}: ${describeCause(err)}`, {
          cause: err,
        });
      }
      const attestations = (response.data.attestations ?? []) as { bundle?: object | null }[];
      for (const attestation of attestations) if (attestation.bundle) bundles.push(attestation.bundle);
      if (!/rel="next"/.test(response.headers.link ?? '')) break;
    }
    return Promise.all(bundles.map((bundle) => toCandidate('github', digest, bundle, this.verifier)));
  }
}
