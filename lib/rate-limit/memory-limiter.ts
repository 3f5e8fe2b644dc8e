import type { WindowLimit, WindowLimiter } from "./limiter";

/**
 * Attempts per key in a fixed window, in this process's memory: the fake for unit tests (with a
 * clock of their own). The server's limiters are in Redis (redis-limiter.ts).
 */
export function memoryLimiter(opts: WindowLimit & { now?: () => number }): WindowLimiter {
  const now = opts.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string, t: number) => {
    const w = windows.get(key);
    return w && t - w.start < opts.windowMs ? w : null;
  };
  const waitOf = (key: string) => {
    const t = now();
    const w = current(key, t);
    return w && w.count >= opts.max ? w.start + opts.windowMs - t : 0;
  };
  const record = (key: string) => {
    const t = now();
    const w = current(key, t);
    if (w) w.count += 1;
    else windows.set(key, { start: t, count: 1 });
  };
  return {
    wait: async (key) => waitOf(key),
    record: async (key) => record(key),
    async take(key) {
      const waitMs = waitOf(key);
      if (waitMs > 0) return waitMs;
      record(key);
      return 0;
    },
    reset: async (key) => {
      windows.delete(key);
    },
  };
}
