import { afterEach, describe, expect, it, vi } from "vitest";
import type { TtyExec } from "@/lib/docker/engine";
import { ok } from "@/lib/errors";
import { TerminalHub } from "@/lib/labs/terminal-hub";
import { FakeExec, FakeViewer, settle, setupHub as setup, tick } from "@/lib/testing/terminal-fakes";

afterEach(() => {
  vi.useRealTimers();
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

  it("fails an attach (not the process) when opening the shell throws", async () => {
    const hub = new TerminalHub("lab1", {
      openShell: async () => {
        throw new Error("[engine local] exec.create: connect ENOENT /docker.sock");
      },
    });
    const r = await hub.attach(new FakeViewer("p", true), { cols: 80, rows: 24 });
    expect(r).toMatchObject({ ok: false, code: "TERMINAL_UNAVAILABLE" });
    expect(r.ok ? "" : r.message).not.toMatch(/ENOENT/);
  });

  it("tells its viewers it ended when the shell cannot be restarted because opening throws, and takes no more input", async () => {
    // The respawn waits 200 ms, so the write below lands inside it however slow the machine (with 1 ms, a busy
    // CI machine ran the failed respawn before the write and the hub was already gone).
    const { hub, execs, openShell } = setup({ respawnDelayMs: 200 });
    const v = new FakeViewer("p", true);
    await hub.attach(v, { cols: 80, rows: 24 });
    openShell.mockImplementation(async () => {
      throw new Error("container is not running");
    });
    execs[0]!.exit();
    await settle();
    // Typed while the new shell is being started: refused once that fails, never acked into a dead shell.
    expect(hub.write("p", "ls\r").ok).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(v.endedWith).toMatch(/unavailable/);
    expect(hub.isDestroyed).toBe(true);
    expect(hub.write("p", "ls\r").ok).toBe(false);
  });

  it("attaches again when its attachment breaks while someone watches", async () => {
    const { hub, execs, openShell } = setup();
    const v = new FakeViewer("p", true);
    await hub.attach(v, { cols: 80, rows: 24 });
    execs[0]!.exit();
    await new Promise((r) => setTimeout(r, 20));
    expect(openShell).toHaveBeenCalledTimes(2);
    expect(v.text).toContain("[the terminal's connection broke; attaching again]");
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
