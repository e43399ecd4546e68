import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from './action-runner.ts';
import { cosign, type CosignVersion, type KeyPair } from './cosign.ts';
import type { KeylessExpectation } from './keyless-verify.ts';
import { runProcess, type ProcessResult } from './process.ts';
import type { StackTrust } from './sigstore-stack.ts';
import { tool } from './tools.ts';

// How a user checks a release file against its `<file>.sigstore.json`: cosign verify-blob --bundle (v3
// reads v0.3 bundles by default, v2 with --new-bundle-format and a trusted root), and sigstore-python.

/** `cosign verify-blob --bundle` for a keyless bundle, with the flags its witnesses call for. */
export function verifyBlobKeyless(
  version: CosignVersion,
  file: string,
  expected: KeylessExpectation,
): Promise<ProcessResult> {
  return cosign(version, [
    'verify-blob',
    '--certificate-identity',
    expected.identity,
    '--certificate-oidc-issuer',
    expected.issuer,
    '--bundle',
    `${file}.sigstore.json`,
    '--trusted-root',
    expected.trustedRootPath,
    ...(version === 'cosign2' ? ['--new-bundle-format'] : []),
    ...(expected.withoutSct ? ['--insecure-ignore-sct'] : []),
    ...(expected.timestampOnly ? ['--use-signed-timestamps', '--insecure-ignore-tlog=true'] : []),
    // As for images (keyless-verify.ts): cosign 2.6 wants an integrated time unless told to use the TSA's.
    ...(expected.rekorV2 && version === 'cosign2' ? ['--use-signed-timestamps'] : []),
    file,
  ]);
}

/** `cosign verify-blob --bundle --key`; the bundle has no log entry (tlog-upload: false). */
export function verifyBlobWithKey(
  version: CosignVersion,
  key: KeyPair,
  file: string,
  trustedRootPath: string,
): Promise<ProcessResult> {
  return cosign(version, [
    'verify-blob',
    '--key',
    key.publicKeyPath,
    '--bundle',
    `${file}.sigstore.json`,
    '--insecure-ignore-tlog=true',
    // cosign 2 reads v0.3 bundles only with a trusted root; a key-only check needs none of its services.
    ...(version === 'cosign2' ? ['--new-bundle-format', '--trusted-root', trustedRootPath] : []),
    file,
  ]);
}

/** A trusted root that trusts no service: what cosign 2 needs beside `--key` to read a v0.3 bundle. */
export function writeEmptyTrustedRoot(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rs-root-')), 'trusted_root.json');
  writeFileSync(
    path,
    JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' }),
  );
  return path;
}

interface Authority {
  subject?: { organization?: string; commonName?: string };
}
interface TrustedRoot {
  tlogs?: unknown[];
  ctlogs?: unknown[];
  certificateAuthorities?: Authority[];
  timestampAuthorities?: Authority[];
}
interface SigningConfig {
  rekorTlogConfig?: { selector?: string };
  tsaConfig?: { selector?: string };
}

/**
 * Measured: sigstore-python 4.5.1 refuses what cosign 3.1.3's `trusted-root create` and `signing-config
 * create` write ("subject.commonName: Field required", "tsaConfig.selector: Field required", and
 * "trustedRoot.tlogs: Field required" for a root without logs, which proto3 JSON leaves out). All are
 * descriptive (no key or certificate changes): the organization stands in for the name, an absent list is
 * an empty one, and ANY is cosign's own default selector.
 */
function withSubjectNames(root: TrustedRoot): TrustedRoot {
  const named = (authority: Authority): Authority => ({
    ...authority,
    subject: {
      ...authority.subject,
      commonName: authority.subject?.commonName ?? authority.subject?.organization ?? 'sigstore',
    },
  });
  return {
    ...root,
    tlogs: root.tlogs ?? [],
    ctlogs: root.ctlogs ?? [],
    ...(root.certificateAuthorities
      ? { certificateAuthorities: root.certificateAuthorities.map(named) }
      : {}),
    ...(root.timestampAuthorities ? { timestampAuthorities: root.timestampAuthorities.map(named) } : {}),
  };
}

function withSelectors(config: SigningConfig): SigningConfig {
  return {
    ...config,
    ...(config.rekorTlogConfig ? { rekorTlogConfig: { selector: 'ANY', ...config.rekorTlogConfig } } : {}),
    ...(config.tsaConfig ? { tsaConfig: { selector: 'ANY', ...config.tsaConfig } } : {}),
  };
}

/**
 * sigstore-python's `sigstore verify identity`, trusting the private Sigstore through `--trust-config`: a
 * ClientTrustConfig holding the stack's trusted root and signing config (sigstore-python takes no bare
 * trusted root).
 */
export async function verifyWithSigstorePython(
  file: string,
  trust: StackTrust,
  expected: { readonly identity: string; readonly issuer: string },
): Promise<ProcessResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rs-sigstore-python-'));
  const trustConfig = join(dir, 'trust_config.json');
  writeFileSync(
    trustConfig,
    JSON.stringify({
      mediaType: 'application/vnd.dev.sigstore.clienttrustconfig.v0.1+json',
      trustedRoot: withSubjectNames(JSON.parse(readFileSync(trust.trustedRootPath, 'utf8')) as TrustedRoot),
      signingConfig: withSelectors(
        JSON.parse(readFileSync(trust.signingConfigPath, 'utf8')) as SigningConfig,
      ),
    }),
  );
  return runProcess(
    tool('sigstore-python'),
    [
      '--trust-config',
      trustConfig,
      'verify',
      'identity',
      '--bundle',
      `${file}.sigstore.json`,
      '--cert-identity',
      expected.identity,
      '--cert-oidc-issuer',
      expected.issuer,
      file,
    ],
    // Its own cache and no TUF: everything it trusts is in the trust config.
    {
      env: { PATH: process.env.PATH, HOME: dir, XDG_CACHE_HOME: dir, XDG_DATA_HOME: dir },
      timeoutMs: 120_000,
    },
  );
}

/**
 * Signs a throwaway file through the log the inputs choose, so that the signatures a test judges are not
 * the log's entry 0. Measured: sigstore-python 4.5.1 refuses a bundle whose entry is a log's first
 * ("tlogEntries.0.logIndex: Field required": proto3 JSON, as sigstore-js and cosign write it, leaves a zero
 * logIndex out), which a log in use never hands out.
 */
export async function spendFirstLogEntry(
  inputs: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string>>,
): Promise<void> {
  const workspace = mkdtempSync(join(tmpdir(), 'rs-files-warm-up-'));
  writeFileSync(join(workspace, 'warm-up.txt'), 'entry 0');
  const run = await runAction({
    inputs: { files: 'warm-up.txt', provenance: 'off', ...inputs },
    env: { ...env, GITHUB_WORKSPACE: workspace },
  });
  if (run.exitCode !== 0) throw new Error(`the warm-up signature failed:\n${run.stdout}`);
}
