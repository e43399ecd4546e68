import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

/** The claims GitHub puts in a workflow's OIDC token, for a tag push of acme/app. */
export interface WorkflowClaims {
  readonly repository: string;
  readonly workflowFile: string;
  readonly ref: string;
  readonly sha: string;
  readonly eventName: string;
  readonly issuer?: string;
  readonly runnerEnvironment?: string;
  /** The `repository` claim when it differs from the workflow's repository (a foreign caller). */
  readonly sourceRepository?: string;
}

export const RELEASE_CLAIMS: WorkflowClaims = {
  repository: 'acme/app',
  workflowFile: 'release.yml',
  ref: 'refs/tags/v1.0.0',
  sha: '4f1c0a6f7e4a1b2c3d4e5f60718293a4b5c6d7e8',
  eventName: 'push',
};

/** The identity Fulcio certifies for a GitHub workflow: its `job_workflow_ref` as a URL. */
export function workflowIdentity(claims: WorkflowClaims): string {
  return `https://github.com/${claims.repository}/.github/workflows/${claims.workflowFile}@${claims.ref}`;
}

const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const KEY_ID = 'release-signer-test';
const b64url = (value: object | Buffer): string =>
  (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

/**
 * A GitHub-shaped OIDC token, ES256-signed with a throwaway key (the Fulcio stand-in reads claims, as
 * @sigstore/mock does, without checking the signature). `sub` carries the workflow identity because the
 * stand-in certifies `sub` as the SAN, as real Fulcio certifies `job_workflow_ref` for GitHub's issuer.
 */
export function mintToken(
  claims: WorkflowClaims = RELEASE_CLAIMS,
  options: { expiresIn?: number; audience?: string } = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const identity = workflowIdentity(claims);
  const payload = {
    iss: claims.issuer ?? GITHUB_ISSUER,
    aud: options.audience ?? 'sigstore',
    sub: identity,
    iat: now,
    nbf: now - 5,
    exp: now + (options.expiresIn ?? 300),
    repository: claims.sourceRepository ?? claims.repository,
    repository_owner: (claims.sourceRepository ?? claims.repository).split('/')[0],
    job_workflow_ref: identity.replace('https://github.com/', ''),
    workflow_ref: identity.replace('https://github.com/', ''),
    ref: claims.ref,
    sha: claims.sha,
    event_name: claims.eventName,
    runner_environment: claims.runnerEnvironment ?? 'github-hosted',
    // The rest of what GitHub sends; real Fulcio refuses a github-workflow token without any of them.
    workflow: 'Release',
    job_workflow_sha: claims.sha,
    workflow_sha: claims.sha,
    repository_id: '100',
    repository_owner_id: '200',
    repository_visibility: 'public',
    run_id: '1',
    run_attempt: '1',
  };
  const header = { alg: 'ES256', typ: 'JWT', kid: KEY_ID };
  const signingInput = `${b64url(header)}.${b64url(payload)}`;
  const signature = sign('sha256', Buffer.from(signingInput), {
    key: signingKey.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${signingInput}.${b64url(signature)}`;
}

/**
 * Answers an OIDC issuer's discovery document and JWKS (the key `mintToken` signs with); false for any
 * other path. Real Fulcio fetches both before it accepts a token.
 */
function serveIssuerMetadata(path: string, issuer: string, base: string, res: ServerResponse): boolean {
  const json = (body: object) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (path === '/.well-known/openid-configuration') {
    json({
      issuer,
      jwks_uri: `${base}/.well-known/jwks`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
    });
    return true;
  }
  if (path === '/.well-known/jwks') {
    const jwk = signingKey.publicKey.export({ format: 'jwk' });
    json({ keys: [{ ...jwk, kid: KEY_ID, use: 'sig', alg: 'ES256' }] });
    return true;
  }
  return false;
}

export interface OidcIssuer {
  /** `http://127.0.0.1:PORT`: the `iss` of tokens minted with `claims.issuer` set to it. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** An OIDC issuer of our own on loopback, as a real Fulcio needs one: discovery and JWKS, nothing else. */
export async function startOidcIssuer(port = 0): Promise<OidcIssuer> {
  let url = '';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (!serveIssuerMetadata(path, url, url, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolveListen) => server.listen(port, '127.0.0.1', resolveListen));
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : 0;
  url = `http://127.0.0.1:${bound}`;
  return {
    url,
    port: bound,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}

export interface RunnerTokenEndpoint {
  /** ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN for the action's environment. */
  readonly env: Record<string, string>;
  readonly requests: string[];
  stop(): Promise<void>;
}

/**
 * The runner's OIDC token endpoint (what `core.getIDToken` calls), plus the issuer's discovery document and
 * JWKS, on loopback. It checks the request token as the runner does.
 */
export async function startRunnerTokenEndpoint(token: () => string): Promise<RunnerTokenEndpoint> {
  const requestToken = 'runner-request-token-for-tests';
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (serveIssuerMetadata(url.pathname, GITHUB_ISSUER, `http://${req.headers.host}`, res)) return;
    if (req.headers.authorization !== `Bearer ${requestToken}`) {
      res.writeHead(401).end('{"message":"bad request token"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ value: token() }));
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: `http://127.0.0.1:${port}/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
    },
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}
