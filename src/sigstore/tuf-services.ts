import { SignerError } from '../errors.ts';
import { hasImages } from '../subjects/subject.ts';
import type { SigningConfig } from './signing.ts';
import { parseSigningConfig, refuseLegacyWithRekorV2, type TransparencyLog } from './signing-config.ts';
import type { TrustConfig } from './trusted-root-source.ts';
import { SIGNING_CONFIG_TARGET, fetchSigningConfigThroughTuf } from './trusted-root-source.ts';

/**
 * `signing-config: tuf`: Fulcio, the log and the TSA from the signing config the TUF repository publishes
 * next to the trusted root (public-good's, or `tuf-mirror-url`'s), as cosign v3 does by default. Fetched
 * before anything is signed; the checks `readConfig` makes on a signing config file apply to it too.
 */
/** What choosing the services from TUF reads and fills in. */
export interface ServicesChoice {
  readonly servicesFromTuf?: { readonly tlogUpload: boolean };
  /** Images or only release files: the images' signature-format matters only for images. */
  readonly subjects: Parameters<typeof hasImages>[0];
  readonly trust: TrustConfig;
  readonly formats: Parameters<typeof refuseLegacyWithRekorV2>[0];
  readonly signing: SigningConfig;
  readonly tlog?: TransparencyLog;
  readonly tsaUrl?: string;
}

export async function withServicesFromTuf<C extends ServicesChoice>(config: C, tempDir: string): Promise<C> {
  if (!config.servicesFromTuf) return config;
  const text = await fetchSigningConfigThroughTuf(config.trust, tempDir);
  const chosen = parseSigningConfig(text, `TUF target ${SIGNING_CONFIG_TARGET}`);
  const tlog = config.servicesFromTuf.tlogUpload ? chosen.tlog : undefined;
  if (hasImages(config.subjects)) refuseLegacyWithRekorV2(config.formats, tlog);
  if (config.signing.mode === 'keyless' && !tlog && !chosen.tsaUrl) {
    throw new SignerError(
      'INPUT_CONFLICT',
      `The signing config from TUF (${SIGNING_CONFIG_TARGET}) names no timestamp authority and no log is used: nothing would prove the keyless signatures were made while their certificates were valid. Keep 'tlog-upload: true', or give a signing config file with a TSA.`,
    );
  }
  // config.tlog and config.tsaUrl are unset here: readConfig leaves them to TUF.
  return {
    ...config,
    signing:
      config.signing.mode === 'keyless' && chosen.fulcioUrl
        ? { ...config.signing, fulcioUrl: chosen.fulcioUrl }
        : config.signing,
    ...(tlog ? { tlog } : {}),
    ...(chosen.tsaUrl ? { tsaUrl: chosen.tsaUrl } : {}),
  };
}
