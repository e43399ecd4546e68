import type { BundleBuilder } from '@sigstore/sign';
import { InternalError } from '@sigstore/sign/dist/error.js';
import { SignerError, describeCause } from '../errors.ts';

/** Retries for Fulcio, Rekor and the TSA: 429, 5xx and lost connections, with backoff (0.25 s, 0.5 s, 1 s, 2 s). */
export const SIGSTORE_FETCH = {
  timeout: 30_000,
  retry: { retries: 4, factor: 2, minTimeout: 250, maxTimeout: 4_000, randomize: true },
} as const;

export interface ServiceUrls {
  readonly rekorUrl?: string;
  readonly tsaUrl?: string;
  /** The services came from `signing-config` rather than `rekor-url`/`tsa-url`. */
  readonly fromSigningConfig?: boolean;
}

/**
 * Names the Sigstore service that failed and the input that points at it. sigstore-js errors are
 * wrapped once here, at the edge, keeping the cause (witness errors carry no token).
 */
export function toServiceError(err: unknown, urls: ServiceUrls): SignerError {
  if (err instanceof SignerError) return err;
  const cause =
    err instanceof InternalError && err.cause !== undefined ? describeCause(err.cause) : describeCause(err);
  if (err instanceof InternalError && err.code === 'TLOG_CREATE_ENTRY_ERROR') {
    return new SignerError(
      'WITNESS_FAILED',
      `Rekor at ${urls.rekorUrl ?? '?'} did not log the signature: ${cause}. Check ${urls.fromSigningConfig ? "the log in 'signing-config' (its URL and API version)" : "'rekor-url' (a Rekor v2 is chosen with 'signing-config')"}, or set 'tlog-upload: false' (with 'tsa-url') if this Sigstore has no log.`,
      err,
    );
  }
  if (err instanceof InternalError && err.code === 'TSA_CREATE_TIMESTAMP_ERROR') {
    return new SignerError(
      'WITNESS_FAILED',
      `The timestamp authority at ${urls.tsaUrl ?? '?'} did not timestamp the signature: ${cause}. Check ${urls.fromSigningConfig ? "the timestamp authority in 'signing-config'" : "'tsa-url'"}.`,
      err,
    );
  }
  return new SignerError('SIGN_FAILED', `Signing failed: ${cause}.`, err);
}

/** A bundle builder whose failures name the service and input at fault. */
export function withServiceErrors(builder: BundleBuilder, urls: ServiceUrls): BundleBuilder {
  return {
    create: async (artifact) => {
      try {
        return await builder.create(artifact);
      } catch (err) {
        throw toServiceError(err, urls);
      }
    },
  };
}
