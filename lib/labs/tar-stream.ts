import { Readable } from "node:stream";
import { tarHeader } from "@/lib/labs/tar";

/**
 * Tar as streams, for lab files that are too big to hold in memory: an upload is written into a
 * one-file archive while its bytes arrive, and a download of one file is read out of the archive
 * the engine streams, without buffering either.
 */
const BLOCK = 512;

export class TarStreamError extends Error {
  constructor(
    readonly reason: "SHORT" | "LONG" | "NOT_A_FILE" | "EMPTY",
    message: string,
  ) {
    super(message);
    this.name = "TarStreamError";
  }
}

/**
 * A tar holding one regular file `name` of exactly `size` bytes, taken from `body` as it comes.
 * A body shorter or longer than `size` fails the stream (so the engine refuses a torn archive).
 */
export function singleFileTar(
  name: string,
  size: number,
  body: AsyncIterable<Uint8Array>,
  meta: { uid: number; gid: number; mode?: number; mtime?: number; onBytes?: (sent: number) => void },
): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    yield tarHeader({ type: "file", path: name, content: "", mode: meta.mode ?? 0o644, uid: meta.uid, gid: meta.gid }, size, meta.mtime ?? Math.floor(Date.now() / 1000));
    let sent = 0;
    const iterator = body[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await iterator.next();
      } catch {
        // The client went away or its connection broke: a torn upload, not a server fault.
        throw new TarStreamError("SHORT", `The upload broke off after ${sent} of ${size} bytes; try again.`);
      }
      if (next.done) break;
      const chunk = next.value;
      sent += chunk.byteLength;
      if (sent > size) throw new TarStreamError("LONG", `The upload sent more than the ${size} bytes it announced.`);
      meta.onBytes?.(sent);
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    if (sent !== size) throw new TarStreamError("SHORT", `The upload ended after ${sent} of the ${size} bytes it announced.`);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    yield Buffer.alloc(pad + 2 * BLOCK, 0);
  }
  return Readable.from(chunks(), { objectMode: false });
}

function octalField(h: Buffer, start: number, length: number): number {
  if (h[start]! & 0x80) return Number(h.readBigUInt64BE(start + length - 8));
  const raw = h.subarray(start, start + length).toString("ascii");
  return parseInt(raw.replace(/\0.*$/s, "").trim() || "0", 8);
}

/** Reads exactly `n` bytes from an async byte iterator, keeping what is left over. */
class ByteReader {
  private buffered: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  async take(n: number): Promise<Buffer | null> {
    while (this.buffered.length < n && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else this.buffered = Buffer.concat([this.buffered, next.value]);
    }
    if (this.buffered.length < n) return null;
    const out = this.buffered.subarray(0, n);
    this.buffered = this.buffered.subarray(n);
    return out;
  }

  /** Up to `max` bytes: what is buffered, else the next chunk. */
  async some(max: number): Promise<Buffer | null> {
    if (!this.buffered.length && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else this.buffered = next.value;
    }
    if (!this.buffered.length) return null;
    const out = this.buffered.subarray(0, max);
    this.buffered = this.buffered.subarray(out.length);
    return out;
  }
}

/**
 * The first entry of a tar stream, which must be a regular file: its bytes as a stream, without
 * the archive around them. PAX and GNU long-name records before it are skipped.
 */
export async function firstFileOfTar(tar: AsyncIterable<Buffer | Uint8Array>): Promise<{ size: number; content: Readable }> {
  const iterator = (async function* () {
    for await (const c of tar) yield Buffer.from(c);
  })();
  const reader = new ByteReader(iterator);
  for (;;) {
    const h = await reader.take(BLOCK);
    if (!h || h.every((b) => b === 0)) throw new TarStreamError("EMPTY", "The archive holds no file.");
    const size = octalField(h, 124, 12);
    const type = String.fromCharCode(h[156] || 48);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x" || type === "g" || type === "L" || type === "K") {
      if (padded && !(await reader.take(padded))) throw new TarStreamError("EMPTY", "The archive ended early.");
      continue;
    }
    if (type !== "0" && type !== "7") throw new TarStreamError("NOT_A_FILE", "The path is not a regular file.");
    async function* content(): AsyncGenerator<Buffer> {
      let left = size;
      while (left > 0) {
        const chunk = await reader.some(left);
        if (!chunk) throw new TarStreamError("SHORT", "The archive ended before the file did.");
        left -= chunk.length;
        yield chunk;
      }
      // Drain nothing more: the caller destroys the source when it is done.
      await iterator.return(undefined);
    }
    return { size, content: Readable.from(content(), { objectMode: false }) };
  }
}
