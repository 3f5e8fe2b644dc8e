import { afterAll, describe, expect, it } from "vitest";
import { closeRedis } from "@/lib/redis";
import { redisLimiter } from "./redis-limiter";

afterAll(() => closeRedis());

describe("redisLimiter on real Redis", () => {
  it("two limiters of one name (two processes) count into one window", async () => {
    const name = `it-${process.pid}-${Date.now()}`;
    const a = redisLimiter(name, { max: 3, windowMs: 60_000 });
    const b = redisLimiter(name, { max: 3, windowMs: 60_000 });
    expect(await a.wait("k")).toBe(0);
    await a.record("k");
    await b.record("k");
    expect(await b.wait("k")).toBe(0);
    await a.record("k");
    const wait = await b.wait("k");
    expect(wait).toBeGreaterThan(55_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    await b.reset("k");
    expect(await a.wait("k")).toBe(0);
  });
  it("take counts every attempt and refuses past the limit, with the time to the window's end", async () => {
    const limiter = redisLimiter(`it-take-${process.pid}-${Date.now()}`, { max: 2, windowMs: 2_000 });
    expect([await limiter.take("k"), await limiter.take("k")]).toEqual([0, 0]);
    const refused = await limiter.take("k");
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(2_000);
    expect(await limiter.take("other")).toBe(0);
  });
});
