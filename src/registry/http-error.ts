import { SignerError } from '../errors.ts';
import type { HttpResponse } from './http.ts';
import { isRetryableStatus } from './retry.ts';
import { escapeUntrusted } from '../util/untrusted.ts';

/** What the user is told with a refusal, learnt where the request was sent. */
export interface RefusalContext {
  /** Set when no credential was sent: the fix is to give one (or why none was). */
  readonly missingCredentialHint?: string;
  /** The wait the registry asked for last, which the retry budget could not pay. */
  readonly retryAfterMs?: number;
}

/**
 * A registry answered with an unexpected status. Stays inside registry/, where retries and upload rounds
 * decide on it; the RegistryAccess boundary (access-boundary.ts) turns it into a SignerError once.
 */
export class RegistryHttpError extends Error {
  readonly status: number;
  /** Error codes from the distribution-spec error body (`MANIFEST_INVALID`, `UNAUTHORIZED`, …). */
  readonly codes: readonly string[];
  context: RefusalContext = {};

  constructor(operation: string, status: number, codes: readonly string[], detail: string) {
    super(
      `${operation}: HTTP ${status}${codes.length ? ` ${escapeUntrusted(codes.join(', '))}` : ''}${detail ? ` (${escapeUntrusted(detail)})` : ''}`,
    );
    this.name = 'RegistryHttpError';
    this.status = status;
    this.codes = codes;
  }

  /** Worth retrying: the same request may succeed later. */
  get temporary(): boolean {
    return this.status === 429 || this.status >= 500 || this.codes.includes('TOOMANYREQUESTS');
  }

  /**
   * A manifest refused because a blob it names is not (yet) there: concurrent signers uploading the same
   * blob can make distribution 2.8 answer MANIFEST_BLOB_UNKNOWN or DIGEST_INVALID. Worth another round.
   */
  get blobRace(): boolean {
    return (
      this.status === 400 &&
      this.codes.some(
        (code) => code === 'MANIFEST_BLOB_UNKNOWN' || code === 'BLOB_UNKNOWN' || code === 'DIGEST_INVALID',
      )
    );
  }
}

/**
 * The one conversion to what the rest of the action reads: a code that says whose fix it is, and a message
 * naming the registry, the request and the setting or credential to change.
 */
export function toSignerError(
  registry: string,
  err: unknown,
  { manifestPush = false }: { manifestPush?: boolean } = {},
): unknown {
  if (!(err instanceof RegistryHttpError)) return err;
  const { missingCredentialHint, retryAfterMs } = err.context;
  if (err.status === 401 || err.status === 403) {
    const fix =
      missingCredentialHint ??
      "Check 'registry-username' and 'registry-password' (a token needs write:packages to push signatures).";
    return new SignerError(
      'REGISTRY_AUTH',
      `Registry ${registry} refused access: ${err.message}. ${fix}`,
      err,
    );
  }
  if (err.status === 404)
    return new SignerError('MANIFEST_NOT_FOUND', `Registry ${registry}: ${err.message}.`, err);
  if (manifestPush && err.blobRace)
    return new SignerError(
      'PUBLISH_CONFLICT',
      `Registry ${registry} refused a manifest while a blob it names was not there yet (another signer uploading the same blob at the same moment): ${err.message}. Run again; nothing of others was removed.`,
      err,
    );
  if (err.temporary) {
    // Only statuses that were retried can be helped by a larger budget; the user must know which setting.
    const fix = !isRetryableStatus(err.status)
      ? ''
      : retryAfterMs !== undefined && retryAfterMs > 0
        ? ` It asked to wait ${Math.ceil(retryAfterMs / 1000)} s, more than 'retry-budget-seconds' leaves for this run; raise that setting if the registry really needs that long.`
        : ` It was still failing when the retries 'retry-budget-seconds' allows ran out; raise that setting if the registry needs longer.`;
    return new SignerError(
      'REGISTRY_UNAVAILABLE',
      `Registry ${registry} is unavailable: ${err.message}.${fix}`,
      err,
    );
  }
  return new SignerError(
    'REGISTRY_PROTOCOL',
    `Registry ${registry} rejected a request: ${err.message}.`,
    err,
  );
}

interface ErrorBody {
  errors?: { code?: unknown; message?: unknown }[];
}

/** Reads the spec's error body (https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#error-codes). */
export async function toRegistryHttpError(
  operation: string,
  response: Pick<HttpResponse, 'status' | 'text'>,
): Promise<RegistryHttpError> {
  const text = (await response.text().catch(() => '')).slice(0, 2048);
  let codes: string[] = [];
  let detail: string;
  try {
    const body = JSON.parse(text) as ErrorBody;
    codes = (body.errors ?? []).map((e) => String(e.code ?? '')).filter(Boolean);
    detail = (body.errors ?? [])
      .map((e) => String(e.message ?? ''))
      .filter(Boolean)
      .join('; ');
  } catch {
    detail = text.trim().slice(0, 200);
  }
  return new RegistryHttpError(operation, response.status, codes, detail);
}
