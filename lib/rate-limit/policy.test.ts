import { describe, expect, it } from "vitest";
import { RedisUnavailableError } from "@/lib/redis";
import { inHowLong, limited, waitFor } from "./policy";

const down = async (): Promise<number> => {
  throw new RedisUnavailableError(new Error("connect ECONNREFUSED 127.0.0.1:6379"));
};

describe("waitFor", () => {
  it("passes the limiter's answer through", async () => {
    const warnings: string[] = [];
    const policy = { warn: (e: string) => void warnings.push(e) };
    expect(await waitFor("api", async () => 0, "open", policy)).toBe(0);
    expect(await waitFor("api", async () => 2_500, "closed", policy)).toBe(2_500);
    expect(warnings).toEqual([]);
  });
  it("fails open with a warning when the store is away and the limit only shields capacity", async () => {
    const warnings: Record<string, unknown>[] = [];
    expect(await waitFor("api", down, "open", { warn: (_e, f) => void warnings.push(f) })).toBe(0);
    expect(warnings).toEqual([{ limit: "api", allowed: true, error: expect.stringMatching(/Redis is not answering/) }]);
  });
  it("fails closed (the outage propagates) for limits that stop guessing", async () => {
    await expect(waitFor("signin", down, "closed", { warn: () => {} })).rejects.toBeInstanceOf(RedisUnavailableError);
  });
  it("lets a bug through as a bug, even for a limit that fails open", async () => {
    await expect(waitFor("api", () => Promise.reject(new TypeError("x is undefined")), "open", { warn: () => {} })).rejects.toBeInstanceOf(TypeError);
  });
});

describe("limited", () => {
  it("says when to come back, in words and as Retry-After seconds", () => {
    expect(limited("RATE_LIMITED", "Too many requests", 1_200)).toEqual({
      ok: false,
      code: "RATE_LIMITED",
      message: "Too many requests. Try again in 2 seconds.",
      retryAfterSeconds: 2,
    });
    expect(limited("TOO_MANY_ATTEMPTS", "Too many sign-in attempts", 60_000)).toMatchObject({
      message: "Too many sign-in attempts. Try again in 1 minute.",
      retryAfterSeconds: 60,
    });
    expect(inHowLong(14 * 60_000 + 1)).toBe("in 15 minutes");
    expect(inHowLong(1)).toBe("in 1 second");
  });
});
