import { describe, expect, it } from "vitest";
import { ReplayBuffer } from "@/lib/labs/replay-buffer";

describe("ReplayBuffer", () => {
  it("keeps the last bytes up to its capacity", () => {
    const r = new ReplayBuffer(10);
    r.append(Buffer.from("hello "));
    r.append(Buffer.from("world!"));
    expect(r.snapshot().toString()).toBe("llo world!");
    r.append(Buffer.from("0123456789abc"));
    expect(r.snapshot().toString()).toBe("3456789abc");
    expect(r.length).toBe(10);
  });
});
