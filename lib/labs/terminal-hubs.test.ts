import { afterEach, describe, expect, it, vi } from "vitest";
import type { TtyExec } from "@/lib/docker/engine";
import { ok } from "@/lib/errors";
import { TerminalHubs } from "@/lib/labs/terminal-hubs";
import { FakeExec, FakeViewer } from "@/lib/testing/terminal-fakes";

afterEach(() => {
  vi.useRealTimers();
});

describe("TerminalHubs", () => {
  it("destroys a lab's hub when the lab stops and drops idle hubs", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const execs: FakeExec[] = [];
    const hubs = new TerminalHubs({
      openShell: async () => {
        const e = new FakeExec();
        execs.push(e);
        return ok(e as TtyExec);
      },
      options: { idleCloseMs: 1000 },
    });
    let emit!: (e: { labId: string; status: string }) => void;
    hubs.watch((l) => {
      emit = l;
      return () => {};
    });
    const v = new FakeViewer("p", true);
    await hubs.hub("lab1").attach(v, { cols: 80, rows: 24 });
    await hubs.hub("lab2").attach(new FakeViewer("q", true), { cols: 80, rows: 24 });
    expect(hubs.size).toBe(2);
    emit({ labId: "lab1", status: "READY" });
    expect(hubs.size).toBe(2);
    emit({ labId: "lab1", status: "STOPPING" });
    expect(v.endedWith).toBe("the lab stopped");
    expect(execs[0]!.stream.destroyed).toBe(true);
    expect(hubs.size).toBe(1);
    hubs.hub("lab2").detach("q");
    vi.advanceTimersByTime(1000);
    expect(hubs.size).toBe(0);
  });

  it("hands over when this process stops: detached, the lease given up, and no viewer told the terminal ended", async () => {
    const execs: FakeExec[] = [];
    const stopped: string[] = [];
    const hubs = new TerminalHubs({
      openShell: async () => {
        const e = new FakeExec();
        execs.push(e);
        return ok(e as TtyExec);
      },
      lease: (labId) => ({ held: true, start() {}, stop: async () => void stopped.push(labId) }),
    });
    const v = new FakeViewer("p", true);
    await hubs.hub("lab1").attach(v, { cols: 80, rows: 24 });
    hubs.handOver();
    expect(hubs.size).toBe(0);
    expect(execs[0]!.stream.destroyed).toBe(true);
    expect(stopped).toEqual(["lab1"]);
    expect(v.endedWith).toBeNull();
  });
});
