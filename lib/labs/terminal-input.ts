import type { Duplex } from "node:stream";

/**
 * Input waiting for a lab's TTY: written in `chunkBytes` pieces, each after the stream drained, so
 * a paste of any size arrives intact; at most `maxQueuedBytes` wait, more is refused.
 */
export class TerminalInput {
  private queue: Buffer[] = [];
  private bytes = 0;
  private pumping = false;

  constructor(
    private readonly opts: { chunkBytes: number; maxQueuedBytes: number },
    /** The TTY's stream now, or null while there is no shell (input waits for the next one). */
    private readonly target: () => Duplex | null,
  ) {}

  /** Queues `data` and starts writing; false (nothing queued) when it would exceed the limit. */
  push(data: Buffer): boolean {
    if (this.bytes + data.length > this.opts.maxQueuedBytes) return false;
    this.queue.push(data);
    this.bytes += data.length;
    this.pump();
    return true;
  }

  clear(): void {
    this.queue = [];
    this.bytes = 0;
  }

  /** Writes what waits, if a stream is there and no writer runs yet. */
  pump(): void {
    if (!this.pumping) void this.drainAll();
  }

  private async drainAll(): Promise<void> {
    this.pumping = true;
    try {
      for (let stream = this.target(); this.queue.length && stream; stream = this.target()) {
        const first = this.queue[0]!;
        const piece = first.subarray(0, this.opts.chunkBytes);
        if (piece.length === first.length) this.queue.shift();
        else this.queue[0] = first.subarray(piece.length);
        this.bytes -= piece.length;
        if (!stream.write(piece)) await drained(stream);
      }
    } finally {
      this.pumping = false;
    }
  }
}

function drained(stream: Duplex): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}
