import { describe, expect, it, vi } from "vitest";
import type { TtyExec } from "@/lib/docker/engine";
import { ok } from "@/lib/errors";
import { TerminalHub } from "@/lib/labs/terminal-hub";
import { TerminalHubs } from "@/lib/labs/terminal-hubs";
import type { LabLease, TermSize, TerminalMeter, TerminalTap } from "@/lib/labs/terminal-options";
import { ScrollbackWriter, type ScrollbackStore } from "@/lib/labs/terminal-scrollback";
import { FakeExec, FakeViewer, settle } from "@/lib/testing/terminal-fakes";

/** The shared scroll-back in memory (Redis's place). */
function fakeStore(initial: Record<string, string> = {}) {
  const data = new Map<string, Buffer>(Object.entries(initial).map(([k, v]) => [k, Buffer.from(v)]));
  const store: ScrollbackStore = {
    append: vi.fn(async (labId: string, d: Buffer) => void data.set(labId, Buffer.concat([data.get(labId) ?? Buffer.alloc(0), d]))),
    replace: vi.fn(async (labId: string, d: Buffer) => void data.set(labId, d)),
    read: vi.fn(async (labId: string) => data.get(labId) ?? Buffer.alloc(0)),
    clear: vi.fn(async (labId: string) => void data.delete(labId)),
  };
  return { store, text: (labId: string) => data.get(labId)?.toString() ?? "" };
}

/** A lease the test hands out and takes back. */
class FakeLease implements LabLease {
  held = false;
  started = false;
  stopped = false;
  constructor(private readonly onChange: (held: boolean) => void) {}
  start(): void {
    this.started = true;
  }
  async stop(): Promise<void> {
    this.stopped = true;
    this.set(false);
  }
  set(held: boolean): void {
    this.held = held;
    this.onChange(held);
  }
}

function sharedHub(opts: { store: ScrollbackStore; tap?: TerminalTap; meter?: TerminalMeter }) {
  const execs: FakeExec[] = [];
  const history: boolean[] = [];
  const openShell = vi.fn(async (_labId: string, _size: TermSize, o: { history: boolean }) => {
    history.push(o.history);
    const e = new FakeExec();
    execs.push(e);
    return ok(e as TtyExec);
  });
  let lease: FakeLease | undefined;
  const taps = vi.fn((_labId: string) => opts.tap);
  const hub = new TerminalHub("lab1", {
    openShell,
    scrollback: opts.store,
    lease: (_labId, onChange) => (lease = new FakeLease(onChange)),
    tap: taps,
    ...(opts.meter ? { meter: opts.meter } : {}),
    options: { respawnDelayMs: 1 },
  });
  return { hub, execs, history, taps, lease: () => lease! };
}

describe("TerminalHub across server processes", () => {
  it("counts the bytes it serves for the metrics whether or not it is the lab's writer", async () => {
    const counted = { output: 0, input: 0 };
    const meter: TerminalMeter = { output: (n) => (counted.output += n), input: (n) => (counted.input += n) };
    const { hub, execs, lease } = sharedHub({ store: fakeStore().store, meter });
    await hub.attach(new FakeViewer("p", true), { cols: 80, rows: 24 });
    execs[0]!.output("12345");
    hub.write("p", "ls\r");
    await settle();
    expect(lease().held).toBe(false);
    expect(counted).toEqual({ output: 5, input: 3 });
    lease().set(true);
    execs[0]!.output("678");
    await settle();
    expect(counted).toEqual({ output: 8, input: 3 });
  });

  it("a new hub replays the shared scroll-back and attaches without the TTY's history", async () => {
    const { store } = fakeStore({ lab1: "$ cd /tmp; X=41\r\n$ " });
    const { hub, execs, history } = sharedHub({ store });
    const r = await hub.attach(new FakeViewer("p", true), { cols: 80, rows: 24 });
    expect(r.ok && r.value.replay.toString()).toBe("$ cd /tmp; X=41\r\n$ ");
    expect(history).toEqual([false]);
    // Re-attaching after a broken connection never asks for the history again.
    execs[0]!.exit();
    await new Promise((res) => setTimeout(res, 20));
    expect(history).toEqual([false, false]);
  });

  it("the first hub of a lab nobody watched asks for the TTY's history (its first prompt)", async () => {
    const { store } = fakeStore();
    const { hub, history } = sharedHub({ store });
    await hub.attach(new FakeViewer("p", true), { cols: 80, rows: 24 });
    expect(history).toEqual([true]);
  });

  it("an unreadable shared scroll-back does not keep the terminal from opening", async () => {
    const { store } = fakeStore();
    vi.mocked(store.read).mockRejectedValueOnce(new Error("connection is closed"));
    const { hub, history } = sharedHub({ store });
    expect((await hub.attach(new FakeViewer("p", true), { cols: 80, rows: 24 })).ok).toBe(true);
    expect(history).toEqual([true]);
  });

  it("writes the scroll-back and taps the recorder only while it holds the lab's lease; taking it over fills the scroll-back's gap", async () => {
    const { store, text } = fakeStore();
    const seen: string[] = [];
    const tap: TerminalTap = { output: (d) => seen.push(`o:${d}`), input: (d) => seen.push(`i:${d}`), resize: (s) => seen.push(`r:${s.cols}x${s.rows}`) };
    const { hub, execs, taps, lease } = sharedHub({ store, tap });
    const v = new FakeViewer("p", true);
    await hub.attach(v, { cols: 100, rows: 30 });
    expect(lease().started).toBe(true);
    execs[0]!.output("before ");
    hub.write("p", "ls\r");
    await settle();
    // Another process holds the lease: this one's viewers see everything, it writes nothing.
    expect(v.text).toBe("before ");
    expect(text("lab1")).toBe("");
    expect(taps).not.toHaveBeenCalled();

    lease().set(true); // the holder died before it wrote "before "; this process took over
    expect(text("lab1")).toBe("before ");
    execs[0]!.output("after");
    await settle();
    hub.write("p", "pwd\r");
    await settle();
    expect(text("lab1")).toBe("before after");
    expect(taps).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(["r:100x30", "o:after", "i:pwd\r"]);

    hub.destroy();
    expect(lease().stopped).toBe(true);
  });

  it("the scroll-back writer drops output (and says so) rather than queue past its bound", async () => {
    let finish: () => void = () => {};
    const store: ScrollbackStore = {
      append: vi.fn(() => new Promise<void>((res) => (finish = res))),
      replace: async () => {},
      read: async () => Buffer.alloc(0),
      clear: async () => {},
    };
    const log = vi.fn();
    const w = new ScrollbackWriter(store, "lab1", 10, log);
    w.append(Buffer.from("123456"));
    w.append(Buffer.from("78901")); // 11 > 10 in flight: dropped
    expect(store.append).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith("lab.terminal.scrollback_behind", { labId: "lab1", pending: 6 });
    finish();
    await settle();
    expect(w.pendingBytes).toBe(0);
    w.append(Buffer.from("78901"));
    expect(store.append).toHaveBeenCalledTimes(2);
  });

  it("the hubs clear a lab's shared scroll-back when the lab ends", async () => {
    const { store } = fakeStore({ lab1: "x" });
    const hubs = new TerminalHubs({ openShell: async () => ok(new FakeExec() as TtyExec), scrollback: store });
    let emit: (e: { labId: string; status: string }) => void = () => {};
    hubs.watch((l) => {
      emit = l;
      return () => {};
    });
    emit({ labId: "lab1", status: "READY" });
    expect(store.clear).not.toHaveBeenCalled();
    emit({ labId: "lab1", status: "STOPPED" });
    expect(store.clear).toHaveBeenCalledWith("lab1");
  });
});
