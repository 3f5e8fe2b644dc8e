import { describe, expect, it } from "vitest";
import { ok, type Result } from "@/lib/errors";
import { createAdmission } from "./admission";

/** Timers the test fires by hand. */
function fakeTimers() {
  const pending: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  return {
    setTimer: (fn: () => void, ms: number) => {
      const t = { fn, ms, cancelled: false };
      pending.push(t);
      return {
        cancel: () => {
          t.cancelled = true;
        },
      };
    },
    fireAll: () => {
      for (const t of pending.filter((p) => !p.cancelled)) {
        t.cancelled = true;
        t.fn();
      }
    },
    live: () => pending.filter((t) => !t.cancelled).length,
  };
}

/** Work that finishes when the test says so. */
function gatedWork() {
  const releases: (() => void)[] = [];
  const started: number[] = [];
  return {
    work: (n: number) => () =>
      new Promise<Result<number, never>>((resolve) => {
        started.push(n);
        releases.push(() => resolve(ok(n)));
      }),
    releaseNext: () => releases.shift()!(),
    started,
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("createAdmission", () => {
  it("runs at most maxConcurrent at once and admits waiters first come, first served", async () => {
    const timers = fakeTimers();
    const gate = createAdmission({ maxConcurrent: 2, maxQueued: 10, maxWaitMs: 1000, setTimer: timers.setTimer });
    const w = gatedWork();
    const results = [1, 2, 3, 4].map((n) => gate.run(w.work(n)));
    await tick();
    expect(w.started).toEqual([1, 2]);
    expect(gate.stats()).toMatchObject({ running: 2, queued: 2 });
    w.releaseNext();
    await tick();
    expect(w.started).toEqual([1, 2, 3]);
    for (let i = 0; i < 3; i++) {
      w.releaseNext();
      await tick();
    }
    expect(w.started).toEqual([1, 2, 3, 4]);
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4].map((n) => ok(n)));
    expect(gate.stats()).toMatchObject({ running: 0, queued: 0, admitted: 4, rejected: 0 });
    expect(timers.live()).toBe(0); // an admitted waiter's timer is cancelled
  });

  it("refuses at once, without running the work, when the queue is full", async () => {
    const gate = createAdmission({ maxConcurrent: 1, maxQueued: 1, maxWaitMs: 1000, setTimer: fakeTimers().setTimer });
    const w = gatedWork();
    void gate.run(w.work(1));
    void gate.run(w.work(2));
    const third = await gate.run(w.work(3));
    expect(third).toMatchObject({ ok: false, code: "OVERLOADED", message: expect.stringMatching(/Nothing was changed; please try again/) });
    await tick();
    expect(w.started).toEqual([1]);
    expect(gate.stats()).toMatchObject({ running: 1, queued: 1, rejected: 1 });
  });

  it("a waiter that waited maxWaitMs is refused and leaves the queue; the place goes to the next", async () => {
    const timers = fakeTimers();
    const gate = createAdmission({ maxConcurrent: 1, maxQueued: 5, maxWaitMs: 50, setTimer: timers.setTimer });
    const w = gatedWork();
    const first = gate.run(w.work(1));
    const waiting = gate.run(w.work(2));
    timers.fireAll();
    expect(await waiting).toMatchObject({ ok: false, code: "OVERLOADED" });
    expect(gate.stats()).toMatchObject({ running: 1, queued: 0 });
    const later = gate.run(w.work(3));
    w.releaseNext();
    await tick();
    w.releaseNext();
    expect(await first).toEqual(ok(1));
    expect(await later).toEqual(ok(3));
    expect(w.started).toEqual([1, 3]);
  });

  it("fails fast: a newcomer whose expected wait exceeds maxWaitMs is refused at once, not after it", async () => {
    const clock = { t: 0 };
    const timers = fakeTimers();
    const gate = createAdmission({ maxConcurrent: 2, maxQueued: 100, maxWaitMs: 250, setTimer: timers.setTimer, now: () => clock.t });
    const w = gatedWork();
    // Learn that work takes 100 ms.
    const learn = gate.run(w.work(0));
    await tick();
    clock.t = 100;
    w.releaseNext();
    await learn;
    expect(gate.stats().averageMs).toBe(100);
    const running = [1, 2].map((n) => gate.run(w.work(n)));
    // Two run; queued ones wait 50 ms each in turn (100 ms, two at a time): five fit in 250 ms, the sixth does not.
    const queued = [3, 4, 5, 6, 7].map((n) => gate.run(w.work(n)));
    expect(await gate.run(w.work(8))).toMatchObject({ ok: false, code: "OVERLOADED" });
    expect(gate.stats()).toMatchObject({ running: 2, queued: 5, rejected: 1 });
    for (let i = 0; i < 7; i++) {
      await tick();
      w.releaseNext();
    }
    expect((await Promise.all([...running, ...queued])).every((r) => r.ok)).toBe(true);
  });

  it("a place is given back when the work throws", async () => {
    const gate = createAdmission({ maxConcurrent: 1, maxQueued: 0, maxWaitMs: 10, setTimer: fakeTimers().setTimer });
    await expect(gate.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run(async () => ok("after"))).toEqual(ok("after"));
    expect(gate.stats()).toMatchObject({ running: 0, admitted: 2 });
  });

  it("refuses nonsense bounds", () => {
    expect(() => createAdmission({ maxConcurrent: 0, maxQueued: 1, maxWaitMs: 1 })).toThrow(/positive/);
  });
});
