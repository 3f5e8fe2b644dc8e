import { Duplex, PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ExecPipe } from "@/lib/docker/exec-pipe";

function frame(kind: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = kind;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

/** The engine's side of a hijacked connection: `fromEngine` is what it sends, `toEngine` what it got. */
function fakeConnection() {
  const fromEngine = new PassThrough();
  const toEngine: Buffer[] = [];
  let ended = false;
  const socket = new Duplex({
    read() {},
    write(chunk, _e, cb) {
      toEngine.push(chunk);
      cb();
    },
    final(cb) {
      ended = true;
      cb();
    },
  });
  fromEngine.on("data", (c) => socket.push(c));
  fromEngine.on("end", () => socket.push(null));
  return { socket, fromEngine, toEngine, ended: () => ended };
}

describe("ExecPipe", () => {
  it("reads stdout out of the framing, split anywhere, and keeps stderr apart", async () => {
    const c = fakeConnection();
    const pipe = new ExecPipe(c.socket);
    const bytes = Buffer.concat([frame(1, "HTTP/1.1 200 OK\r\n"), frame(2, "nc: oops"), frame(1, "\r\nbody")]);
    for (let i = 0; i < bytes.length; i += 5) c.fromEngine.write(bytes.subarray(i, i + 5));
    c.fromEngine.end();
    const chunks: Buffer[] = [];
    for await (const chunk of pipe) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe("HTTP/1.1 200 OK\r\n\r\nbody");
    expect(pipe.stderr).toBe("nc: oops");
  });

  it("writes stdin unchanged and half-closes on end", async () => {
    const c = fakeConnection();
    const pipe = new ExecPipe(c.socket);
    pipe.write(Buffer.from([0, 13, 10, 255]));
    pipe.end();
    await new Promise((r) => setImmediate(r));
    expect(Buffer.concat(c.toEngine)).toEqual(Buffer.from([0, 13, 10, 255]));
    expect(c.ended()).toBe(true);
  });
});
