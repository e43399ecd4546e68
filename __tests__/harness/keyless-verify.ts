import { cosign, type CosignVersion } from './cosign.ts';
import type { ProcessResult } from './process.ts';

export type SignatureFormat = 'bundle' | 'legacy';

/** How the signatures were witnessed, which decides the cosign flags a verifier needs. */
export interface KeylessExpectation {
  readonly trustedRootPath: string;
  readonly identity: string;
  readonly issuer: string;
  /** Fulcio had no CT log: certificates carry no SCT. */
  readonly withoutSct?: boolean;
  /** No log entry, a signed timestamp instead (tlog-upload: false with a TSA). */
  readonly timestampOnly?: boolean;
  /** Rekor v2 entries carry no integrated time: the signing time is the TSA's. */
  readonly rekorV2?: boolean;
}

/**
 * The cosign invocations a verifier of each format runs: v3 reads bundles by default and the `.sig` tag
 * with `--new-bundle-format=false`; v2 reads the `.sig` tag by default and bundles with
 * `--new-bundle-format`; both take the private Sigstore's trust as `--trusted-root`.
 */
export function formatFlags(version: CosignVersion, format: SignatureFormat): string[] {
  if (version === 'cosign3') return format === 'bundle' ? [] : ['--new-bundle-format=false'];
  return format === 'bundle' ? ['--new-bundle-format'] : [];
}

export function verifyKeyless(
  version: CosignVersion,
  format: SignatureFormat,
  ref: string,
  expected: KeylessExpectation,
): Promise<ProcessResult> {
  return cosign(version, [
    'verify',
    '--certificate-identity',
    expected.identity,
    '--certificate-oidc-issuer',
    expected.issuer,
    '--trusted-root',
    expected.trustedRootPath,
    '--allow-http-registry=true',
    '--output',
    'json',
    ...formatFlags(version, format),
    ...(expected.withoutSct ? ['--insecure-ignore-sct'] : []),
    // Measured (cosign 2.6, 3.1): without a log entry, only --insecure-ignore-tlog=true lets the signed
    // timestamp stand in for it.
    ...(expected.timestampOnly ? ['--use-signed-timestamps', '--insecure-ignore-tlog=true'] : []),
    // Measured: cosign 2.6 otherwise wants an integrated time from the log ("0 < 1"); cosign 3.1 needs no flag.
    ...(expected.rekorV2 && version === 'cosign2' ? ['--use-signed-timestamps'] : []),
    ref,
  ]);
}
