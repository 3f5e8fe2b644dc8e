import { afterEach, describe, expect, it, vi } from "vitest";
import { coalesce } from "./coalesce";

describe("coalesce", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs the first call at once and a burst inside the window once at its end", () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const call = coalesce(run, 1000);
    call();
    expect(run).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) call();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(2);
    // The trailing call opened a new window; a quiet one ends without running.
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(2);
    call();
    expect(run).toHaveBeenCalledTimes(3);
  });

  it("keeps a steady stream to one call per window", () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const call = coalesce(run, 500);
    for (let ms = 0; ms < 5000; ms += 20) {
      call();
      vi.advanceTimersByTime(20);
    }
    vi.advanceTimersByTime(1000);
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(10);
    expect(run.mock.calls.length).toBeLessThanOrEqual(12);
  });
});
