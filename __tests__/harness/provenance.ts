import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { DSSEBundleBuilder, FulcioSigner, RekorWitness } from '@sigstore/sign';
import { bundleToJSON } from '@sigstore/bundle';
import { mintToken, type WorkflowClaims } from './oidc.ts';
import { pushBlob, pushManifest, type PushedManifest } from './fixtures.ts';
import { readManifest } from './inspect.ts';
import type { TestRegistry } from './registry.ts';

/** Fleet's v0.13.0 release (PROVENANCE.md §8.3): the real repository, tag, commit and workflow. */
export const FLEET = {
  repository: 'rancher/fleet',
  tag: 'v0.13.0',
  ref: 'refs/tags/v0.13.0',
  commit: 'e0324f2d4c06dad05a298622a1276ea596367b6a',
  runId: '16342178123',
  workflowFile: 'release.yml',
} as const;

export const FLEET_CLAIMS: WorkflowClaims = {
  repository: FLEET.repository,
  workflowFile: FLEET.workflowFile,
  ref: FLEET.ref,
  sha: FLEET.commit,
  eventName: 'push',
};

/** The run environment of Fleet's release job, as the runner sets it. */
export const FLEET_RUN_ENV = {
  GITHUB_REPOSITORY: FLEET.repository,
  GITHUB_SHA: FLEET.commit,
  GITHUB_REF: FLEET.ref,
  GITHUB_RUN_ID: FLEET.runId,
  GITHUB_SERVER_URL: 'https://github.com',
};

export const SLSA_V1 = 'https://slsa.dev/provenance/v1';
export const BUILDKIT_V1_BUILD_TYPE =
  'https://github.com/moby/buildkit/blob/master/docs/attestations/slsa-definitions.md';

export interface BuildkitOptions {
  readonly imageName: string;
  readonly repository?: string;
  readonly revision?: string;
  readonly builderId?: string;
  readonly predicateType?: string;
  /** The subject digest written, when it should lie about the platform. */
  readonly subjectDigest?: string;
}

/** BuildKit's SLSA v1 statement for one platform, as docker/build-push-action makes it under Actions. */
export function buildkitV1Statement(
  platformDigest: string,
  platform: string,
  options: BuildkitOptions,
): object {
  const repository = options.repository ?? FLEET.repository;
  const revision = options.revision ?? FLEET.commit;
  return {
    _type: 'https://in-toto.io/Statement/v1',
    predicateType: options.predicateType ?? SLSA_V1,
    subject: [
      {
        name: `pkg:docker/${options.imageName}@${FLEET.tag}?platform=${encodeURIComponent(platform)}`,
        digest: { sha256: (options.subjectDigest ?? platformDigest).replace('sha256:', '') },
      },
    ],
    predicate: {
      buildDefinition: {
        buildType: BUILDKIT_V1_BUILD_TYPE,
        externalParameters: {
          configSource: { path: 'package/Dockerfile' },
          request: {
            frontend: 'dockerfile.v0',
            args: {
              'build-arg:BUILD_ENV': 'goreleaser',
              'vcs:source': `https://github.com/${repository}.git`,
              'vcs:revision': revision,
            },
          },
        },
        internalParameters: { builderPlatform: 'linux/amd64' },
        resolvedDependencies: [
          {
            uri: 'pkg:docker/registry.suse.com/bci/bci-micro@15.6?platform=linux%2Famd64',
            digest: { sha256: 'a2a5e297ed15ac496838622e1585061e67cc9a2179772168ab575827c93ca3d6' },
          },
        ],
      },
      runDetails: {
        builder: {
          id:
            options.builderId ??
            `https://github.com/${FLEET.repository}/actions/runs/${FLEET.runId}/attempts/1`,
        },
        metadata: {
          invocationID: 'ujss3xdtnmbv38uqh5wwftkpd',
          startedOn: '2025-07-23T14:25:05Z',
          finishedOn: '2025-07-23T14:26:40Z',
          buildkit_metadata: { vcs: { source: `https://github.com/${repository}.git`, revision } },
        },
      },
    },
  };
}

export interface GitHubProvenanceOptions {
  readonly subjectName: string;
  readonly subjectDigest: string;
  readonly claims?: WorkflowClaims;
  readonly predicateType?: string;
}

/** The statement `actions/attest-build-provenance` makes from the workflow's OIDC claims. */
export function githubProvenanceStatement(options: GitHubProvenanceOptions): object {
  const claims = options.claims ?? FLEET_CLAIMS;
  const server = 'https://github.com';
  const repository = claims.sourceRepository ?? claims.repository;
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [
      { name: options.subjectName, digest: { sha256: options.subjectDigest.replace('sha256:', '') } },
    ],
    predicateType: options.predicateType ?? SLSA_V1,
    predicate: {
      buildDefinition: {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        externalParameters: {
          workflow: {
            ref: claims.ref,
            repository: `${server}/${repository}`,
            path: `.github/workflows/${claims.workflowFile}`,
          },
        },
        internalParameters: {
          github: {
            event_name: claims.eventName,
            repository_id: '209151735',
            repository_owner_id: '9343010',
            runner_environment: claims.runnerEnvironment ?? 'github-hosted',
          },
        },
        resolvedDependencies: [
          { uri: `git+${server}/${repository}@${claims.ref}`, digest: { gitCommit: claims.sha } },
        ],
      },
      runDetails: {
        builder: {
          id: `${server}/${claims.repository}/.github/workflows/${claims.workflowFile}@${claims.ref}`,
        },
        metadata: { invocationId: `${server}/${repository}/actions/runs/${FLEET.runId}/attempts/1` },
      },
    },
  };
}

/** Signs a statement keyless through the stand-in, as actions/attest does: a DSSE bundle v0.3 with a log entry. */
/** Where a keyless attestation is certified and logged: the stand-in, or the real stack's Rekor v1. */
export interface KeylessServices {
  readonly fulcioUrl: string;
  readonly rekorUrl: string;
  /** The OIDC issuer Fulcio trusts (the real stack's); the stand-in reads any token. */
  readonly issuerUrl?: string;
}

export async function attestKeyless(
  statement: object,
  sigstore: KeylessServices,
  claims: WorkflowClaims = FLEET_CLAIMS,
): Promise<object> {
  // A test that sets another issuer (one the stack's Fulcio also trusts) keeps it.
  const token = mintToken(
    sigstore.issuerUrl && !claims.issuer ? { ...claims, issuer: sigstore.issuerUrl } : claims,
  );
  const builder = new DSSEBundleBuilder({
    signer: new FulcioSigner({
      fulcioBaseURL: sigstore.fulcioUrl,
      identityProvider: { getToken: async () => token },
    }),
    witnesses: [new RekorWitness({ rekorBaseURL: sigstore.rekorUrl, entryType: 'dsse' })],
  });
  const bundle = await builder.create({
    data: Buffer.from(JSON.stringify(statement)),
    type: 'application/vnd.in-toto+json',
  });
  return bundleToJSON(bundle);
}

/** Attaches a bundle as an OCI referrer with the fallback tag, as actions/attest's push-to-registry does. */
export async function attachBundleReferrer(
  registry: TestRegistry,
  repository: string,
  subject: PushedManifest,
  bundle: object,
  predicateType: string,
): Promise<void> {
  const mediaType = 'application/vnd.dev.sigstore.bundle.v0.3+json';
  const config = await pushBlob(registry, repository, Buffer.from('{}'));
  const layer = await pushBlob(registry, repository, Buffer.from(JSON.stringify(bundle)));
  const annotations = {
    'dev.sigstore.bundle.content': 'dsse-envelope',
    'dev.sigstore.bundle.predicateType': predicateType,
    'org.opencontainers.image.created': new Date().toISOString(),
  };
  const manifest = await pushManifest(registry, repository, undefined, {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    artifactType: mediaType,
    config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: config.digest, size: config.size },
    layers: [{ mediaType, digest: layer.digest, size: layer.size }],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    annotations,
  });
  if (registry.kind === 'referrers-api') return;
  const tag = subject.digest.replace(':', '-');
  const existing = await readManifest(registry, repository, tag);
  await pushManifest(registry, repository, tag, {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      ...(existing?.manifests ?? []),
      {
        mediaType: manifest.mediaType,
        digest: manifest.digest,
        size: manifest.size,
        artifactType: mediaType,
        annotations,
      },
    ],
  });
}

export interface FakeGitHubApi {
  /** GITHUB_API_URL for the action. */
  readonly url: string;
  readonly requests: string[];
  /** The Authorization header of each request, in order; undefined where none was sent. */
  readonly authorizations: (string | undefined)[];
  add(repository: string, digest: string, bundle: object): void;
  /** The next `count` requests answer `status` (rate limits, outages). */
  failNext(status: number, count: number, headers?: Record<string, string>): void;
  stop(): Promise<void>;
}

/** More endpoints on the same server (github-releases.ts); answers true when it handled the request. */
export type ExtraRoutes = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

/** GitHub's attestations endpoint on loopback: `GET /repos/{owner}/{repo}/attestations/{digest}`, paginated. */
export async function startFakeGitHubApi(pageSize = 100, routes?: ExtraRoutes): Promise<FakeGitHubApi> {
  const attestations = new Map<string, object[]>();
  const requests: string[] = [];
  const authorizations: (string | undefined)[] = [];
  let failures: { status: number; count: number; headers: Record<string, string> } = {
    status: 0,
    count: 0,
    headers: {},
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    authorizations.push(req.headers.authorization);
    if (failures.count > 0) {
      failures.count--;
      res
        .writeHead(failures.status, { 'content-type': 'application/json', ...failures.headers })
        .end('{"message":"try later"}');
      return;
    }
    if (routes?.(req, res, url)) return;
    const match = /^\/repos\/([^/]+)\/([^/]+)\/attestations\/(sha256:[a-f0-9]{64})$/.exec(
      decodeURIComponent(url.pathname),
    );
    const list = match ? attestations.get(`${match[1]}/${match[2]}@${match[3]}`) : undefined;
    if (!list) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      return;
    }
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? pageSize), pageSize);
    const page = Number(url.searchParams.get('page') ?? '1');
    const items = list.slice((page - 1) * perPage, page * perPage);
    const next =
      page * perPage < list.length
        ? { link: `<${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"` }
        : {};
    res.writeHead(200, { 'content-type': 'application/json', ...next });
    res.end(JSON.stringify({ attestations: items.map((bundle) => ({ bundle, repository_id: 209151735 })) }));
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    requests,
    authorizations,
    add(repository, digest, bundle) {
      const key = `${repository}@${digest}`;
      attestations.set(key, [...(attestations.get(key) ?? []), bundle]);
    },
    failNext(status, count, headers = {}) {
      failures = { status, count, headers };
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}
