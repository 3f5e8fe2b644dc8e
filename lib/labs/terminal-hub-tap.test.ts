import { describe, expect, it, vi } from "vitest";
import type { TtyExec } from "@/lib/docker/engine";
import { ok } from "@/lib/errors";
import { TerminalHub } from "@/lib/labs/terminal-hub";
import type { TermSize, TerminalTap } from "@/lib/labs/terminal-options";
import { FakeExec, FakeViewer, settle } from "@/lib/testing/terminal-fakes";

/** A hub with a tap (a recorder's place): it sees what the viewers see and what the typists send. */
function tapped(tap: TerminalTap) {
  const execs: FakeExec[] = [];
  const openShell = vi.fn(async (_labId: string, _size: TermSize) => {
    const e = new FakeExec();
    execs.push(e);
    return ok(e as TtyExec);
  });
  const taps = vi.fn((_labId: string) => tap);
  const hub = new TerminalHub("lab1", { openShell, tap: taps, options: { respawnDelayMs: 1 } });
  return { hub, execs, taps };
}

describe("TerminalHub's tap", () => {
  it("sees every output batch, every accepted input write and the sizes applied; refused input is not seen", async () => {
    const seen: string[] = [];
    const { hub, execs, taps } = tapped({
      output: (d) => seen.push(`o:${d}`),
      input: (d) => seen.push(`i:${d}`),
      resize: (s) => seen.push(`r:${s.cols}x${s.rows}`),
    });
    const typist = new FakeViewer("p", true);
    await hub.attach(typist, { cols: 100, rows: 30 });
    await hub.attach(new FakeViewer("w", false), { cols: 40, rows: 10 });
    execs[0]!.output("$ ");
    await settle();
    hub.write("p", "ls\r");
    hub.write("w", "rm -rf /\r");
    hub.resize("p", { cols: 120, rows: 40 });
    execs[0]!.output("a");
    execs[0]!.output("b");
    await settle();
    expect(taps).toHaveBeenCalledTimes(1);
    expect(seen.filter((s) => s !== "r:100x30")).toEqual(["o:$ ", "i:ls\r", "r:120x40", "o:ab"]);
    expect(seen[0]).toBe("r:100x30");
    expect(typist.text).toBe("$ ab");
  });

  it("goes on when the tap throws", async () => {
    const { hub, execs } = tapped({
      output: () => {
        throw new Error("recorder bug");
      },
      input: () => {
        throw new Error("recorder bug");
      },
      resize: () => {},
    });
    const v = new FakeViewer("p", true);
    await hub.attach(v, { cols: 80, rows: 24 });
    expect(hub.write("p", "x").ok).toBe(true);
    execs[0]!.output("still here");
    await settle();
    expect(v.text).toBe("still here");
    expect(execs[0]!.input).toBe("x");
  });
});
