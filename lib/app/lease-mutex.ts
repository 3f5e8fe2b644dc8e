import { randomUUID } from "node:crypto";
import type { LeaseStore } from "./leader-lease";

/**
 * Mutual exclusion across processes on the same lease store (Redis in production): a short lease
 * taken before `work` and released after it. For short critical sections that read and then write
 * shared state in another store (lab admission: count the live labs in PostgreSQL, then record one).
 *
 * - A holder that dies leaves a key that expires after `ttlMs`, so `ttlMs` must be longer than any
 *   `work`; a waiter gives up after `waitMs` (LeaseMutexTimeout), which is at least one `ttlMs`.
 * - When the store cannot be reached, `work` runs anyway (after `onUnavailable`): only the callers of
 *   this one process are then kept apart (by the caller's own queue). Availability over strictness,
 *   as for the rate limits: a Redis blip must not stop every lab launch.
 */
export interface LeaseMutexOptions {
  store: LeaseStore;
  key: string;
  ttlMs: number;
  waitMs?: number;
  /** Poll interval while another process holds the lease. */
  retryMs?: number;
  onUnavailable?: (error: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class LeaseMutexTimeout extends Error {
  constructor(key: string, waitedMs: number) {
    super(`waited ${waitedMs} ms for ${key}`);
    this.name = "LeaseMutexTimeout";
  }
}

export type LeaseMutex = <T>(work: () => Promise<T>) => Promise<T>;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function leaseMutex(opts: LeaseMutexOptions): LeaseMutex {
  const { store, key, ttlMs } = opts;
  const waitMs = Math.max(opts.waitMs ?? 2 * ttlMs, ttlMs);
  const retryMs = opts.retryMs ?? 15;
  const sleep = opts.sleep ?? realSleep;
  const now = opts.now ?? Date.now;

  /** True once held, false when the store is down (run unlocked); throws after waitMs. */
  async function take(token: string): Promise<boolean> {
    const start = now();
    for (;;) {
      try {
        if (await store.acquire(key, token, ttlMs)) return true;
      } catch (error) {
        opts.onUnavailable?.(error);
        return false;
      }
      const waited = now() - start;
      if (waited >= waitMs) throw new LeaseMutexTimeout(key, waited);
      // A little jitter, so waiters do not poll in lockstep.
      await sleep(retryMs + Math.floor(Math.random() * retryMs));
    }
  }

  return async (work) => {
    const token = randomUUID();
    const held = await take(token);
    try {
      return await work();
    } finally {
      if (held) await store.release(key, token).catch(() => undefined);
    }
  };
}
