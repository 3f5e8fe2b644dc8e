import { Duplex } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TtyExec } from "@/lib/docker/engine";
import { fail, ok } from "@/lib/errors";
import { ReplayBuffer, TerminalHub, TerminalHubs, type TermSize, type TerminalHubOptions, type TerminalViewer } from "@/lib/labs/terminal-hub";

class FakeExec implements TtyExec {
  readonly written: Buffer[] = [];
  readonly resizes: TermSize[] = [];
  /** When set, writes report back-pressure until drained by hand. */
  slowWrites = false;
  private pendingCb: (() => void)[] = [];
  readonly stream: Duplex;

  constructor() {
    this.stream = new Duplex({
      read() {},
      write: (chunk: Buffer, _enc, cb) => {
        this.written.push(chunk);
        if (this.slowWrites) this.pendingCb.push(cb);
        else cb();
      },
      highWaterMark: 16,
    });
  }

  output(text: string | Buffer): void {
    this.stream.push(typeof text === "string" ? Buffer.from(text) : text);
  }

  drainWrites(): void {
    for (const cb of this.pendingCb.splice(0)) cb();
  }

  exit(): void {
    this.stream.push(null);
    this.stream.destroy();
  }

  async resize(size: TermSize): Promise<void> {
    this.resizes.push(size);
  }

  async exitCode(): Promise<number> {
    return 0;
  }

  get input(): string {
    return Buffer.concat(this.written).toString();
  }
}

class FakeViewer implements TerminalViewer {
  readonly chunks: Buffer[] = [];
  resets = 0;
  endedWith: string | null = null;
  constructor(
    readonly id: string,
    readonly canType: boolean,
  ) {}
  output(data: Buffer, opts?: { reset?: boolean }): void {
    if (opts?.reset) {
      this.resets++;
      this.chunks.length = 0;
    }
    this.chunks.push(data);
  }
  ended(reason: string): void {
    this.endedWith = reason;
  }
  get text(): string {
    return Buffer.concat(this.chunks).toString();
  }
  get bytes(): number {
    return this.chunks.reduce((n, c) => n + c.length, 0);
  }
}

const tick = () => new Promise((r) => setImmediate(r));
const settle = async () => {
  for (let i = 0; i < 5; i++) await tick();
};

function setup(options: Partial<TerminalHubOptions> = {}) {
  const execs: FakeExec[] = [];
  const opened: TermSize[] = [];
  let refuse: string | null = null;
  const openShell = vi.fn(async (_labId: string, size: TermSize) => {
    if (refuse) return fail("LAB_NOT_READY", refuse);
    opened.push(size);
    const e = new FakeExec();
    execs.push(e);
    return ok(e as TtyExec);
  });
  const hub = new TerminalHub("lab1", { openShell, options: { respawnDelayMs: 1, ...options } });
  return { hub, execs, opened, openShell, refuse: (why: string | null) => (refuse = why) };
}

afterEach(() => {
  vi.useRealTimers();
});

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

describe("TerminalHub", () => {
  it("opens one exec lazily with the first viewer's size and fans output out to every viewer", async () => {
    const { hub, execs, opened, openShell } = setup();
    const a = new FakeViewer("a", true);
    const b = new FakeViewer("b", false);
    expect(openShell).not.toHaveBeenCalled();
    const ra = await hub.attach(a, { cols: 100, rows: 30 });
    expect(ra.ok).toBe(true);
    const rb = await hub.attach(b, { cols: 50, rows: 10 });
    expect(rb.ok).toBe(true);
    expect(openShell).toHaveBeenCalledTimes(1);
    expect(opened).toEqual([{ cols: 100, rows: 30 }]);
    execs[0]!.output("$ ");
    await settle();
    expect(a.text).toBe("$ ");
    expect(b.text).toBe("$ ");
  });

  it("replays the scroll-back to late joiners without overlap", async () => {
    const { hub, execs } = setup({ replayBytes: 8 });
    await hub.attach(new FakeViewer("a", true), { cols: 80, rows: 24 });
    execs[0]!.output("0123456789");
    await settle();
    const late = new FakeViewer("late", true);
    const r = await hub.attach(late, { cols: 80, rows: 24 });
    expect(r.ok && r.value.replay.toString()).toBe("23456789");
    execs[0]!.output("X");
    await settle();
    expect(late.text).toBe("X");
  });

  it("takes input only from viewers who may type, and writes a large paste in 4 KiB pieces", async () => {
    const { hub, execs } = setup();
    await hub.attach(new FakeViewer("p", true), { cols: 80, rows: 24 });
    await hub.attach(new FakeViewer("o", false), { cols: 80, rows: 24 });
    expect(hub.write("o", "rm -rf /\r")).toMatchObject({ ok: false, code: "READ_ONLY" });
    expect(hub.write("nobody", "x")).toMatchObject({ ok: false, code: "NOT_ATTACHED" });
    const paste = "y".repeat(10_000);
    expect(hub.write("p", paste).ok).toBe(true);
    await settle();
    expect(execs[0]!.input).toBe(paste);
    expect(execs[0]!.written.map((c) => c.length)).toEqual([4096, 4096, 1808]);
  });

  it("waits for the TTY to drain between input pieces and keeps their order", async () => {
    const { hub, execs } = setup();
    await hub.attach(new FakeViewer("p", true), { cols: 80, rows: 24 });
    const exec = execs[0]!;
    exec.slowWrites = true;
    hub.write("p", "a".repeat(5000));
    hub.write("p", "b");
    await settle();
    expect(exec.written.length).toBe(1);
    for (let i = 0; i < 5; i++) {
      exec.drainWrites();
      await settle();
    }
    expect(exec.input).toBe(`${"a".repeat(5000)}b`);
  });

  it("refuses input beyond the queued-input limit", async () => {
    const { hub, execs } = setup({ maxQueuedInputBytes: 100 });
    await hub.attach(new FakeViewer("p", true), { cols: 80, rows: 24 });
    execs[0]!.slowWrites = true;
    // The first piece goes to the TTY right away; the next ones queue while it does not drain.
    expect(hub.write("p", "x".repeat(60)).ok).toBe(true);
    expect(hub.write("p", "x".repeat(60)).ok).toBe(true);
    expect(hub.write("p", "x".repeat(60))).toMatchObject({ ok: false, code: "INPUT_OVERFLOW" });
  });

  it("resizes with the last size, retries on the first output and ignores read-only viewers' sizes", async () => {
    const { hub, execs } = setup();
    await hub.attach(new FakeViewer("p", true), { cols: 80, rows: 24 });
    await hub.attach(new FakeViewer("o", false), { cols: 20, rows: 5 });
    const exec = execs[0]!;
    hub.resize("p", { cols: 120, rows: 40 });
    hub.resize("o", { cols: 10, rows: 3 });
    exec.output("$ ");
    await settle();
    expect(exec.resizes.at(-1)).toEqual({ cols: 120, rows: 40 });
    expect(exec.resizes).not.toContainEqual({ cols: 10, rows: 3 });
    expect(exec.resizes).not.toContainEqual({ cols: 20, rows: 5 });
  });

  it("applies a resize sent while the exec is still opening", async () => {
    let release!: () => void;
    const exec = new FakeExec();
    const hub = new TerminalHub("lab1", {
      openShell: () => new Promise((resolve) => (release = () => resolve(ok(exec as TtyExec)))),
    });
    const p = new FakeViewer("p", true);
    const attaching = hub.attach(p, { cols: 80, rows: 24 });
    await tick();
    // A second attach from the same typist with a new size while the first is pending: last wins.
    const again = hub.attach(p, { cols: 132, rows: 43 });
    release();
    await Promise.all([attaching, again]);
    expect(exec.resizes.at(-1)).toEqual({ cols: 132, rows: 43 });
  });

  it("pauses the stream above the high watermark and resumes below the low one", async () => {
    const { hub, execs } = setup({ highWaterBytes: 1000, lowWaterBytes: 200, maxBatchBytes: 100 });
    const fast = new FakeViewer("fast", true);
    const slow = new FakeViewer("slow", false);
    await hub.attach(fast, { cols: 80, rows: 24 });
    await hub.attach(slow, { cols: 80, rows: 24 });
    const exec = execs[0]!;
    for (let i = 0; i < 50; i++) exec.output("x".repeat(100));
    await settle();
    expect(hub.isPaused).toBe(true);
    expect(slow.bytes).toBeGreaterThan(1000);
    expect(slow.bytes).toBeLessThan(1300);
    hub.ack("fast", fast.bytes);
    await settle();
    expect(hub.isPaused).toBe(true);
    hub.ack("slow", slow.bytes - 100);
    expect(hub.isPaused).toBe(false);
    await settle();
    expect(slow.bytes).toBeGreaterThan(1000);
    // Everything eventually arrives when both keep acking.
    for (let i = 0; i < 20 && fast.bytes < 5000; i++) {
      hub.ack("fast", hub.viewerState("fast")!.unacked);
      hub.ack("slow", hub.viewerState("slow")!.unacked);
      await settle();
    }
    expect(fast.bytes).toBe(5000);
    expect(slow.bytes).toBe(5000);
  });

  it("drops a stuck viewer to lagging so the others go on, then re-syncs it to the live tail", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { hub, execs } = setup({ highWaterBytes: 1000, lowWaterBytes: 200, maxBatchBytes: 100, lagAfterMs: 3000, replayBytes: 500 });
    const good = new FakeViewer("good", true);
    const stuck = new FakeViewer("stuck", false);
    await hub.attach(good, { cols: 80, rows: 24 });
    await hub.attach(stuck, { cols: 80, rows: 24 });
    const exec = execs[0]!;
    for (let i = 0; i < 30; i++) exec.output("y".repeat(100));
    await settle();
    hub.ack("good", good.bytes);
    expect(hub.isPaused).toBe(true);
    vi.advanceTimersByTime(3000);
    expect(hub.viewerState("stuck")!.lagging).toBe(true);
    expect(hub.isPaused).toBe(false);
    const stuckBefore = stuck.bytes;
    await settle();
    hub.ack("good", hub.viewerState("good")!.unacked);
    await settle();
    expect(good.bytes).toBe(3000);
    expect(stuck.bytes).toBe(stuckBefore);
    // The stuck client finally renders what it had: it gets a reset and the replay tail.
    hub.ack("stuck", stuckBefore);
    expect(stuck.resets).toBe(1);
    expect(stuck.bytes).toBe(500);
    expect(hub.viewerState("stuck")).toEqual({ unacked: 500, lagging: false });
  });

  it("re-opens the shell when it exits while someone watches", async () => {
    const { hub, execs, openShell } = setup();
    const v = new FakeViewer("p", true);
    await hub.attach(v, { cols: 80, rows: 24 });
    execs[0]!.exit();
    await new Promise((r) => setTimeout(r, 20));
    expect(openShell).toHaveBeenCalledTimes(2);
    expect(v.text).toContain("[shell exited; starting a new one]");
    hub.write("p", "ls\r");
    await settle();
    expect(execs[1]!.input).toBe("ls\r");
  });

  it("ends viewers when the shell cannot be restarted (lab gone)", async () => {
    const { hub, execs, refuse } = setup();
    const v = new FakeViewer("p", true);
    await hub.attach(v, { cols: 80, rows: 24 });
    refuse("The lab is stopped.");
    execs[0]!.exit();
    await new Promise((r) => setTimeout(r, 20));
    expect(v.endedWith).toBe("The lab is stopped.");
    expect(hub.isDestroyed).toBe(true);
  });

  it("fails an attach when the lab is not ready", async () => {
    const { hub, refuse } = setup();
    refuse("The lab is booting.");
    expect(await hub.attach(new FakeViewer("p", true), { cols: 80, rows: 24 })).toMatchObject({ ok: false, code: "LAB_NOT_READY" });
  });

  it("closes the exec some time after the last viewer leaves, not before", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { hub, execs } = setup({ idleCloseMs: 10_000 });
    await hub.attach(new FakeViewer("p", true), { cols: 80, rows: 24 });
    hub.detach("p");
    vi.advanceTimersByTime(5_000);
    await hub.attach(new FakeViewer("q", true), { cols: 80, rows: 24 });
    vi.advanceTimersByTime(20_000);
    expect(hub.hasExec).toBe(true);
    hub.detach("q");
    vi.advanceTimersByTime(10_000);
    expect(hub.hasExec).toBe(false);
    expect(hub.isDestroyed).toBe(true);
    expect(execs[0]!.stream.destroyed).toBe(true);
  });
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
});
