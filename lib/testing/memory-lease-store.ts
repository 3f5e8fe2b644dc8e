import type { LeaseStore } from "@/lib/app/leader-lease";

/** The store's contract (what redis-lease-store.ts does with SET NX PX and Lua), on the fake clock. */
export function memoryLeaseStore(now: () => number, opts: { down?: () => boolean } = {}): LeaseStore {
  const keys = new Map<string, { token: string; until: number }>();
  const live = (key: string) => {
    const k = keys.get(key);
    return k && k.until > now() ? k : undefined;
  };
  const check = () => {
    if (opts.down?.()) throw new Error("Redis is not answering");
  };
  return {
    async acquire(key, token, ttlMs) {
      check();
      if (live(key)) return false;
      keys.set(key, { token, until: now() + ttlMs });
      return true;
    },
    async renew(key, token, ttlMs) {
      check();
      const k = live(key);
      if (k?.token !== token) return false;
      k.until = now() + ttlMs;
      return true;
    },
    async release(key, token) {
      check();
      if (live(key)?.token === token) keys.delete(key);
    },
  };
}
