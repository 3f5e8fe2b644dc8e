import { afterAll, describe, expect, it } from "vitest";
import { redisLeaseBackend, redisScrollbackStore } from "@/lib/labs/redis-terminal-store";
import { TerminalLease } from "@/lib/labs/terminal-lease";
import { closeRedis, redis, redisKey } from "@/lib/redis";
import { until } from "@/lib/testing/until";

// The shared terminal's state on the real Redis: the scroll-back keeps the last bytes, exactly,
// in order, binary-safe; the lease has one holder and moves on when it runs out.
afterAll(async () => {
  await closeRedis();
});

describe("terminal state in Redis", () => {
  it("keeps the last maxBytes of the scroll-back in order, binary-safe; replaces and clears it", async () => {
    const store = redisScrollbackStore(redis(), { key: (id) => redisKey("it-terminal", id, "scrollback"), maxBytes: 1000, ttlMs: 60_000 });
    const lab = `l${Date.now()}`;
    expect((await store.read(lab)).length).toBe(0);
    const all: Buffer[] = [];
    // Appends not awaited one by one, as the hub sends them: order holds on one connection.
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 300; i++) {
      const chunk = Buffer.from(`${i};\x1b[1m\xff\x00`, "latin1");
      all.push(chunk);
      writes.push(store.append(lab, chunk));
    }
    await Promise.all(writes);
    const expected = Buffer.concat(all);
    const kept = await store.read(lab);
    expect(kept.length).toBe(1000);
    expect(kept.equals(expected.subarray(expected.length - 1000))).toBe(true);
    // The key itself never holds more than twice the bound, and expires on its own.
    expect(await redis().strlen(redisKey("it-terminal", lab, "scrollback"))).toBeLessThanOrEqual(2000);
    expect(await redis().pttl(redisKey("it-terminal", lab, "scrollback"))).toBeGreaterThan(50_000);
    // A new writer's replace sets the whole of it.
    await store.replace(lab, Buffer.from("fresh"));
    expect((await store.read(lab)).toString()).toBe("fresh");
    await store.append(lab, Buffer.from("+1"));
    expect((await store.read(lab)).toString()).toBe("fresh+1");
    await store.clear(lab);
    expect((await store.read(lab)).length).toBe(0);
  });

  it("gives a lab's lease to one process at a time, and to the next when the holder stops renewing", async () => {
    const key = redisKey("it-terminal", `l${Date.now()}`, "writer");
    const backend = redisLeaseBackend(redis());
    const a = new TerminalLease(backend, key, { ttlMs: 600 });
    const b = new TerminalLease(backend, key, { ttlMs: 600 });
    a.start();
    await until("a holds", async () => a.held || undefined, 2_000);
    b.start();
    await new Promise((r) => setTimeout(r, 1000));
    expect([a.held, b.held]).toEqual([true, false]);
    await a.stop();
    await until("b takes over", async () => b.held || undefined, 2_000);
    expect(await redis().get(key)).not.toBeNull();
    await b.stop();
    expect(await redis().get(key)).toBeNull();
  });
});
