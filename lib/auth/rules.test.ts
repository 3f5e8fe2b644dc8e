import { describe, expect, it } from "vitest";
import { passwordProblem } from "./rules";

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
