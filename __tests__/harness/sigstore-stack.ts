import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOidcIssuer, type OidcIssuer } from './oidc.ts';
import { freePort } from './ports.ts';
import { startPrivateNetwork, type PrivateNetwork } from './private-network.ts';
import { runProcess } from './process.ts';
import {
  CT_LOG_ORIGIN,
  startFulcio,
  startRekorV2,
  startTesseract,
  startTimestampAuthority,
  writeKeyPair,
} from './sigstore-servers.ts';
import { startRekorV1 } from './rekor-v1.ts';
import { tool } from './tools.ts';

/**
 * A private Sigstore from Sigstore's own servers: Fulcio (with a TesseraCT log, or none), a timestamp
 * authority, Rekor v2 and optionally Rekor v1, trusting an OIDC issuer of ours. The servers run in a private network
 * namespace; their service ports are relayed to the host's loopback at the same numbers, so the action,
 * cosign and the registry run as everywhere else. Start one per test file: about 3 s, ~400 MiB.
 */
export interface SigstoreStack {
  /** Tokens for Fulcio: mint them with `{ ...claims, issuer: stack.issuerUrl }`. */
  readonly issuerUrl: string;
  /** The second issuer Fulcio trusts, when started with `otherIssuer`. */
  readonly otherIssuerUrl?: string;
  /** Environment for cosign v2's `sign`/`attest --fulcio-url --rekor-url` to check what it gets (Rekor v1). */
  cosignEnv(): Record<string, string>;
  readonly fulcioUrl: string;
  readonly rekorV2Url: string;
  /** The TSA's timestamp endpoint (`…/api/v1/timestamp`), as `tsa-url` and signing configs name it. */
  readonly tsaUrl: string;
  /** Whether Fulcio's certificates carry SCTs from a CT log the trusted roots list. */
  readonly hasCtLog: boolean;
  /** A trusted_root.json and signing_config.json made by `cosign trusted-root/signing-config create`. */
  trust(choice: TrustChoice): Promise<StackTrust>;
  /** Rekor v1 (on Trillian and PostgreSQL), when started with `rekorV1`. */
  readonly rekorV1Url?: string;
  /** Entries in Rekor v2's log so far (its checkpoint's tree size). */
  rekorV2Size(): Promise<number>;
  rekorV1Size(): Promise<number>;
  /** Server logs, for a failing test's message. */
  readonly logDir: string;
  stop(): Promise<void>;
}

export interface TrustChoice {
  /** The log the signing config chooses and the trusted root lists. */
  readonly log: 'rekor-v1' | 'rekor-v2' | 'none';
  readonly tsa: boolean;
}

export interface StackTrust {
  readonly trustedRootPath: string;
  readonly signingConfigPath: string;
}

export interface StackOptions {
  /** Fulcio submits precertificates to a TesseraCT log; without, certificates carry no SCT. */
  readonly ctLog: boolean;
  /** Also Rekor v1 on Trillian and PostgreSQL (about 2 s more to start). */
  readonly rekorV1?: boolean;
  /** A second issuer Fulcio trusts, for certificates that name another issuer. */
  readonly otherIssuer?: boolean;
}

export async function startSigstoreStack(options: StackOptions): Promise<SigstoreStack> {
  const dir = mkdtempSync(join(tmpdir(), 'rs-sigstore-'));
  let network: PrivateNetwork | undefined;
  let issuer: OidcIssuer | undefined;
  let other: OidcIssuer | undefined;
  try {
    network = await startPrivateNetwork(dir);
    issuer = await startOidcIssuer();
    other = options.otherIssuer ? await startOidcIssuer() : undefined;
    const [fulcioPort, ctPort, tsaPort, rekorPort, rekorV1Port] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    // The CT log is relayed only so that its start can be awaited from here; nothing else outside calls it.
    await network.relay(
      [fulcioPort, tsaPort, rekorPort, ctPort, ...(options.rekorV1 ? [rekorV1Port] : [])],
      [issuer.port, ...(other ? [other.port] : [])],
    );
    const ctKey = writeKeyPair(dir, 'ct-log');
    const rekorKey = writeKeyPair(dir, 'rekor-v2');
    const ctLogUrl = options.ctLog ? `http://127.0.0.1:${ctPort}` : '';
    const started = network;
    // Fulcio submits to the CT log only when it signs, so the log can start after it, once its CA is known.
    const [fulcio, tsa, rekor] = await Promise.all([
      startFulcio(started, {
        dir,
        port: fulcioPort,
        issuerUrls: [issuer.url, ...(other ? [other.url] : [])],
        ctLogUrl,
        name: 'fulcio',
      }),
      startTimestampAuthority(started, { dir, port: tsaPort }),
      startRekorV2(started, { dir, port: rekorPort, key: rekorKey }),
    ]);
    const fulcioChainPath = join(dir, 'fulcio-chain.pem');
    const tsaChainPath = join(dir, 'tsa-chain.pem');
    writeFileSync(fulcioChainPath, fulcio.chainPem);
    writeFileSync(tsaChainPath, tsa.chainPem);
    const [rekorV1] = await Promise.all([
      options.rekorV1 ? startRekorV1(started, { dir, port: rekorV1Port }) : undefined,
      options.ctLog
        ? startTesseract(started, { dir, port: ctPort, rootsPemPath: fulcioChainPath, key: ctKey })
        : undefined,
    ]);
    const rekorV1KeyPath = join(dir, 'rekor-v1.pub');
    if (rekorV1) writeFileSync(rekorV1KeyPath, rekorV1.publicKeyPem);
    const chosenLog = (log: TrustChoice['log']) => {
      if (log === 'rekor-v2') return { url: rekor.url, keyPath: rekorKey.publicKeyPath, apiVersion: 2 };
      if (log === 'rekor-v1' && rekorV1) return { url: rekorV1.url, keyPath: rekorV1KeyPath, apiVersion: 1 };
      if (log === 'rekor-v1') throw new Error('this stack was started without Rekor v1');
      return undefined;
    };

    // Services valid from an hour ago, so clock skew between the servers and verifiers never matters.
    const startTime = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const trust = async (choice: TrustChoice): Promise<StackTrust> => {
      const name = `${choice.log}${choice.tsa ? '-tsa' : ''}`;
      const log = chosenLog(choice.log);
      const trustedRootPath = join(dir, `trusted_root.${name}.json`);
      const signingConfigPath = join(dir, `signing_config.${name}.json`);
      await cosign3([
        'trusted-root',
        'create',
        `--fulcio=url=${fulcio.url},certificate-chain=${fulcioChainPath}`,
        ...(options.ctLog
          ? [
              `--ctfe=url=${ctLogUrl},public-key=${ctKey.publicKeyPath},start-time=${startTime},origin=${CT_LOG_ORIGIN}`,
            ]
          : []),
        ...(log ? [`--rekor=url=${log.url},public-key=${log.keyPath},start-time=${startTime}`] : []),
        ...(choice.tsa ? [`--tsa=url=${tsa.url},certificate-chain=${tsaChainPath}`] : []),
        `--out=${trustedRootPath}`,
      ]);
      const service = (url: string, apiVersion: number) =>
        `url=${url},api-version=${apiVersion},start-time=${startTime},operator=release-signer.test`;
      await cosign3([
        'signing-config',
        'create',
        `--fulcio=${service(fulcio.url, 1)}`,
        ...(log ? [`--rekor=${service(log.url, log.apiVersion)}`, '--rekor-config=ANY'] : []),
        ...(choice.tsa ? [`--tsa=${service(tsa.url, 1)}`, '--tsa-config=ANY'] : []),
        `--out=${signingConfigPath}`,
      ]);
      return { trustedRootPath, signingConfigPath };
    };

    const running = { network: started, issuers: [issuer, ...(other ? [other] : [])] };
    return {
      issuerUrl: issuer.url,
      ...(other ? { otherIssuerUrl: other.url } : {}),
      cosignEnv: () => ({
        SIGSTORE_ROOT_FILE: fulcioChainPath,
        ...(rekorV1 ? { SIGSTORE_REKOR_PUBLIC_KEY: rekorV1KeyPath } : {}),
        ...(options.ctLog ? { SIGSTORE_CT_LOG_PUBLIC_KEY_FILE: ctKey.publicKeyPath } : {}),
      }),
      fulcioUrl: fulcio.url,
      rekorV2Url: rekor.url,
      ...(rekorV1 ? { rekorV1Url: rekorV1.url } : {}),
      tsaUrl: tsa.url,
      hasCtLog: options.ctLog,
      trust,
      // POSIX storage: the checkpoint is a file (origin, tree size, root hash, signatures).
      rekorV2Size: async () => Number(readFileSync(join(rekor.storage, 'checkpoint'), 'utf8').split('\n')[1]),
      rekorV1Size: async () => {
        if (!rekorV1) throw new Error('this stack was started without Rekor v1');
        return ((await (await fetch(`${rekorV1.url}/api/v1/log`)).json()) as { treeSize: number }).treeSize;
      },
      logDir: dir,
      async stop() {
        await running.network.stop();
        for (const oidc of running.issuers) await oidc.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await network?.stop();
    await issuer?.stop();
    await other?.stop();
    throw err;
  }
}

async function cosign3(args: readonly string[]): Promise<void> {
  const result = await runProcess(tool('cosign3'), args);
  if (result.code !== 0) throw new Error(`cosign ${args.slice(0, 2).join(' ')} failed: ${result.stderr}`);
}
