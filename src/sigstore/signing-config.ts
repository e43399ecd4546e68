import { readFileSync } from 'node:fs';
import { ServiceSelector, SigningConfig, type Service } from '@sigstore/protobuf-specs';
import { SignerError, describeCause } from '../errors.ts';
import { escapeUntrusted, quoteUntrusted } from '../util/untrusted.ts';

/** Largest signing_config.json we read (public-good's is about 2 KiB). */
const MAX_SIGNING_CONFIG_BYTES = 256 * 1024;
/** The newest API of each service this action speaks: Fulcio v2 API is "major version 1", Rekor v1 and v2. */
const MAX_API_VERSION = { ca: 1, tlog: 2, tsa: 1 } as const;

/** Rekor and the version of its API: v1 (`/api/v1/log/entries`) or v2 (rekor-tiles, `/api/v2/log/entries`). */
export interface TransparencyLog {
  readonly rekorUrl: string;
  readonly majorApiVersion: 1 | 2;
}

/** The services a signing config chooses, as cosign v3's `--signing-config` chooses them. */
export interface ChosenServices {
  readonly fulcioUrl?: string;
  readonly tlog?: TransparencyLog;
  readonly tsaUrl?: string;
}

const INPUT = 'signing-config';

function refuse(path: string, why: string): SignerError {
  return new SignerError(
    'INPUT_INVALID',
    `Input '${INPUT}': ${quoteUntrusted(path)} ${why}. Give the path of a signing_config.json as 'cosign signing-config create' writes it.`,
  );
}

/**
 * The one service to use from a list, by the spec's rule: the highest API version we speak, valid now,
 * the newest start. Undefined when the config lists none (that service is not used).
 */
function choose(services: readonly Service[], maxApiVersion: number, now: Date): Service | undefined {
  const usable = services.filter(
    (service) =>
      service.majorApiVersion >= 1 &&
      service.majorApiVersion <= maxApiVersion &&
      (!service.validFor?.start || service.validFor.start <= now) &&
      (!service.validFor?.end || service.validFor.end >= now),
  );
  const start = (service: Service) => service.validFor?.start?.getTime() ?? 0;
  return usable.sort((a, b) => b.majorApiVersion - a.majorApiVersion || start(b) - start(a))[0];
}

/** This action writes one log entry and one timestamp per signature; ALL or EXACT:n>1 would ask for more. */
function checkSelector(
  path: string,
  what: string,
  selector: ServiceSelector | undefined,
  count: number,
): void {
  if (selector === undefined || selector === ServiceSelector.ANY) return;
  if (selector === ServiceSelector.EXACT && count === 1) return;
  throw refuse(
    path,
    `asks for ${selector === ServiceSelector.ALL ? 'every' : `${count}`} ${what} per signature; release-signer uses one (set its selector to ANY or EXACT:1)`,
  );
}

export function readSigningConfig(path: string, now = new Date()): ChosenServices {
  let text: Buffer;
  try {
    text = readFileSync(path);
  } catch (err) {
    throw refuse(path, `is not a readable signing_config.json (${escapeUntrusted(describeCause(err))})`);
  }
  return parseSigningConfig(text, path, now);
}

/** `where`: the file, or the TUF target, named in refusals. */
export function parseSigningConfig(text: Buffer, where: string, now = new Date()): ChosenServices {
  let config: SigningConfig;
  try {
    if (text.length > MAX_SIGNING_CONFIG_BYTES)
      throw new Error(`larger than ${MAX_SIGNING_CONFIG_BYTES} bytes`);
    config = SigningConfig.fromJSON(JSON.parse(text.toString('utf8')));
  } catch (err) {
    throw refuse(where, `is not a readable signing_config.json (${escapeUntrusted(describeCause(err))})`);
  }
  const ca = choose(config.caUrls, MAX_API_VERSION.ca, now);
  const log = choose(config.rekorTlogUrls, MAX_API_VERSION.tlog, now);
  const tsa = choose(config.tsaUrls, MAX_API_VERSION.tsa, now);
  if (config.rekorTlogUrls.length > 0 && !log)
    throw refuse(where, 'lists no Rekor valid now with API version 1 or 2');
  if (config.tsaUrls.length > 0 && !tsa)
    throw refuse(where, 'lists no timestamp authority valid now with API version 1');
  if (log) checkSelector(where, 'log', config.rekorTlogConfig?.selector, config.rekorTlogConfig?.count ?? 0);
  if (tsa)
    checkSelector(where, 'timestamp authority', config.tsaConfig?.selector, config.tsaConfig?.count ?? 0);
  return {
    ...(ca ? { fulcioUrl: ca.url } : {}),
    ...(log ? { tlog: { rekorUrl: log.url, majorApiVersion: log.majorApiVersion === 2 ? 2 : 1 } } : {}),
    ...(tsa ? { tsaUrl: tsa.url } : {}),
  };
}

/**
 * cosign's legacy `.sig` layer carries a Rekor v1 bundle (a signed entry timestamp), which a Rekor v2
 * entry does not have; cosign v3 refuses --new-bundle-format=false with a signing config.
 */
export function refuseLegacyWithRekorV2(formats: readonly string[], tlog: TransparencyLog | undefined): void {
  if (tlog?.majorApiVersion !== 2 || !formats.includes('legacy')) return;
  throw new SignerError(
    'INPUT_CONFLICT',
    `Inputs '${INPUT}' (a Rekor v2 log) and 'signature-format: ${formats.length > 1 ? 'both' : 'legacy'}' conflict: cosign's legacy .sig format cannot carry a Rekor v2 entry, and cosign v3 signs it only as a bundle. Set 'signature-format: bundle', or choose a Rekor v1 in the signing config.`,
  );
}
