import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/lib/docker/engine";
import { createLabServices } from "@/lib/labs/lab-services";
import type { LabEngine } from "@/lib/labs/lab-engine";
import { TerminalHubs } from "@/lib/labs/terminal-hubs";
import type { TerminalViewer } from "@/lib/labs/terminal-options";
import { loadTemplates } from "@/lib/labs/templates";
import { ensureTestEngine } from "@/lib/testing/docker";
import { inMemoryLabRepo } from "@/lib/testing/in-memory-lab-repo";
import { until } from "@/lib/testing/until";

// The terminal hub on a real TTY exec in a real `shell` lab.
let engine: Engine;
let svc: LabEngine;
let hubs: TerminalHubs;
let labId: string;

class Viewer implements TerminalViewer {
  chunks: Buffer[] = [];
  autoAck = true;
  constructor(
    readonly id: string,
    readonly canType: boolean,
  ) {}
  output(data: Buffer, opts?: { reset?: boolean }): void {
    if (opts?.reset) this.chunks = [];
    this.chunks.push(data);
    if (this.autoAck) setImmediate(() => hubs.get(labId)?.ack(this.id, data.length));
  }
  ended(): void {}
  get text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

beforeAll(async () => {
  engine = await ensureTestEngine();
  const { templates } = loadTemplates("labs/templates");
  svc = createLabServices({ repo: inMemoryLabRepo(), engine: () => engine, templates: () => templates }).labs;
  hubs = new TerminalHubs({
    openShell: (id, size, o) => svc.attachShell(id, size, o),
    options: { highWaterBytes: 64 * 1024, lowWaterBytes: 16 * 1024, maxBehindBytes: 64 * 1024, lagAfterMs: 1000 },
  });
  hubs.watch((l) => svc.subscribe(l));
  const r = await svc.launch({ ownerId: "u1", templateName: "shell" });
  if (!r.ok) throw new Error(r.message);
  labId = r.value.id;
});

afterAll(async () => {
  hubs?.destroyAll();
  if (labId) await svc.stop(labId);
});

describe("terminal hub on a real lab", () => {
  it("shares one shell: a participant types, a watcher sees it, a paste over 4 KiB arrives whole", async () => {
    const typist = new Viewer("typist", true);
    const watcher = new Viewer("watcher", false);
    const hub = hubs.hub(labId);
    expect((await hub.attach(typist, { cols: 100, rows: 30 })).ok).toBe(true);
    expect((await hub.attach(watcher, { cols: 40, rows: 10 })).ok).toBe(true);
    expect(hub.write("typist", "echo mingle-$((6*7)); stty size\r").ok).toBe(true);
    await until("echo", async () => /mingle-42\r?\n30 100/.test(watcher.text) || undefined, 10_000, 20);
    expect(hub.write("watcher", "echo nope\r")).toMatchObject({ ok: false, code: "READ_ONLY" });

    // 100 lines of 80 characters (8 KiB) into `wc -c`, then Ctrl-D.
    const line = `${"x".repeat(79)}\n`;
    hub.write("typist", "wc -c\r");
    await new Promise((r) => setTimeout(r, 200));
    hub.write("typist", line.repeat(100).replace(/\n/g, "\r"));
    hub.write("typist", "\x04");
    await until("wc -c", async () => /\b8000\b/.test(typist.text) || undefined, 15_000, 20);
  });

  it("bounds memory under `yes` with a stuck watcher: pauses, drops the watcher to lagging, keeps the typist live", async () => {
    const hub = hubs.hub(labId);
    const typist = new Viewer("typist2", true);
    const stuck = new Viewer("stuck", false);
    stuck.autoAck = false;
    await hub.attach(typist, { cols: 80, rows: 24 });
    await hub.attach(stuck, { cols: 80, rows: 24 });
    typist.chunks = [];
    hub.write("typist2", "yes | head -c 3000000; echo done-yes\r");
    await until("stuck viewer lagging", async () => hub.viewerState("stuck")?.lagging === true || undefined, 10_000, 20);
    const stuckBytes = stuck.chunks.reduce((n, c) => n + c.length, 0);
    expect(stuckBytes).toBeLessThan(64 * 1024 + 64 * 1024 + 1);
    await until("yes finished for the live viewer", async () => typist.text.includes("done-yes\r\n") || undefined, 30_000, 20);
    hub.detach("stuck");
    hub.detach("typist2");
  });

  it("destroys the hub when the lab stops", async () => {
    const hub = hubs.hub(labId);
    let reason = "";
    await hub.attach({ id: "v", canType: true, output() {}, ended: (r) => (reason = r) }, { cols: 80, rows: 24 });
    await svc.stop(labId);
    expect(reason).toBe("the lab stopped");
    expect(hub.isDestroyed).toBe(true);
    expect(hubs.get(labId)).toBeUndefined();
  });
});
