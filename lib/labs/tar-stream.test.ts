import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { buildTar, readTar } from "@/lib/labs/tar";
import { firstFileOfTar, singleFileTar, TarStreamError } from "@/lib/labs/tar-stream";

async function bytesOf(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

describe("tar streams", () => {
  it("writes a one-file tar as the body arrives, which reads back as the same file", async () => {
    const data = Buffer.from("x".repeat(1300));
    const tar = await bytesOf(singleFileTar("a.txt", data.length, Readable.from([data.subarray(0, 700), data.subarray(700)]), { uid: 1000, gid: 1000, mtime: 0 }));
    expect(tar.length % 512).toBe(0);
    expect(readTar(tar)).toEqual([{ type: "file", path: "a.txt", content: data, mode: 0o644, uid: 1000, gid: 1000 }]);
  });

  it("fails a body shorter or longer than announced", async () => {
    await expect(bytesOf(singleFileTar("a", 10, Readable.from([Buffer.alloc(5)]), { uid: 0, gid: 0 }))).rejects.toBeInstanceOf(TarStreamError);
    await expect(bytesOf(singleFileTar("a", 10, Readable.from([Buffer.alloc(11)]), { uid: 0, gid: 0 }))).rejects.toThrow(/more than the 10 bytes/);
  });

  it("reads the first file out of a tar stream, past a long-name record, in small pieces", async () => {
    const long = `${"d".repeat(90)}/${"f".repeat(90)}`;
    const content = Buffer.from("hello, tar");
    const tar = buildTar([{ type: "file", path: long, content }]);
    const pieces = [];
    for (let i = 0; i < tar.length; i += 100) pieces.push(tar.subarray(i, i + 100));
    const file = await firstFileOfTar(Readable.from(pieces));
    expect(file.size).toBe(content.length);
    expect(await bytesOf(file.content)).toEqual(content);
    await expect(firstFileOfTar(Readable.from([buildTar([{ type: "dir", path: "d" }])]))).rejects.toThrow(/not a regular file/);
  });
});
