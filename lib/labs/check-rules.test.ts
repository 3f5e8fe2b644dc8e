import { describe, expect, it } from "vitest";
import { CHECK_OUTPUT_CHARS, checkCommand, checkOutput, timedOut } from "@/lib/labs/check-rules";

describe("check rules", () => {
  it("wraps the command in a watchdog with its timeout, and gives the engine a little longer", () => {
    const { cmd, engineTimeoutMs } = checkCommand("test -f ~/x", 10);
    expect(cmd.slice(0, 2)).toEqual(["sh", "-c"]);
    expect(cmd.slice(3)).toEqual(["sh", "test -f ~/x", "10"]);
    expect(engineTimeoutMs).toBe(15_000);
    expect([timedOut(137), timedOut(-1), timedOut(1)]).toEqual([true, true, false]);
  });

  it("keeps stdout then stderr, cut with a note", () => {
    expect(checkOutput("out", "err\n")).toBe("out\nerr\n");
    const long = checkOutput("x".repeat(10_000), "");
    expect(long.length).toBe(CHECK_OUTPUT_CHARS);
    expect(long).toMatch(/… \(\d+ more characters left out\)$/);
  });
});
