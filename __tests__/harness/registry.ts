import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFront } from './front.ts';
import { freePort, waitFor } from './ports.ts';
import { runProcess } from './process.ts';
import { createTokenIssuer } from './token-server.ts';
import { tool } from './tools.ts';

export interface RegistryOptions {
  /** Serve HTTPS with a self-signed certificate for 127.0.0.1 and require basic auth. */
  readonly tlsAuth?: { readonly username: string; readonly password: string };
  /**
   * Require bearer tokens (the flow GHCR and Docker Hub use). The token endpoint sits on the registry's own
   * origin, as GHCR's does: a front of ours on the registry's port answers `/token` and passes the rest on.
   */
  readonly bearer?: { readonly username: string; readonly password: string };
  /** Keep blobs and manifests in memory (distribution's inmemory driver): benchmarks, where disk I/O is noise. */
  readonly inMemory?: boolean;
  /** Serve distribution's Prometheus metrics, so a benchmark can count requests without a proxy in the way. */
  readonly metrics?: boolean;
}

/** Requests the registry served, by route (`manifest`, `blob`, `blob_upload`, `tags`, …) and method. */
export type RequestCounts = ReadonlyMap<string, number>;

/** A real registry (Debian's docker-registry, distribution 2.8: no referrers API) on a free loopback port. */
export interface TestRegistry {
  /** distribution 2.8 (tag fallback, like GHCR) or go-containerregistry's registry with the referrers API. */
  readonly kind: 'distribution' | 'referrers-api';
  /** `127.0.0.1:<port>`, as written in image references. */
  readonly host: string;
  /** `http://…` or `https://…` base URL. */
  readonly url: string;
  /** PEM of the self-signed certificate, for NODE_EXTRA_CA_CERTS / SSL_CERT_FILE (TLS only). */
  readonly caFile?: string;
  /** PEM of that certificate's key, so a front of ours can serve HTTPS that clients of the registry trust. */
  readonly keyFile?: string;
  /** Authorization header value for the harness's own requests (auth only). */
  readonly authorization?: string;
  /** Bearer registries: a token for the harness's own requests, for any repository. */
  readonly bearerFor?: (scope: string) => string;
  readonly workDir: string;
  /** The registry process, for benchmarks that read its CPU time. */
  readonly pid?: number;
  /** The registry's own count of requests served so far, keyed `route method` (distribution: with `metrics`). */
  requestCounts?(): Promise<RequestCounts>;
  stop(): Promise<void>;
}

const REGISTRY_BINARY = '/usr/bin/docker-registry';

async function makeCertificate(dir: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, 'registry.crt');
  const key = join(dir, 'registry.key');
  const result = await runProcess('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  if (result.code !== 0) throw new Error(`openssl failed: ${result.stderr}`);
  return { cert, key };
}

async function makeHtpasswd(dir: string, username: string, password: string): Promise<string> {
  const result = await runProcess('htpasswd', ['-Bbn', username, password]);
  if (result.code !== 0) throw new Error(`htpasswd failed: ${result.stderr}`);
  const path = join(dir, 'htpasswd');
  writeFileSync(path, result.stdout);
  return path;
}

export async function startRegistry(options: RegistryOptions = {}): Promise<TestRegistry> {
  const workDir = mkdtempSync(join(tmpdir(), 'rs-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const lines = [
    'version: 0.1',
    'log: {level: warn, accesslog: {disabled: true}}',
    options.inMemory
      ? 'storage: {inmemory: {}, delete: {enabled: true}}'
      : `storage: {filesystem: {rootdirectory: ${join(workDir, 'data')}}, delete: {enabled: true}}`,
  ];
  const metricsHost = options.metrics ? `127.0.0.1:${await freePort()}` : undefined;
  const debug = metricsHost
    ? `, debug: {addr: ${metricsHost}, prometheus: {enabled: true, path: /metrics}}`
    : '';
  let caFile: string | undefined;
  let keyFile: string | undefined;
  let authorization: string | undefined;
  let bearerFor: ((scope: string) => string) | undefined;
  let stopFront: (() => Promise<void>) | undefined;
  if (options.tlsAuth) {
    const { cert, key } = await makeCertificate(workDir);
    const htpasswd = await makeHtpasswd(workDir, options.tlsAuth.username, options.tlsAuth.password);
    lines.push(`http: {addr: ${host}, tls: {certificate: ${cert}, key: ${key}}${debug}}`);
    lines.push(`auth: {htpasswd: {realm: test-realm, path: ${htpasswd}}}`);
    caFile = cert;
    keyFile = key;
    authorization = `Basic ${Buffer.from(`${options.tlsAuth.username}:${options.tlsAuth.password}`).toString('base64')}`;
  } else if (options.bearer) {
    const signing = await makeCertificate(workDir);
    const tokens = createTokenIssuer(options.bearer, signing);
    bearerFor = tokens.mint;
    const behind = `127.0.0.1:${await freePort()}`;
    const front = await startFront({
      upstream: `http://${behind}`,
      port,
      intercept(req, res) {
        if (new URL(req.url ?? '/', 'http://front').pathname !== '/token') return false;
        tokens.answer(req, res);
        return true;
      },
    });
    stopFront = front.stop;
    lines.push(`http: {addr: ${behind}${debug}}`);
    lines.push(
      `auth: {token: {realm: "http://${host}/token", service: test-registry, issuer: test-token-issuer, rootcertbundle: ${signing.cert}}}`,
    );
  } else {
    lines.push(`http: {addr: ${host}${debug}}`);
  }
  const configPath = join(workDir, 'config.yml');
  writeFileSync(configPath, `${lines.join('\n')}\n`);

  const log = openSync(join(workDir, 'registry.log'), 'a');
  const child: ChildProcess = spawn(REGISTRY_BINARY, ['serve', configPath], { stdio: ['ignore', log, log] });
  const url = `${caFile ? 'https' : 'http'}://${host}`;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error('registry exited');
      const response = await registryFetch({ url, caFile, authorization, bearerFor }, '/v2/');
      return response.status === 200;
    }, `docker-registry on ${host}`);
  } catch (err) {
    child.kill('SIGKILL');
    await stopFront?.();
    throw new Error(`${String(err)}\n${readFileSync(join(workDir, 'registry.log'), 'utf8')}`, { cause: err });
  }
  return {
    kind: 'distribution',
    host,
    url,
    caFile,
    keyFile,
    authorization,
    bearerFor,
    workDir,
    ...(child.pid ? { pid: child.pid } : {}),
    ...(metricsHost ? { requestCounts: () => readRequestCounts(metricsHost) } : {}),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await stopFront?.();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** distribution's `registry_http_request_duration_seconds_count{handler,method}` series, summed per route and method. */
async function readRequestCounts(metricsHost: string): Promise<RequestCounts> {
  const text = await (await fetch(`http://${metricsHost}/metrics`)).text();
  const counts = new Map<string, number>();
  for (const match of text.matchAll(
    /^registry_http_request_duration_seconds_count\{handler="([^"]+)",method="([^"]+)"\} (\d+)$/gm,
  )) {
    const key = `${match[1]} ${match[2]}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(match[3]));
  }
  return counts;
}

/**
 * go-containerregistry's registry with the OCI 1.1 referrers API (scripts/referrers-registry), in memory.
 * `ociSubject`: acknowledge indexed subjects with the OCI-Subject header, as zot and Harbor do (it sends none).
 */
export async function startReferrersRegistry(options: { ociSubject?: boolean } = {}): Promise<TestRegistry> {
  const workDir = mkdtempSync(join(tmpdir(), 'rs-referrers-registry-'));
  const host = `127.0.0.1:${await freePort()}`;
  const log = openSync(join(workDir, 'registry.log'), 'a');
  const child = spawn(
    tool('referrers-registry'),
    ['--address', host, ...(options.ociSubject ? ['--oci-subject'] : [])],
    { stdio: ['ignore', log, log] },
  );
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const url = `http://${host}`;
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error('registry exited');
      return (await fetch(new URL('/v2/', url))).status === 200;
    }, `referrers-registry on ${host}`);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${String(err)}\n${readFileSync(join(workDir, 'registry.log'), 'utf8')}`, { cause: err });
  }
  return {
    kind: 'referrers-api',
    host,
    url,
    workDir,
    ...(child.pid ? { pid: child.pid } : {}),
    async requestCounts() {
      const counts = (await (await fetch(new URL('/_counts', url))).json()) as Record<string, number>;
      return new Map(Object.entries(counts));
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** fetch against a test registry, trusting its self-signed certificate. */
export async function registryFetch(
  registry: Pick<TestRegistry, 'url' | 'caFile' | 'authorization' | 'bearerFor'>,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (registry.authorization && !headers.has('authorization'))
    headers.set('authorization', registry.authorization);
  if (registry.bearerFor && !headers.has('authorization')) {
    const repository = /^\/v2\/(.+?)\/(?:manifests|blobs|tags|referrers)\//.exec(
      new URL(path, registry.url).pathname,
    )?.[1];
    headers.set(
      'authorization',
      `Bearer ${registry.bearerFor(repository ? `repository:${repository}:pull,push` : 'registry:catalog:*')}`,
    );
  }
  if (!registry.caFile) return fetch(new URL(path, registry.url), { ...init, headers });
  return httpsFetch(new URL(path, registry.url), { ...init, headers }, readFileSync(registry.caFile));
}

async function httpsFetch(url: URL, init: RequestInit & { headers: Headers }, ca: Buffer): Promise<Response> {
  const https = await import('node:https');
  const body =
    init.body === undefined || init.body === null ? undefined : Buffer.from(init.body as Uint8Array | string);
  return new Promise((resolveResponse, reject) => {
    const request = https.request(
      url,
      { method: init.method ?? 'GET', headers: Object.fromEntries(init.headers.entries()), ca },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') headers.set(name, value);
            else if (Array.isArray(value)) headers.set(name, value.join(', '));
          }
          const status = res.statusCode ?? 500;
          const hasBody = ![204, 304].includes(status) && init.method !== 'HEAD';
          resolveResponse(new Response(hasBody ? Buffer.concat(chunks) : null, { status, headers }));
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
