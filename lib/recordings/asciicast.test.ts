import { describe, expect, it } from "vitest";
import { CAP_RESERVE_BYTES, CastWriter, capNotice, eventLine, headerLine, parseCast } from "./asciicast";

const enc = (s: string) => Buffer.from(s, "utf8");

describe("asciicast v2 writer", () => {
  it("writes a header line with version 2, the size and a whole-second timestamp", () => {
    const line = headerLine({ width: 120, height: 30, timestamp: 1_764_680_000.75, env: { TERM: "xterm-256color" } });
    expect(line.endsWith("\n")).toBe(true);
    expect(JSON.parse(line)).toEqual({ version: 2, width: 120, height: 30, timestamp: 1_764_680_000, env: { TERM: "xterm-256color" } });
  });

  it("escapes quotes, backslashes, control characters and line separators: one JSON value per line", () => {
    const w = new CastWriter({ maxBytes: 1 << 20 });
    const data = 'say "hi" \\ \x1b[31mred\x1b[0m\r\n\ttab \u2028 \u0000 end';
    const line = w.data(0.5, "o", enc(data))!;
    expect(line.split("\n")).toEqual([expect.any(String), ""]);
    expect(line).toContain("\\u001b[31m");
    expect(line).toContain('\\"hi\\"');
    expect(JSON.parse(line)).toEqual([0.5, "o", data]);
  });

  it("keeps a UTF-8 character split across batches whole, in the event that completes it", () => {
    const w = new CastWriter({ maxBytes: 1 << 20 });
    const euro = enc("€"); // e2 82 ac
    expect(w.data(0.1, "o", euro.subarray(0, 2))).toBe("");
    expect(JSON.parse(w.data(0.2, "o", Buffer.concat([euro.subarray(2), enc("!")]))!)).toEqual([0.2, "o", "€!"]);
    // Input has a decoder of its own: a split output character does not leak into it.
    expect(w.data(0.3, "o", euro.subarray(0, 1))).toBe("");
    expect(JSON.parse(w.data(0.4, "i", enc("ls\r"))!)).toEqual([0.4, "i", "ls\r"]);
  });

  it("turns bytes that are not UTF-8 into U+FFFD, and lone surrogates never reach the file unescaped", () => {
    const w = new CastWriter({ maxBytes: 1 << 20 });
    expect(JSON.parse(w.data(1, "o", Buffer.from([0x61, 0xff, 0x62]))!)).toEqual([1, "o", "a\uFFFDb"]);
    expect(eventLine(1, "m", "\ud800")).toBe('[1,"m","\\ud800"]\n');
  });

  it("times events in seconds with microsecond precision, never going back", () => {
    const w = new CastWriter({ maxBytes: 1 << 20 });
    expect(JSON.parse(w.data(1.23456789, "o", enc("a"))!)[0]).toBe(1.234568);
    expect(JSON.parse(w.data(0.5, "o", enc("b"))!)[0]).toBe(1.234568);
    expect(JSON.parse(w.resize(2, 100, 40)!)).toEqual([2, "r", "100x40"]);
    expect(JSON.parse(w.marker(3, "here")!)).toEqual([3, "m", "here"]);
  });

  it("stops at the size cap and says so, within the cap, and writes nothing after", () => {
    const maxBytes = 2048;
    const w = new CastWriter({ maxBytes });
    let file = w.header({ width: 80, height: 24, timestamp: 1 })!;
    let t = 0;
    let last: string | null = "";
    while (!w.isCapped) {
      t += 0.01;
      last = w.data(t, "o", enc("0123456789abcdef".repeat(4)));
      if (last) file += last;
    }
    expect(last).toContain("size limit");
    t += 1;
    expect(w.data(t, "o", enc("after"))).toBeNull();
    expect(w.resize(t, 1, 1)).toBeNull();
    expect(Buffer.byteLength(file)).toBe(w.bytes);
    expect(w.bytes).toBeLessThanOrEqual(maxBytes);
    expect(w.bytes).toBeGreaterThan(maxBytes - CAP_RESERVE_BYTES - 200);
    const cast = parseCast(file);
    expect(cast.header.version).toBe(2);
    const tail = cast.events.slice(-2);
    expect(tail[0]).toEqual([expect.any(Number), "m", "size limit reached"]);
    expect(tail[1]![2]).toBe(capNotice(maxBytes));
    expect(tail[1]![2]).toContain("2 KiB");
  });

  it("counts bytes a continued recording already has against the cap", () => {
    const w = new CastWriter({ maxBytes: 1000 }, 900);
    expect(w.data(1, "o", enc("x".repeat(10)))).toContain("size limit");
    expect(w.isCapped).toBe(true);
  });
});
