import { afterEach, describe, expect, it, vi } from "vitest";
import { SKIPPED_MARKER } from "@/lib/labs/terminal-options";
import { FakeViewer, settle, setupHub as setup, StuckViewer } from "@/lib/testing/terminal-fakes";

const MARKER_BYTES = Buffer.byteLength(SKIPPED_MARKER);

afterEach(() => {
  vi.useRealTimers();
});

describe("TerminalHub flow control", () => {
  it("pauses the stream above the high watermark and resumes below the low one", async () => {
    const { hub, execs } = setup({ highWaterBytes: 1000, lowWaterBytes: 200, maxBatchBytes: 100 });
    const fast = new FakeViewer("fast", true);
    // Only viewers who can type pace the lab (a read-only one never pauses it: see below).
    const slow = new FakeViewer("slow", true);
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
    const stuck = new FakeViewer("stuck", true);
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
    // The stuck client finally renders what it had: it gets a reset, the marker and the replay tail.
    hub.ack("stuck", stuckBefore);
    expect(stuck.resets).toBe(1);
    expect(stuck.text.startsWith(SKIPPED_MARKER)).toBe(true);
    expect(stuck.bytes).toBe(500 + MARKER_BYTES);
    expect(hub.viewerState("stuck")).toEqual({ unacked: 500 + MARKER_BYTES, lagging: false });
  });

  it("never lets a read-only viewer pause the lab; one that falls behind skips to the live tail", async () => {
    const { hub, execs } = setup({ highWaterBytes: 1000, lowWaterBytes: 200, maxBehindBytes: 2000, maxBatchBytes: 100, replayBytes: 300 });
    const typist = new FakeViewer("typist", true);
    const watcher = new FakeViewer("watcher", false);
    await hub.attach(typist, { cols: 80, rows: 24 });
    await hub.attach(watcher, { cols: 80, rows: 24 });
    const exec = execs[0]!;
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 5; i++) exec.output("w".repeat(100));
      await settle();
      hub.ack("typist", hub.viewerState("typist")!.unacked);
      expect(hub.isPaused).toBe(false);
    }
    expect(typist.bytes).toBe(5000);
    // The watcher never acked: it got what fits in its bound, then nothing more.
    expect(watcher.bytes).toBe(2000);
    expect(hub.viewerState("watcher")!.lagging).toBe(true);
    hub.ack("watcher", 2000);
    expect(watcher.resets).toBe(1);
    expect(watcher.text).toBe(SKIPPED_MARKER + "w".repeat(300));
  });

  it("bounds what a viewer that lies about acks and never reads makes the server hold", async () => {
    const { hub, execs } = setup({ highWaterBytes: 1000, lowWaterBytes: 200, maxBehindBytes: 4000, maxBatchBytes: 100, lagAfterMs: 50, recheckMs: 10 });
    const liar = new StuckViewer("liar", false);
    const typist = new FakeViewer("typist", true);
    await hub.attach(liar, { cols: 80, rows: 24 });
    await hub.attach(typist, { cols: 80, rows: 24 });
    const exec = execs[0]!;
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 5; i++) exec.output("z".repeat(100));
      await settle();
      hub.ack("liar", 64 * 1024 * 1024);
      hub.ack("typist", hub.viewerState("typist")!.unacked);
    }
    expect(typist.bytes).toBe(10_000);
    expect(liar.queued).toBeLessThanOrEqual(4000);
    expect(hub.queuedBytes()).toBe(liar.queued);
    expect(hub.viewerState("liar")).toEqual({ unacked: 0, lagging: true });
    // Once its transport drains, it skips to the live tail without any ack.
    liar.queued = 0;
    await new Promise((r) => setTimeout(r, 30));
    expect(liar.resets).toBe(1);
    expect(liar.text.startsWith(SKIPPED_MARKER)).toBe(true);
  });

  it("drops a typist whose transport stays full to lagging, so the other typist goes on", async () => {
    const { hub, execs } = setup({ highWaterBytes: 1000, lowWaterBytes: 200, maxBatchBytes: 100, lagAfterMs: 50, recheckMs: 10 });
    const liar = new StuckViewer("liar", true);
    const typist = new FakeViewer("typist", true);
    await hub.attach(liar, { cols: 80, rows: 24 });
    await hub.attach(typist, { cols: 80, rows: 24 });
    const exec = execs[0]!;
    for (let i = 0; i < 30; i++) exec.output("q".repeat(100));
    await settle();
    hub.ack("liar", 64 * 1024 * 1024);
    hub.ack("typist", typist.bytes);
    expect(hub.isPaused).toBe(true);
    await new Promise((r) => setTimeout(r, 80));
    expect(hub.viewerState("liar")!.lagging).toBe(true);
    // From now on only the typist's own pace counts.
    for (let i = 0; i < 10 && typist.bytes < 3000; i++) {
      hub.ack("typist", hub.viewerState("typist")!.unacked);
      await settle();
    }
    expect(typist.bytes).toBe(3000);
    expect(hub.isPaused).toBe(false);
    expect(liar.queued).toBeLessThan(1200);
  });

  it("caps ack credit at what was sent", async () => {
    const { hub, execs } = setup();
    await hub.attach(new FakeViewer("p", true), { cols: 80, rows: 24 });
    hub.ack("p", 10_000_000);
    execs[0]!.output("x".repeat(1000));
    await settle();
    expect(hub.viewerState("p")!.unacked).toBe(1000);
  });
});
