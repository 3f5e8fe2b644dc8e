import { describe, expect, it } from "vitest";
import { memoryLeaseStore } from "@/lib/testing/memory-lease-store";
import { leaseMutex, LeaseMutexTimeout } from "./lease-mutex";

/** A clock that moves only when someone sleeps on it, so waiting is instant and exact. */
function clock() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
      await Promise.resolve();
    },
  };
}

describe("leaseMutex", () => {
  it("keeps two processes' critical sections apart on one store", async () => {
    const c = clock();
    const store = memoryLeaseStore(c.now);
    // Two processes: two mutexes, one key.
    const [a, b] = [0, 1].map(() => leaseMutex({ store, key: "k", ttlMs: 10_000, sleep: c.sleep, now: c.now }));
    let inside = 0;
    let most = 0;
    const order: string[] = [];
    const section = (name: string) => async () => {
      inside++;
      most = Math.max(most, inside);
      order.push(`${name}+`);
      await c.sleep(50);
      await c.sleep(50);
      order.push(`${name}-`);
      inside--;
      return name;
    };
    expect(await Promise.all([a!(section("a")), b!(section("b")), a!(section("c"))])).toEqual(["a", "b", "c"]);
    expect(most).toBe(1);
    for (let i = 0; i < order.length; i += 2) expect(order[i]!.slice(0, 1)).toBe(order[i + 1]!.slice(0, 1));
  });

  it("releases on a throw, and a holder that died is outlived by its key's expiry", async () => {
    const c = clock();
    const store = memoryLeaseStore(c.now);
    const m = leaseMutex({ store, key: "k", ttlMs: 1_000, sleep: c.sleep, now: c.now });
    await expect(m(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await m(async () => "free again")).toBe("free again");
    // A process that took the lease and died: the next one waits out the ttl, no longer.
    await store.acquire("k", "dead", 1_000);
    const t0 = c.now();
    expect(await m(async () => "after expiry")).toBe("after expiry");
    expect(c.now() - t0).toBeGreaterThanOrEqual(1_000);
    expect(c.now() - t0).toBeLessThan(1_100);
  });

  it("gives up after waitMs while someone keeps holding it", async () => {
    const c = clock();
    const store = memoryLeaseStore(c.now);
    const m = leaseMutex({ store, key: "k", ttlMs: 1_000, waitMs: 2_000, sleep: c.sleep, now: c.now });
    // Renewed for ever by a live holder elsewhere.
    await store.acquire("k", "busy", 1_000_000);
    let ran = false;
    await expect(
      m(async () => {
        ran = true;
      }),
    ).rejects.toBeInstanceOf(LeaseMutexTimeout);
    expect(ran).toBe(false);
  });

  it("runs the work unlocked when the store is down, and says so", async () => {
    const c = clock();
    const store = memoryLeaseStore(c.now, { down: () => true });
    const seen: unknown[] = [];
    const m = leaseMutex({ store, key: "k", ttlMs: 1_000, sleep: c.sleep, now: c.now, onUnavailable: (e) => seen.push(e) });
    expect(await m(async () => 42)).toBe(42);
    expect(String(seen[0])).toContain("Redis is not answering");
  });
});
