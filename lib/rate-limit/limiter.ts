/**
 * Attempts per key in a fixed window. The server's limiters keep their counts in Redis
 * (redis-limiter.ts), so the limit is the limit across every process, not N times it; unit tests
 * pass the in-memory one (memory-limiter.ts). Methods throw when the store is away: what a limit
 * then does (refuse or let through) is the policy's call (policy.ts), not the limiter's.
 */
export interface WindowLimiter {
  /** How long to wait in ms before the key may try again; 0 when allowed. Counts nothing. */
  wait(key: string): Promise<number>;
  /** Records one attempt (for limits that count only failures: sign-in). */
  record(key: string): Promise<void>;
  /** Records one attempt and answers how long to wait when it was one too many; 0 when allowed. */
  take(key: string): Promise<number>;
  reset(key: string): Promise<void>;
}

export interface WindowLimit {
  /** Attempts allowed per window. */
  max: number;
  windowMs: number;
}
