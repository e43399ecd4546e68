import { generateKeyPairSync } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrivateNetwork } from './private-network.ts';
import { sigstoreServer } from './tools.ts';

/**
 * Sigstore's own servers, one function each, started inside a private network (see private-network.ts)
 * with their state under `dir`. Flags and quirks measured in ../shared/docs/REAL-WORLD.md.
 */

/** Ports only used inside the namespace: metrics and gRPC, which nothing outside calls. */
const INSIDE_ONLY = { fulcioGrpc: 5554, fulcioMetrics: 5555, rekorGrpc: 5556, rekorMetrics: 5557 };
/** TesseraCT's checkpoint origin: it must not contain `:`, so it cannot be the URL's host:port. */
export const CT_LOG_ORIGIN = 'ct.release-signer.test';
const STARTUP_MS = 30_000;

export interface KeyFiles {
  readonly privateKeyPath: string;
  readonly publicKeyPath: string;
}

/** A fresh P-256 key as PEM files: SEC 1 for the server (TesseraCT reads no other), SPKI for the trusted root. */
export function writeKeyPair(dir: string, name: string): KeyFiles {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateKeyPath = join(dir, `${name}.key`);
  const publicKeyPath = join(dir, `${name}.pub`);
  writeFileSync(privateKeyPath, privateKey.export({ format: 'pem', type: 'sec1' }), { mode: 0o600 });
  writeFileSync(publicKeyPath, publicKey.export({ format: 'pem', type: 'spki' }));
  return { privateKeyPath, publicKeyPath };
}

/**
 * Up once it answers HTTP at all (any status): the servers have no common health path. A server that
 * exits fails at once, with the end of its log.
 */
export async function waitForHttp(
  url: string,
  server: ChildProcess,
  what: string,
  logDir: string,
): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      const log = readFileSync(join(logDir, `${what}.log`), 'utf8')
        .trim()
        .split('\n')
        .slice(-5)
        .join('\n');
      throw new Error(`${what} exited (${server.exitCode ?? server.signalCode}):\n${log}`);
    }
    const answered = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
      () => true,
      () => false,
    );
    if (answered) return;
    await new Promise((resolveLater) => setTimeout(resolveLater, 50));
  }
  throw new Error(`${what} did not answer ${url} within ${STARTUP_MS} ms (log: ${logDir}/${what}.log)`);
}

/** Fulcio with an ephemeral CA, trusting OIDC issuers of type github-workflow; no CT log if `ctLogUrl` is empty. */
export async function startFulcio(
  network: PrivateNetwork,
  options: { dir: string; port: number; issuerUrls: readonly string[]; ctLogUrl: string; name: string },
): Promise<{ url: string; chainPem: string }> {
  const configPath = join(options.dir, `${options.name}.json`);
  writeFileSync(
    configPath,
    JSON.stringify({
      OIDCIssuers: Object.fromEntries(
        options.issuerUrls.map((url) => [
          url,
          { IssuerURL: url, ClientID: 'sigstore', Type: 'github-workflow' },
        ]),
      ),
    }),
  );
  const server = network.start(options.name, sigstoreServer('fulcio'), [
    'serve',
    '--host=127.0.0.1',
    `--port=${options.port}`,
    '--grpc-host=127.0.0.1',
    // The same port for HTTP and gRPC panics on duplicate gRPC metrics.
    `--grpc-port=${INSIDE_ONLY.fulcioGrpc + (options.ctLogUrl ? 0 : 10)}`,
    `--metrics-port=${INSIDE_ONLY.fulcioMetrics + (options.ctLogUrl ? 0 : 10)}`,
    '--ca=ephemeralca',
    `--config-path=${configPath}`,
    `--ct-log-url=${options.ctLogUrl}`,
  ]);
  const url = `http://127.0.0.1:${options.port}`;
  await waitForHttp(`${url}/api/v2/trustBundle`, server, options.name, options.dir);
  const bundle = (await (await fetch(`${url}/api/v2/trustBundle`)).json()) as {
    chains: { certificates: string[] }[];
  };
  const chainPem = (bundle.chains[0]?.certificates ?? []).join('');
  if (!chainPem) throw new Error(`${options.name} published no CA chain`);
  return { url, chainPem };
}

/** TesseraCT (POSIX storage) accepting chains to `rootsPemPath`; Fulcio submits its precertificates here. */
export async function startTesseract(
  network: PrivateNetwork,
  options: { dir: string; port: number; rootsPemPath: string; key: KeyFiles },
): Promise<string> {
  const storage = join(options.dir, 'ct-storage');
  mkdirSync(storage, { recursive: true });
  const server = network.start('tesseract', sigstoreServer('tesseract'), [
    `--http_endpoint=127.0.0.1:${options.port}`,
    `--origin=${CT_LOG_ORIGIN}`,
    `--storage_dir=${storage}`,
    `--private_key=${options.key.privateKeyPath}`,
    `--roots_pem_file=${options.rootsPemPath}`,
  ]);
  const url = `http://127.0.0.1:${options.port}`;
  await waitForHttp(`${url}/ct/v1/get-roots`, server, 'tesseract', options.dir);
  return url;
}

/** timestamp-authority with an in-memory signer; it binds metrics on `:2112` whatever it is told. */
export async function startTimestampAuthority(
  network: PrivateNetwork,
  options: { dir: string; port: number },
): Promise<{ url: string; chainPem: string }> {
  const server = network.start('timestamp-authority', sigstoreServer('timestamp-server'), [
    'serve',
    '--host=127.0.0.1',
    `--port=${options.port}`,
    '--timestamp-signer=memory',
    // Else it asks public NTP servers, which a private namespace cannot reach.
    '--disable-ntp-monitoring',
  ]);
  const base = `http://127.0.0.1:${options.port}`;
  await waitForHttp(`${base}/api/v1/timestamp/certchain`, server, 'timestamp-authority', options.dir);
  const chainPem = await (await fetch(`${base}/api/v1/timestamp/certchain`)).text();
  return { url: `${base}/api/v1/timestamp`, chainPem };
}

/**
 * Rekor v2 (rekor-tiles, POSIX storage). Its checkpoints are signed under `--hostname`, which verifiers
 * compare with the host name (without port) of the log's URL in the trusted root (measured: with the port,
 * cosign says "note has no verifiable signatures").
 */
export async function startRekorV2(
  network: PrivateNetwork,
  options: { dir: string; port: number; key: KeyFiles },
): Promise<{ url: string; origin: string; storage: string }> {
  const storage = join(options.dir, 'rekor-v2-storage');
  mkdirSync(storage, { recursive: true });
  const origin = '127.0.0.1';
  const server = network.start('rekor-v2', sigstoreServer('rekor-tiles'), [
    'serve',
    `--storage-dir=${storage}`,
    `--signer-filepath=${options.key.privateKeyPath}`,
    `--hostname=${origin}`,
    '--http-address=127.0.0.1',
    `--http-port=${options.port}`,
    `--http-metrics-port=${INSIDE_ONLY.rekorMetrics}`,
    '--grpc-address=127.0.0.1',
    `--grpc-port=${INSIDE_ONLY.rekorGrpc}`,
    // An entry is answered once a checkpoint covers it: every 10 s by default, which would dominate tests.
    '--checkpoint-interval=500ms',
    '--batch-max-age=50ms',
  ]);
  const url = `http://127.0.0.1:${options.port}`;
  await waitForHttp(`${url}/healthz`, server, 'rekor-v2', options.dir);
  return { url, origin, storage };
}
