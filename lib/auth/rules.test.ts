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
  it("allows max failures per window, then asks to wait until the window ends", () => {
    let t = 1_000;
    const limiter = createWindowLimiter({ max: 3, windowMs: 60_000, now: () => t });
    for (let i = 0; i < 3; i++) {
      expect(limiter.wait("k")).toBe(0);
      limiter.record("k");
    }
    t += 10_000;
    expect(limiter.wait("k")).toBe(50_000);
    expect(limiter.wait("other")).toBe(0);
    t += 50_000;
    expect(limiter.wait("k")).toBe(0);
  });
  it("counts nothing when only asked", () => {
    const limiter = createWindowLimiter({ max: 1, windowMs: 60_000, now: () => 0 });
    for (let i = 0; i < 5; i++) expect(limiter.wait("k")).toBe(0);
  });
  it("reset clears a key", () => {
    const limiter = createWindowLimiter({ max: 1, windowMs: 60_000, now: () => 0 });
    limiter.record("k");
    expect(limiter.wait("k")).toBeGreaterThan(0);
    limiter.reset("k");
    expect(limiter.wait("k")).toBe(0);
  });
});
