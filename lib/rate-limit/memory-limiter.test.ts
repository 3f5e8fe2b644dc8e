import { describe, expect, it } from "vitest";
import { memoryLimiter } from "./memory-limiter";

describe("memoryLimiter", () => {
  it("allows max failures per window, then asks to wait until the window ends", async () => {
    let t = 1_000;
    const limiter = memoryLimiter({ max: 3, windowMs: 60_000, now: () => t });
    for (let i = 0; i < 3; i++) {
      expect(await limiter.wait("k")).toBe(0);
      await limiter.record("k");
    }
    t += 10_000;
    expect(await limiter.wait("k")).toBe(50_000);
    expect(await limiter.wait("other")).toBe(0);
    t += 50_000;
    expect(await limiter.wait("k")).toBe(0);
  });
  it("counts nothing when only asked", async () => {
    const limiter = memoryLimiter({ max: 1, windowMs: 60_000, now: () => 0 });
    for (let i = 0; i < 5; i++) expect(await limiter.wait("k")).toBe(0);
  });
  it("take counts and refuses the attempt past the limit", async () => {
    const limiter = memoryLimiter({ max: 2, windowMs: 1_000, now: () => 0 });
    expect([await limiter.take("k"), await limiter.take("k"), await limiter.take("k")]).toEqual([0, 0, 1_000]);
  });
  it("reset clears a key", async () => {
    const limiter = memoryLimiter({ max: 1, windowMs: 60_000, now: () => 0 });
    await limiter.record("k");
    expect(await limiter.wait("k")).toBeGreaterThan(0);
    await limiter.reset("k");
    expect(await limiter.wait("k")).toBe(0);
  });
});
