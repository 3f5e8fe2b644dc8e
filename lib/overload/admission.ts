import { fail, type Failure, type Result } from "@/lib/errors";

/**
 * Admission control for work that holds a scarce resource (database connections, a transaction):
 * at most `maxConcurrent` run at once, at most `maxQueued` wait, and none waits longer than
 * `maxWaitMs`. Past the bound a caller is refused with OVERLOADED (503 with Retry-After at the
 * edge) instead of piling onto the pool until the transactions time out into 500s. Waiters are
 * served first come, first served. To fail fast rather than after `maxWaitMs`, a newcomer whose
 * wait, judged by how long recent work took, would exceed `maxWaitMs` is refused at once.
 */

export const OVERLOAD_ERRORS = { OVERLOADED: 503 } as const;
/** How long a refused client should wait before trying again (the Retry-After header). */
export const OVERLOAD_RETRY_AFTER_SECONDS = { OVERLOADED: 2 } as const;

export interface AdmissionOptions {
  maxConcurrent: number;
  maxQueued: number;
  maxWaitMs: number;
  /** Injected so tests run without real time. */
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
  now?: () => number;
}

export interface AdmissionStats {
  running: number;
  queued: number;
  admitted: number;
  rejected: number;
  /** Recent work's duration (moving average), the basis of the expected wait; null before any finished. */
  averageMs: number | null;
}

export interface Admission {
  /** Runs `work` once admitted; refused (queue full, or waited too long) → OVERLOADED without running it. */
  run<T, C extends string>(work: () => Promise<Result<T, C>>): Promise<Result<T, C | "OVERLOADED">>;
  stats(): AdmissionStats;
}

interface Waiter {
  admit: () => void;
  timer: { cancel(): void };
}

const realTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return { cancel: () => clearTimeout(t) };
};

export function overloaded(): Failure<"OVERLOADED"> {
  return fail("OVERLOADED", "Mingle is very busy right now and could not take this in time. Nothing was changed; please try again in a moment.");
}

export function createAdmission(options: AdmissionOptions): Admission {
  if (options.maxConcurrent < 1 || options.maxQueued < 0 || options.maxWaitMs < 0) throw new Error("admission bounds must be positive");
  const setTimer = options.setTimer ?? realTimer;
  const now = options.now ?? (() => performance.now());
  const queue: Waiter[] = [];
  let running = 0;
  let admitted = 0;
  let rejected = 0;
  let averageMs: number | null = null;

  /** Newcomer's wait if admitted to the queue now: everyone ahead, `maxConcurrent` at a time. */
  const expectedWaitMs = () => (averageMs === null ? 0 : (averageMs * (queue.length + 1)) / options.maxConcurrent);

  /** Resolves true once a place is free, false when refused. */
  function enter(): Promise<boolean> {
    if (running < options.maxConcurrent && queue.length === 0) {
      running++;
      return Promise.resolve(true);
    }
    if (queue.length >= options.maxQueued || expectedWaitMs() > options.maxWaitMs) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        admit: () => {
          waiter.timer.cancel();
          resolve(true);
        },
        timer: setTimer(() => {
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          resolve(false);
        }, options.maxWaitMs),
      };
      queue.push(waiter);
    });
  }

  function leave(): void {
    const next = queue.shift();
    // The place passes straight to the next waiter, so `running` never dips and a newcomer cannot cut in.
    if (next) next.admit();
    else running--;
  }

  return {
    async run(work) {
      if (!(await enter())) {
        rejected++;
        return overloaded();
      }
      admitted++;
      const started = now();
      try {
        return await work();
      } finally {
        const took = now() - started;
        averageMs = averageMs === null ? took : averageMs * 0.8 + took * 0.2;
        leave();
      }
    },
    stats: () => ({ running, queued: queue.length, admitted, rejected, averageMs }),
  };
}
