/**
 * When and how long to retry a registry request. Backoff is exponential with full jitter
 * (0.2 s, 0.4 s, 0.8 s … capped at 8 s, each drawn uniformly below its cap, so concurrent signers spread
 * out); `Retry-After` is honoured. The total time spent waiting is one budget for the whole run.
 */
export class RetryBudget {
  private remainingMs: number;
  readonly requestTimeoutMs: number;
  private readonly onRetry: (message: string) => void;
  private readonly random: () => number;

  constructor(options: {
    budgetMs: number;
    requestTimeoutMs: number;
    onRetry: (message: string) => void;
    random?: () => number;
  }) {
    this.remainingMs = options.budgetMs;
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.onRetry = options.onRetry;
    this.random = options.random ?? Math.random;
  }

  /** Waits before attempt `attempt + 1`, or returns false when the budget cannot pay for it. */
  async wait(attempt: number, what: string, reason: string, retryAfter?: string | null): Promise<boolean> {
    const capMs = Math.min(8_000, 200 * 2 ** (attempt - 1));
    const delayMs = Math.max(parseRetryAfter(retryAfter) ?? 0, Math.round(this.random() * capMs));
    if (attempt >= MAX_ATTEMPTS || delayMs > this.remainingMs) return false;
    this.remainingMs -= delayMs;
    this.onRetry(`${what}: ${reason}; retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s`);
    await new Promise((resolveWait) => setTimeout(resolveWait, delayMs));
    return true;
  }
}

const MAX_ATTEMPTS = 8;

/** 429 and the 5xx that mean "later": not 501 (not implemented), which will not change. */
export function isRetryableStatus(status: number): boolean {
  return (
    status === 429 || status === 408 || status === 500 || status === 502 || status === 503 || status === 504
  );
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds. */
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
