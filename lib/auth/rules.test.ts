import { describe, expect, it } from "vitest";
import { createWindowLimiter, passwordProblem } from "./rules";

describe("passwordProblem", () => {
  it("rejects short, common, e-mail-equal and repetitive passwords", () => {
    expect(passwordProblem("short", "a@b.co")).toMatch(/at least 10/);
    expect(passwordProblem("Password123", "a@b.co")).toMatch(/too common/);
    expect(passwordProblem("ada@example.com", "ada@example.com")).toMatch(/e-mail/);
    expect(passwordProblem("aaaaaaaaaaaa", "a@b.co")).toMatch(/variety/);
  });
  it("accepts a reasonable passphrase", () => {
    expect(passwordProblem("moby mingle at table 4", "a@b.co")).toBeNull();
  });
});

describe("createWindowLimiter", () => {
  it("allows max attempts per window, then asks to wait until the window ends", () => {
    let t = 1_000;
    const limiter = createWindowLimiter({ max: 3, windowMs: 60_000, now: () => t });
    expect([limiter.hit("k"), limiter.hit("k"), limiter.hit("k")]).toEqual([0, 0, 0]);
    t += 10_000;
    expect(limiter.hit("k")).toBe(50_000);
    expect(limiter.hit("other")).toBe(0);
    t += 50_000;
    expect(limiter.hit("k")).toBe(0);
  });
  it("reset clears a key", () => {
    const limiter = createWindowLimiter({ max: 1, windowMs: 60_000, now: () => 0 });
    limiter.hit("k");
    expect(limiter.hit("k")).toBeGreaterThan(0);
    limiter.reset("k");
    expect(limiter.hit("k")).toBe(0);
  });
});
