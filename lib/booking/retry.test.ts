import { describe, expect, it } from "vitest";
import { isRetryableDbError, withRetry } from "./retry";

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

function fakeClock() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe("isRetryableDbError", () => {
  it("recognises serialization failures and deadlocks however they are wrapped", () => {
    expect(isRetryableDbError(pgError("40001"))).toBe(true);
    expect(isRetryableDbError(pgError("40P01"))).toBe(true);
    expect(isRetryableDbError({ code: "P2034" })).toBe(true);
    expect(isRetryableDbError(new Error("wrapped", { cause: { originalCode: "40001" } }))).toBe(true);
    expect(isRetryableDbError(pgError("23505"))).toBe(false);
    expect(isRetryableDbError("40001")).toBe(false);
    expect(isRetryableDbError(null)).toBe(false);
  });
});

describe("withRetry", () => {
  it("reruns after serialization failures with growing, jittered waits", async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await withRetry(
      async (attempt) => {
        calls++;
        if (attempt < 4) throw pgError(attempt % 2 ? "40001" : "40P01");
        return "done";
      },
      { sleep: clock.sleep, random: () => 0.5, baseDelayMs: 10, maxDelayMs: 1000 },
    );
    expect(result).toBe("done");
    expect(calls).toBe(4);
    expect(clock.waits).toEqual([5, 10, 20]);
  });

  it("caps the wait and gives up after the last attempt with the original error", async () => {
    const clock = fakeClock();
    const err = pgError("40001");
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw err;
        },
        { attempts: 6, sleep: clock.sleep, random: () => 0.999, baseDelayMs: 100, maxDelayMs: 300 },
      ),
    ).rejects.toBe(err);
    expect(calls).toBe(6);
    expect(clock.waits).toEqual([99, 199, 299, 299, 299]);
  });

  it("never retries other errors", async () => {
    const clock = fakeClock();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw pgError("23505");
        },
        { sleep: clock.sleep },
      ),
    ).rejects.toMatchObject({ code: "23505" });
    expect(calls).toBe(1);
    expect(clock.waits).toEqual([]);
  });

  it("reports each retry", async () => {
    const seen: number[] = [];
    let first = true;
    await withRetry(
      async () => {
        if (first) {
          first = false;
          throw pgError("40001");
        }
      },
      { sleep: async () => {}, random: () => 0, onRetry: ({ attempt }) => seen.push(attempt) },
    );
    expect(seen).toEqual([1]);
  });
});
