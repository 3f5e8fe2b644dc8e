import { afterAll, describe, expect, it } from "vitest";
import { closeRedis, redis, redisKey } from "@/lib/redis";
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
});
