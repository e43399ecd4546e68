import type { HttpResponse } from './http.ts';
import { escapeUntrusted } from '../util/untrusted.ts';

/** A registry answered with an unexpected status. Stays inside registry/: mapped to SignerError at the edge. */
export class RegistryHttpError extends Error {
  readonly status: number;
  /** Error codes from the distribution-spec error body (`MANIFEST_INVALID`, `UNAUTHORIZED`, …). */
  readonly codes: readonly string[];

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

/**
 * A manifest refused because a blob it names is not (yet) there: concurrent signers uploading the same
 * blob can make distribution 2.8 answer MANIFEST_BLOB_UNKNOWN or DIGEST_INVALID. Worth another round.
 */
export function isBlobRace(err: unknown): boolean {
  const cause = err instanceof Error && err.cause instanceof RegistryHttpError ? err.cause : err;
  return (
    cause instanceof RegistryHttpError &&
    cause.status === 400 &&
    cause.codes.some(
      (code) => code === 'MANIFEST_BLOB_UNKNOWN' || code === 'BLOB_UNKNOWN' || code === 'DIGEST_INVALID',
    )
  );
}
