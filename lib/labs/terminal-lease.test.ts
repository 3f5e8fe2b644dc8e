import { afterEach, describe, expect, it, vi } from "vitest";
import { type LeaseBackend, TerminalLease } from "@/lib/labs/terminal-lease";

/** Redis's lease semantics in memory: one token per key until it expires (on the fake clock). */
function fakeBackend(now: () => number) {
  const keys = new Map<string, { token: string; until: number }>();
  let down = false;
  const backend: LeaseBackend = {
    async claim(key, token, ttlMs) {
      if (down) throw new Error("connection is closed");
      const v = keys.get(key);
      if (v && v.until > now() && v.token !== token) return false;
      keys.set(key, { token, until: now() + ttlMs });
      return true;
    },
    async release(key, token) {
      if (keys.get(key)?.token === token) keys.delete(key);
    },
  };
  return { backend, keys, setDown: (d: boolean) => (down = d) };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

afterEach(() => vi.useRealTimers());

describe("TerminalLease", () => {
  it("one holder at a time; a stopped holder's lease goes to the next one's next try", async () => {
    vi.useFakeTimers();
    const { backend } = fakeBackend(Date.now);
    const changes: string[] = [];
    const a = new TerminalLease(backend, "k", { ttlMs: 3000 }, (h) => changes.push(`a:${h}`));
    const b = new TerminalLease(backend, "k", { ttlMs: 3000 }, (h) => changes.push(`b:${h}`));
    a.start();
    await flush();
    b.start();
    await flush();
    expect([a.held, b.held]).toEqual([true, false]);
    // a renews every second: b never gets it while a lives.
    await vi.advanceTimersByTimeAsync(10_000);
    expect([a.held, b.held]).toEqual([true, false]);
    await a.stop();
    expect(a.held).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(b.held).toBe(true);
    expect(changes).toEqual(["a:true", "a:false", "b:true"]);
    await b.stop();
  });

  it("a holder that dies without releasing loses the lease when its time to live runs out", async () => {
    vi.useFakeTimers();
    const { backend } = fakeBackend(Date.now);
    let dead = false;
    // a's process is killed: it never speaks to Redis again, and releases nothing.
    const aBackend: LeaseBackend = { claim: (...args) => (dead ? new Promise<boolean>(() => {}) : backend.claim(...args)), release: async () => {} };
    const a = new TerminalLease(aBackend, "k", { ttlMs: 3000 });
    const b = new TerminalLease(backend, "k", { ttlMs: 3000 });
    a.start();
    await flush();
    b.start();
    await flush();
    dead = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(b.held).toBe(false);
    await vi.advanceTimersByTimeAsync(2500);
    expect(b.held).toBe(true);
    await b.stop();
  });

  it("while the backend is down, a holder keeps the lease only until it would have run out", async () => {
    vi.useFakeTimers();
    const { backend, setDown } = fakeBackend(Date.now);
    const log = vi.fn();
    const a = new TerminalLease(backend, "k", { ttlMs: 3000, log });
    a.start();
    await flush();
    expect(a.held).toBe(true);
    setDown(true);
    await vi.advanceTimersByTimeAsync(2000);
    expect(a.held).toBe(true);
    await vi.advanceTimersByTimeAsync(1500);
    expect(a.held).toBe(false);
    expect(log).toHaveBeenCalledWith("lab.terminal.lease_failed", expect.objectContaining({ key: "k" }));
    setDown(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(a.held).toBe(true);
    await a.stop();
  });
});
