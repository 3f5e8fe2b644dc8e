import { afterAll, describe, expect, it } from "vitest";
import { closeRedis, redis, redisKey } from "@/lib/redis";
import { leaseMutex } from "./lease-mutex";
import { redisLeaseStore } from "./redis-lease-store";

afterAll(() => closeRedis());

describe("the lease in real Redis", () => {
  it("one holder at a time; only the token's holder renews or releases", async () => {
    const store = redisLeaseStore(redis);
    const key = redisKey("lease-it", String(process.pid));
    expect(await store.acquire(key, "a", 1_000)).toBe(true);
    expect(await store.acquire(key, "b", 1_000)).toBe(false);
    expect(await store.renew(key, "b", 1_000)).toBe(false);
    await store.release(key, "b");
    expect(await redis().get(key)).toBe("a");
    expect(await store.renew(key, "a", 5_000)).toBe(true);
    expect(await redis().pttl(key)).toBeGreaterThan(1_000);
    await store.release(key, "a");
    expect(await store.acquire(key, "b", 200)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(await store.renew(key, "b", 200)).toBe(false);
    expect(await store.acquire(key, "c", 200)).toBe(true);
  });

  it("as a mutex: sections from two processes' mutexes on one key never overlap", async () => {
    const key = redisKey("mutex-it", String(process.pid));
    // Two clients, as two processes would have.
    const [a, b] = [0, 1].map(() => leaseMutex({ store: redisLeaseStore(redis), key, ttlMs: 2_000, retryMs: 5 }));
    let inside = 0;
    let most = 0;
    const section = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((r) => setTimeout(r, 10));
      inside--;
    };
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a! : b!)(section)));
    expect(most).toBe(1);
    expect(await redis().exists(key)).toBe(0);
  });
});
