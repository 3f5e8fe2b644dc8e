/**
 * Retrying a transaction that PostgreSQL aborted to keep it serializable. Only these outcomes are
 * safe to retry (the whole transaction was rolled back and nothing was committed):
 *   40001 serialization_failure, 40P01 deadlock_detected.
 * Prisma reports them as P2034; node-postgres puts the SQLSTATE on `code`; driver adapters may
 * nest the original error in `cause`. Everything else (including 23505 unique violations, which
 * are the invariant saying "no") is rethrown at once.
 */
export const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(["40001", "40P01", "P2034"]);

export function isRetryableDbError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const e = current as {
      code?: unknown;
      originalCode?: unknown;
      meta?: { code?: unknown; driverAdapterError?: unknown };
      cause?: unknown;
    };
    for (const code of [e.code, e.originalCode, e.meta?.code]) {
      if (typeof code === "string" && RETRYABLE_SQLSTATES.has(code)) return true;
    }
    // Prisma 7 with a driver adapter: the SQLSTATE sits in meta.driverAdapterError.cause.originalCode.
    current = e.cause ?? e.meta?.driverAdapterError;
  }
  return false;
}

export interface RetryOptions {
  /** Attempts in total, including the first. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  isRetryable?: (error: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
  /** [0, 1); injected so tests are deterministic. */
  random?: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` (one whole transaction) and reruns it after a retryable failure, waiting a "full
 * jitter" backoff — a random delay up to base·2^n, capped — so colliding clients spread out
 * instead of colliding again in lockstep.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 20;
  const cap = options.maxDelayMs ?? 1_000;
  const isRetryable = options.isRetryable ?? isRetryableDbError;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;

  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      const delayMs = Math.floor(random() * Math.min(cap, base * 2 ** (attempt - 1)));
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}
