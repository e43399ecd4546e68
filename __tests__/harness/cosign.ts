import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess, type ProcessResult } from './process.ts';
import { tool } from './tools.ts';

export type CosignVersion = 'cosign2' | 'cosign3';
export const COSIGN_VERSIONS: readonly CosignVersion[] = ['cosign2', 'cosign3'];

export interface KeyPair {
  readonly privateKeyPem: string;
  readonly publicKeyPath: string;
  readonly password: string;
}

/** Environment for cosign: no $HOME writes, no TUF fetches from the internet, no prompts. */
export function cosignEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'rs-cosign-home-'));
  return {
    PATH: process.env.PATH,
    HOME: home,
    TUF_ROOT: join(home, 'tuf'),
    DOCKER_CONFIG: join(home, 'docker'),
    COSIGN_EXPERIMENTAL: '0',
    ...extra,
  };
}

/** A key pair in cosign's own encrypted format, made by cosign itself. */
export async function generateKeyPair(
  password: string,
  version: CosignVersion = 'cosign3',
): Promise<KeyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'rs-keys-'));
  const result = await runProcess(
    tool(version),
    ['generate-key-pair', '--output-key-prefix', join(dir, 'cosign')],
    {
      env: cosignEnv({ COSIGN_PASSWORD: password }),
      cwd: dir,
    },
  );
  if (result.code !== 0) throw new Error(`cosign generate-key-pair failed: ${result.stderr}`);
  return {
    privateKeyPem: readFileSync(join(dir, 'cosign.key'), 'utf8'),
    publicKeyPath: join(dir, 'cosign.pub'),
    password,
  };
}

export function cosign(
  version: CosignVersion,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<ProcessResult> {
  return runProcess(tool(version), args, { env: cosignEnv(env), timeoutMs: 120_000 });
}

/** `cosign verify --key`, tlog off, on a plain-HTTP loopback registry, answering JSON. */
function verifyKeyArgs(publicKeyPath: string): string[] {
  return [
    'verify',
    '--key',
    publicKeyPath,
    '--insecure-ignore-tlog=true',
    '--allow-http-registry=true',
    '--output',
    'json',
  ];
}

/** `cosign verify --key` of a legacy signature, tlog off, as a release engineer would run it. */
export function verifyWithKey(
  version: CosignVersion,
  imageRef: string,
  publicKeyPath: string,
  env: Readonly<Record<string, string>> = {},
): Promise<ProcessResult> {
  const args = verifyKeyArgs(publicKeyPath);
  if (version === 'cosign3') args.push('--new-bundle-format=false');
  return cosign(version, [...args, imageRef], env);
}

/** An empty trusted root: cosign v2 insists on one for key-verified bundles, and none of its entries are needed. */
function emptyTrustedRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rs-trust-'));
  const path = join(dir, 'trusted_root.json');
  writeFileSync(
    path,
    JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' }),
  );
  return path;
}

/**
 * `cosign verify --key` of a Sigstore bundle referrer, tlog off. cosign v3 finds bundles by itself;
 * cosign v2.6 does too, but wants a trusted root even when a key is given.
 */
export function verifyBundleWithKey(
  version: CosignVersion,
  imageRef: string,
  publicKeyPath: string,
  env: Readonly<Record<string, string>> = {},
): Promise<ProcessResult> {
  const args = verifyKeyArgs(publicKeyPath);
  if (version === 'cosign2') args.push('--new-bundle-format', '--trusted-root', emptyTrustedRoot());
  return cosign(version, [...args, imageRef], env);
}

/** What cosign says it checked: the payload type tells a bundle (`…/cosign/sign/v1`) from a legacy signature. */
export function verifiedTypes(result: ProcessResult): string[] {
  const claims = JSON.parse(result.stdout) as { critical: { type: string } }[];
  return claims.map((claim) => claim.critical.type);
}
