import { describe, expect, it } from "vitest";
import { shortCache } from "./short-cache";

describe("shortCache", () => {
  it("reuses an answer within the TTL and loads again after it", async () => {
    let t = 0;
    let loads = 0;
    const cache = shortCache<number>({ ttlMs: 1000, max: 10, now: () => t });
    const load = async () => ++loads;
    expect(await cache.get("a", load)).toBe(1);
    t = 999;
    expect(await cache.get("a", load)).toBe(1);
    t = 1000;
    expect(await cache.get("a", load)).toBe(2);
  });

  it("shares one load between concurrent misses for a key", async () => {
    let loads = 0;
    const cache = shortCache<string>({ ttlMs: 1000, max: 10 });
    const load = () => new Promise<string>((r) => setTimeout(() => r(`v${++loads}`), 5));
    expect(await Promise.all([cache.get("k", load), cache.get("k", load), cache.get("k", load)])).toEqual(["v1", "v1", "v1"]);
    expect(loads).toBe(1);
  });

  it("does not keep a failed load", async () => {
    const cache = shortCache<number>({ ttlMs: 1000, max: 10 });
    await expect(cache.get("k", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.get("k", async () => 7)).toBe(7);
  });

  it("drops the oldest key past max, and everything on clear", async () => {
    const cache = shortCache<string>({ ttlMs: 1000, max: 2 });
    for (const k of ["a", "b", "c"]) await cache.get(k, async () => k);
    expect(cache.size).toBe(2);
    expect(await cache.get("a", async () => "a again")).toBe("a again");
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
