/** Every failure the action reports has one of these codes; tests assert on them. */
export type ErrorCode =
  | 'INPUT_INVALID'
  | 'INPUT_CONFLICT'
  | 'SUBJECT_INVALID'
  | 'KEY_INVALID'
  | 'KEY_PASSWORD'
  | 'REGISTRY_AUTH'
  | 'REGISTRY_UNAVAILABLE'
  | 'REGISTRY_PROTOCOL'
  | 'MANIFEST_NOT_FOUND'
  | 'PROVENANCE_MISSING'
  | 'PROVENANCE_REJECTED'
  | 'IDENTITY_TOKEN'
  | 'TRUST_UNAVAILABLE'
  | 'SIGN_FAILED'
  | 'WITNESS_FAILED'
  | 'PUBLISH_CONFLICT'
  | 'READBACK_MISMATCH'
  /** Stored as written, but does not verify against the configured trust: a configuration fault. */
  | 'READBACK_UNTRUSTED'
  | 'RELEASE_NOT_FOUND'
  | 'RELEASE_DENIED'
  | 'RELEASE_UNAVAILABLE';

/**
 * The one error type that crosses module boundaries. `message` is for people: what failed, for
 * which input or image, why, and what to do. It never holds a secret.
 */
export class SignerError extends Error {
  readonly code: ErrorCode;
  override readonly cause?: unknown;

  constructor(code: ErrorCode, message: string, cause?: unknown) {
    super(message);
    this.name = 'SignerError';
    this.code = code;
    this.cause = cause;
  }
}

export function isSignerError(err: unknown): err is SignerError {
  return err instanceof SignerError;
}

/** The short text of any thrown value, for a muted "cause" line. */
export function describeCause(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
