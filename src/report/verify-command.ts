import type { SignerDescription } from '../sigstore/signing.ts';
import { escapeControls } from '../util/untrusted.ts';

/** What proves when a signature was made: a transparency log entry, a TSA timestamp alone, or nothing. */
export type Transparency = 'tlog' | 'tsa' | 'none';

/** One shell word: identities come from certificates and tokens, so nothing in them may reach the shell. */
function shellQuote(text: string): string {
  return `'${escapeControls(text).replace(/'/g, `'\\''`)}'`;
}

/**
 * The one cosign command a verifier pinned to this signer runs (cosign v3, which finds the bundle by
 * itself); the README's verify table has the others. `cosign.pub` is the `public-key` output, saved.
 */
export function toVerifyCommand(
  signer: SignerDescription,
  transparency: Transparency,
  image: string,
): string | undefined {
  const pin =
    signer.mode === 'key'
      ? '--key cosign.pub'
      : signer.mode === 'keyless'
        ? `--certificate-identity ${shellQuote(signer.certificateIdentity)} --certificate-oidc-issuer ${shellQuote(signer.certificateIssuer)}`
        : undefined;
  if (!pin) return undefined;
  const timing =
    transparency === 'tsa'
      ? ' --use-signed-timestamps --insecure-ignore-tlog=true'
      : transparency === 'none'
        ? ' --insecure-ignore-tlog=true'
        : '';
  return `cosign verify ${pin}${timing} ${image}`;
}
