import { SignerError } from '../errors.ts';
import { readUrl, type InputSource } from '../input-source.ts';
import { readSigningConfig, type TransparencyLog } from './signing-config.ts';

export const DEFAULT_REKOR_URL = 'https://rekor.sigstore.dev';
export const DEFAULT_FULCIO_URL = 'https://fulcio.sigstore.dev';
export const INPUT_SIGNING_CONFIG = 'signing-config';
/** `signing-config: tuf`: the signing config the TUF repository publishes next to the trusted root. */
const SIGNING_CONFIG_FROM_TUF = 'tuf';

/** Where signatures are logged and timestamped: from `signing-config`, else `rekor-url` and `tsa-url`. */
export interface SigningServices {
  readonly signingConfigPath?: string;
  /** Chosen at run time from the TUF repository's signing config (`signing-config: tuf`). */
  readonly fromTuf?: { readonly tlogUpload: boolean };
  readonly fulcioUrl?: string;
  readonly tlog?: TransparencyLog;
  readonly tsaUrl?: string;
}

/**
 * `signing-config` chooses Fulcio, the log (Rekor v1 or v2) and the TSA as cosign v3's --signing-config
 * does; naming a service also by URL would leave two answers, so it is refused. `tlog-upload: false`
 * still means no log entry.
 */
export function readSigningServices(source: InputSource, tlogUpload: boolean): SigningServices {
  const signingConfigPath = source.get(INPUT_SIGNING_CONFIG).trim();
  if (!signingConfigPath) {
    return {
      ...(tlogUpload
        ? { tlog: { rekorUrl: readUrl(source, 'rekor-url', DEFAULT_REKOR_URL), majorApiVersion: 1 } }
        : {}),
      ...(source.get('tsa-url').trim() ? { tsaUrl: readUrl(source, 'tsa-url', '') } : {}),
    };
  }
  const explicit = [
    ['fulcio-url', DEFAULT_FULCIO_URL],
    ['rekor-url', DEFAULT_REKOR_URL],
    ['tsa-url', ''],
  ].filter(([name = '', fallback]) => {
    const value = source.get(name).trim();
    return value !== '' && value !== fallback;
  });
  if (explicit.length > 0) {
    const names = explicit.map(([name]) => `'${name}'`).join(', ');
    throw new SignerError(
      'INPUT_CONFLICT',
      `Inputs '${INPUT_SIGNING_CONFIG}' and ${names} conflict: the signing config already chooses Fulcio, the log and the timestamp authority. Remove ${names}, or '${INPUT_SIGNING_CONFIG}'.`,
    );
  }
  if (signingConfigPath === SIGNING_CONFIG_FROM_TUF) {
    // Services and trust come from one TUF repository, or the signing config could name services
    // the trusted root does not know.
    if (source.get('trusted-root').trim()) {
      throw new SignerError(
        'INPUT_CONFLICT',
        `Inputs '${INPUT_SIGNING_CONFIG}: tuf' and 'trusted-root' conflict: the signing config would come from a TUF repository and the trust from a file. Give both as files ('${INPUT_SIGNING_CONFIG}' a path), or both through TUF (no 'trusted-root'; 'tuf-mirror-url' and 'tuf-root' for a private repository).`,
      );
    }
    return { fromTuf: { tlogUpload } };
  }
  const chosen = readSigningConfig(signingConfigPath);
  return {
    signingConfigPath,
    ...(chosen.fulcioUrl ? { fulcioUrl: chosen.fulcioUrl } : {}),
    ...(tlogUpload && chosen.tlog ? { tlog: chosen.tlog } : {}),
    ...(chosen.tsaUrl ? { tsaUrl: chosen.tsaUrl } : {}),
  };
}
