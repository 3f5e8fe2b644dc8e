import { describe, expect, it } from "vitest";
import { memoryLeaseStore } from "@/lib/testing/memory-lease-store";
import { LeaderLease, type LeaseStore } from "./leader-lease";

/** A clock whose timers run only when the test advances it; a process that "dies" stops hearing them. */
function fakeClock() {
  let now = 0;
  let seq = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    timers(alive: () => boolean = () => true) {
      return {
        setTimeout: ((fn: () => void, ms: number) => {
          const id = ++seq;
          due.set(id, { at: now + ms, run: () => alive() && fn() });
          return id;
        }) as unknown as typeof setTimeout,
        clearTimeout: ((id: number) => void due.delete(id)) as typeof clearTimeout,
      };
    },
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const next = [...due].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        now = next[1].at;
        due.delete(next[0]);
        next[1].run();
        for (let i = 0; i < 20; i++) await Promise.resolve();
      }
      now = end;
    },
  };
}

function lease(name: string, store: LeaseStore, timers: ReturnType<ReturnType<typeof fakeClock>["timers"]>, events: string[]) {
  return new LeaderLease({
    store,
    key: "jobs",
    token: name,
    ttlMs: 3_000,
    onLead: () => void events.push(`${name} leads`),
    onFollow: () => void events.push(`${name} follows`),
    timers,
  });
}

describe("LeaderLease", () => {
  it("lets one of two processes lead, and the other take over at once when it stops", async () => {
    const clock = fakeClock();
    const store = memoryLeaseStore(clock.now);
    const events: string[] = [];
    const a = lease("a", store, clock.timers(), events);
    const b = lease("b", store, clock.timers(), events);
    a.start();
    b.start();
    await clock.advance(10_000);
    expect(events).toEqual(["a leads"]);
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    await a.stop();
    await clock.advance(1_000);
    expect(events).toEqual(["a leads", "a follows", "b leads"]);
    await b.stop();
  });

  it("hands the work to another process within ttl + ttl/3 when the holder dies without a word", async () => {
    const clock = fakeClock();
    const store = memoryLeaseStore(clock.now);
    const events: string[] = [];
    let aAlive = true;
    const a = lease(
      "a",
      store,
      clock.timers(() => aAlive),
      events,
    );
    const b = lease("b", store, clock.timers(), events);
    a.start();
    await clock.advance(0);
    b.start();
    await clock.advance(5_000);
    expect(events).toEqual(["a leads"]);
    aAlive = false;
    const diedAt = clock.now();
    while (!b.isLeader && clock.now() - diedAt < 10_000) await clock.advance(100);
    expect(clock.now() - diedAt).toBeLessThanOrEqual(3_000 + 1_000);
    expect(events).toEqual(["a leads", "b leads"]);
    await b.stop();
  });

  it("gives the work up when it cannot renew (the store is away), and leads again when it is back", async () => {
    const clock = fakeClock();
    let down = false;
    const store = memoryLeaseStore(clock.now, { down: () => down });
    const events: string[] = [];
    const a = lease("a", store, clock.timers(), events);
    a.start();
    await clock.advance(1_000);
    down = true;
    await clock.advance(1_000);
    expect(events).toEqual(["a leads", "a follows"]);
    await clock.advance(5_000);
    expect(a.isLeader).toBe(false);
    down = false;
    await clock.advance(5_000);
    expect(events).toEqual(["a leads", "a follows", "a leads"]);
    await a.stop();
  });

  it("a holder that was paused past its lease finds it taken and stops its work", async () => {
    const clock = fakeClock();
    const store = memoryLeaseStore(clock.now);
    const events: string[] = [];
    let aAwake = true;
    const a = lease(
      "a",
      store,
      clock.timers(() => aAwake),
      events,
    );
    a.start();
    await clock.advance(0);
    aAwake = false;
    await clock.advance(4_000);
    const b = lease("b", store, clock.timers(), events);
    b.start();
    await clock.advance(0);
    expect(b.isLeader).toBe(true);
    aAwake = true;
    // a's renewal timer was swallowed while it slept; its next round (a new tick) finds b's token.
    await a.tick();
    expect(events).toEqual(["a leads", "b leads", "a follows"]);
    await b.stop();
  });
});
