import { EventEmitter } from "node:events";
import { Duplex } from "node:stream";
import { describe, expect, it } from "vitest";
import type { TtyExec } from "@/lib/docker/engine";
import { ok } from "@/lib/errors";
import { TerminalHubs } from "@/lib/labs/terminal-hubs";
import { terminalSocketHandler, transportQueuedBytes, type TerminalLab } from "@/lib/labs/terminal-socket";
import type { MingleServer, MingleSocket } from "@/lib/realtime/server";

function fakeExec() {
  const written: string[] = [];
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _e, cb) {
      written.push(chunk.toString());
      cb();
    },
  });
  const exec: TtyExec = { stream, resize: async () => {}, exitCode: async () => 0 };
  return { exec, written };
}

function setup(user: { userId: string; role: "ATTENDEE" | "ORGANIZER" }, opts: { slowLookups?: boolean } = {}) {
  const { exec, written } = fakeExec();
  const hubs = new TerminalHubs({ openShell: async () => ok(exec) });
  const lab: TerminalLab = { id: "lab1", ownerId: "owner", participantIds: ["guest"] };
  let lookups = 0;
  const findLab = async (id: string) => {
    lookups++;
    // Every other lookup is slow, so an unserialized handler would reorder events.
    if (opts.slowLookups && lookups % 2 === 1) await new Promise((r) => setTimeout(r, 20));
    return id === "lab1" ? lab : null;
  };
  const socket = Object.assign(new EventEmitter(), { id: `s-${user.userId}`, data: { ...user, name: "x" } }) as unknown as MingleSocket & EventEmitter;
  const emitted: { event: string; payload: unknown }[] = [];
  const realEmit = EventEmitter.prototype.emit.bind(socket);
  (socket as unknown as { emit: (e: string, ...a: unknown[]) => boolean }).emit = (event: string, ...a: unknown[]) => {
    if (event.startsWith("lab:")) emitted.push({ event, payload: a[0] });
    return true;
  };
  terminalSocketHandler({ hubs, findLab, labCacheMs: opts.slowLookups ? 0 : 1000 })(socket, {} as MingleServer);
  const call = (event: string, payload: unknown) => new Promise<{ ok: boolean; canType?: boolean; error?: { code: string } }>((resolve) => realEmit(event, payload, resolve));
  return { call, send: (event: string, payload: unknown) => realEmit(event, payload), written, emitted, hubs };
}

describe("terminal socket handlers", () => {
  it("refuses a non-participant's attach and input", async () => {
    const { call, written } = setup({ userId: "stranger", role: "ATTENDEE" });
    expect(await call("lab:attach", { labId: "lab1", cols: 80, rows: 24 })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await call("lab:input", { labId: "lab1", data: "ls\r" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await call("lab:attach", { labId: "nope", cols: 80, rows: 24 })).toMatchObject({ ok: false, error: { code: "LAB_NOT_FOUND" } });
    expect(written).toEqual([]);
  });

  it("lets an organizer watch but not type", async () => {
    const { call, written } = setup({ userId: "org", role: "ORGANIZER" });
    expect(await call("lab:attach", { labId: "lab1", cols: 80, rows: 24 })).toMatchObject({ ok: true, canType: false });
    expect(await call("lab:input", { labId: "lab1", data: "ls\r" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(written).toEqual([]);
  });

  it("validates payloads with size limits", async () => {
    const { call } = setup({ userId: "owner", role: "ATTENDEE" });
    expect(await call("lab:attach", { labId: "lab1", cols: 80 })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(await call("lab:attach", { labId: "lab1", cols: 80, rows: 24, extra: true })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(await call("lab:attach", { labId: "../etc", cols: 80, rows: 24 })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    await call("lab:attach", { labId: "lab1", cols: 80, rows: 24 });
    expect(await call("lab:input", { labId: "lab1", data: "x".repeat(4097) })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(await call("lab:resize", { labId: "lab1", cols: 100000, rows: 24 })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
  });

  it("keeps keystrokes in order even when lab lookups take different times", async () => {
    const { call, send, written } = setup({ userId: "guest", role: "ATTENDEE" }, { slowLookups: true });
    expect(await call("lab:attach", { labId: "lab1", cols: 80, rows: 24 })).toMatchObject({ ok: true, canType: true });
    const text = "echo participant-$((2+3))\r";
    for (const ch of text) send("lab:input", { labId: "lab1", data: ch });
    await expect.poll(() => written.join(""), { timeout: 3000 }).toBe(text);
  });

  it("sends output to attached sockets and stops on detach", async () => {
    const { call, emitted, hubs } = setup({ userId: "owner", role: "ATTENDEE" });
    await call("lab:attach", { labId: "lab1", cols: 80, rows: 24 });
    expect(hubs.get("lab1")!.viewerCount).toBe(1);
    expect(await call("lab:detach", { labId: "lab1" })).toEqual({ ok: true });
    expect(hubs.get("lab1")!.viewerCount).toBe(0);
    hubs.destroy("lab1");
    expect(emitted.filter((e) => e.event === "lab:terminal-ended")).toEqual([]);
  });

  it("tells the viewer when its terminal ends", async () => {
    const { call, emitted, hubs } = setup({ userId: "owner", role: "ATTENDEE" });
    await call("lab:attach", { labId: "lab1", cols: 80, rows: 24 });
    hubs.destroy("lab1", "the lab failed");
    expect(emitted.filter((e) => e.event === "lab:terminal-ended")).toEqual([{ event: "lab:terminal-ended", payload: { labId: "lab1", reason: "the lab failed" } }]);
    expect(await call("lab:input", { labId: "lab1", data: "ls\r" })).toMatchObject({ ok: false, error: { code: "NOT_ATTACHED" } });
  });
});

describe("transportQueuedBytes", () => {
  it("counts engine.io's write buffer and what the websocket has not written yet", () => {
    const socket = {
      conn: {
        writeBuffer: [{ data: '451-["lab:output",{"labId":"l","data":{"_placeholder":true,"num":0}}]' }, { data: Buffer.alloc(1000) }, { data: new ArrayBuffer(24) }, {}],
        transport: { socket: { bufferedAmount: 500 } },
      },
    } as unknown as MingleSocket;
    expect(transportQueuedBytes(socket)).toBe(69 + 1000 + 24 + 500);
    expect(transportQueuedBytes({ conn: { writeBuffer: [], transport: {} } } as unknown as MingleSocket)).toBe(0);
  });
});
