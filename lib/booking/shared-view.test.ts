import { describe, expect, it } from "vitest";
import { SharedView } from "./shared-view";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("SharedView", () => {
  it("computes once for concurrent readers and again after the time to live", async () => {
    let clock = 0;
    let computed = 0;
    const view = new SharedView<number>(1000, () => clock);
    const compute = async () => ++computed;
    expect(await Promise.all([view.get(compute), view.get(compute), view.get(compute)])).toEqual([1, 1, 1]);
    clock = 999;
    expect(await view.get(compute)).toBe(1);
    clock = 1000;
    expect(await view.get(compute)).toBe(2);
  });

  it("recomputes right after invalidate(), and does not keep a computation that an invalidation overtook", async () => {
    const view = new SharedView<string>(60_000, () => 0);
    const slow = deferred<string>();
    const waiting = view.get(() => slow.promise); // started before the change
    view.invalidate(); // the change commits
    const fresh = view.get(async () => "after");
    slow.resolve("before");
    expect(await waiting).toBe("before"); // those already waiting get what they asked for
    expect(await fresh).toBe("after");
    expect(await view.get(async () => "again")).toBe("after"); // the fresh one is shared
  });

  it("shares no failure beyond the readers already waiting", async () => {
    const view = new SharedView<string>(60_000, () => 0);
    const failing = deferred<string>();
    const first = view.get(() => failing.promise);
    const second = view.get(async () => "unused");
    failing.reject(new Error("database down"));
    await expect(first).rejects.toThrow("database down");
    await expect(second).rejects.toThrow("database down");
    expect(await view.get(async () => "recovered")).toBe("recovered");
  });
});
