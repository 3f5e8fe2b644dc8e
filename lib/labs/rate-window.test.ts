import { describe, expect, it } from "vitest";
import { RateWindow } from "@/lib/labs/rate-window";

describe("RateWindow", () => {
  it("allows max takes within the window, then refuses until the oldest leaves it", () => {
    let now = 0;
    const w = new RateWindow(2, 1_000, () => now);
    expect(w.take()).toBe(true);
    now = 500;
    expect(w.take()).toBe(true);
    expect(w.take()).toBe(false);
    now = 999;
    expect(w.take()).toBe(false);
    now = 1_000; // the take at 0 is a full window old
    expect(w.take()).toBe(true);
    expect(w.take()).toBe(false);
  });
});
