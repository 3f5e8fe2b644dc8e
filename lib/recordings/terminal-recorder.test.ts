import { describe, expect, it } from "vitest";
import { parseCast } from "./asciicast";
import type { RecordingRecord } from "./repo";
import { type RecorderDeps, type RecorderStart, TerminalRecorder } from "./terminal-recorder";

const rec = (over: Partial<RecordingRecord> = {}): RecordingRecord => ({
  id: "rec1",
  labId: "lab1",
  sessionId: "s1",
  startedAt: new Date(1_000_000),
  endedAt: null,
  bytes: 0,
  input: false,
  truncated: false,
  droppedBytes: 0,
  chunks: 0,
  ...over,
});

function setup(start: RecorderStart | (() => Promise<RecorderStart>), over: Partial<RecorderDeps> = {}) {
  let clock = 1_000_000;
  const chunks: { seq: number; data: Buffer; patch: Record<string, unknown> }[] = [];
  const states: string[] = [];
  let ended: Date | null = null;
  const r = new TerminalRecorder({
    start: typeof start === "function" ? start : async () => start,
    append: async (_id, seq, data, patch) => {
      chunks.push({ seq, data, patch });
    },
    end: async (_id, at) => {
      ended = at;
    },
    now: () => clock,
    onState: (s) => states.push(s),
    options: { flushMs: 5 },
    ...over,
  });
  return {
    r,
    chunks,
    states,
    ended: () => ended,
    tick: (ms: number) => (clock += ms),
    file: () => Buffer.concat([...chunks].sort((a, b) => a.seq - b.seq).map((c) => c.data)).toString(),
  };
}

describe("TerminalRecorder", () => {
  it("writes the header with the first size, then output and resizes timed from the start, and drops input the template does not allow", async () => {
    const t = setup({ record: true, recording: rec(), input: false, maxBytes: 1 << 20 });
    t.r.resize({ cols: 100, rows: 30 });
    t.r.output(Buffer.from("$ "));
    t.tick(1500);
    t.r.input(Buffer.from("secret\r"));
    t.r.output(Buffer.from("hello\r\n"));
    t.r.resize({ cols: 100, rows: 30 });
    t.r.resize({ cols: 90, rows: 20 });
    await t.r.close();
    const cast = parseCast(t.file());
    expect(cast.header).toMatchObject({ version: 2, width: 100, height: 30, timestamp: 1000 });
    expect(cast.events).toEqual([
      [0, "o", "$ "],
      [1.5, "o", "hello\r\n"],
      [1.5, "r", "90x20"],
    ]);
    expect(t.states).toEqual(["recording"]);
    expect(t.ended()).toEqual(new Date(1_001_500));
  });

  it("keeps input when the template allows it", async () => {
    const t = setup({ record: true, recording: rec({ input: true }), input: true, maxBytes: 1 << 20 });
    t.r.output(Buffer.from("$ "));
    t.r.input(Buffer.from("ls\r"));
    await t.r.close();
    expect(parseCast(t.file()).events.map((e) => e[1])).toEqual(["o", "i"]);
  });

  it("records nothing when the decision is no", async () => {
    const t = setup({ record: false, reason: "PARTICIPANT" });
    t.r.output(Buffer.from("x"));
    await t.r.close();
    t.r.output(Buffer.from("y"));
    expect(t.chunks).toEqual([]);
    expect(t.states).toEqual(["off"]);
    expect(t.ended()).toBeNull();
  });

  it("never waits for the database: a slow write keeps at most maxPendingBytes queued, and marks what it dropped", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const written: Buffer[] = [];
    const t = setup(
      { record: true, recording: rec(), input: false, maxBytes: 1 << 24 },
      {
        append: async (_id, _seq, data) => {
          await gate;
          written.push(data);
        },
        options: { flushMs: 1, maxPendingBytes: 4096, chunkBytes: 1024 },
      },
    );
    t.r.output(Buffer.from("first"));
    await new Promise((r) => setTimeout(r, 20)); // the first chunk is being written (and stuck)
    const began = performance.now();
    for (let i = 0; i < 1000; i++) t.r.output(Buffer.alloc(100, 0x61));
    expect(performance.now() - began).toBeLessThan(200);
    expect(t.r.droppedBytes).toBeGreaterThan(90_000);
    release();
    await t.r.drain();
    t.r.output(Buffer.from("after"));
    await t.r.close();
    const text = Buffer.concat(written).toString();
    const events = parseCast(text).events;
    expect(events.find((e) => e[1] === "m")?.[2]).toMatch(/^\d+ bytes not recorded: the recorder fell behind$/);
    expect(events.at(-1)).toEqual([0, "o", "after"]);
  });

  it("stops at the cap, says so in the file, and reports it once", async () => {
    const t = setup({ record: true, recording: rec(), input: false, maxBytes: 16 * 1024 });
    for (let i = 0; i < 400; i++) t.r.output(Buffer.alloc(100, 0x62));
    await t.r.drain();
    expect(t.r.isRecording).toBe(false);
    expect(t.states).toEqual(["recording", "stopped"]);
    expect(t.chunks.filter((c) => c.patch.truncated)).toHaveLength(1);
    const file = t.file();
    expect(Buffer.byteLength(file)).toBeLessThanOrEqual(16 * 1024);
    expect(parseCast(file).events.at(-1)![2]).toContain("recording stopped: it reached its size limit of 16 KiB");
  });

  it("carries on a recording another process started: no second header, times from its start", async () => {
    const t = setup({ record: true, recording: rec({ chunks: 3, bytes: 500 }), input: false, maxBytes: 1 << 20 });
    t.tick(10_000);
    t.r.output(Buffer.from("again"));
    await t.r.close();
    expect(t.chunks.map((c) => c.seq)).toEqual([3]);
    expect(t.file()).toBe('[10,"o","again"]\n');
  });

  it("puts a chunk the database refused back in the queue and writes it later", async () => {
    let fails = 1;
    const got: Buffer[] = [];
    const seqs: number[] = [];
    const t = setup(
      { record: true, recording: rec(), input: false, maxBytes: 1 << 20 },
      {
        append: async (_id, seq, data) => {
          if (fails-- > 0) throw new Error("database down");
          seqs.push(seq);
          got.push(data);
        },
      },
    );
    t.r.output(Buffer.from("one"));
    await new Promise((r) => setTimeout(r, 30));
    t.r.output(Buffer.from("two"));
    await t.r.close();
    expect(seqs).toEqual([0, 1]);
    const cast = parseCast(Buffer.concat(got).toString());
    expect(cast.header.version).toBe(2);
    expect(cast.events.map((e) => e[2])).toEqual(["one", "two"]);
  });
});
