/**
 * Output batched per event-loop turn: chunks collect until the next turn or until `maxBatchBytes`,
 * then go out as one send (a shell printing byte by byte must not mean a socket frame per byte).
 */
export class OutputBatcher {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private scheduled = false;

  constructor(
    private readonly maxBatchBytes: number,
    private readonly send: (data: Buffer) => void,
  ) {}

  get pendingBytes(): number {
    return this.bytes;
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    if (this.bytes >= this.maxBatchBytes) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Sends what waits now. */
  flush(): void {
    this.scheduled = false;
    if (this.bytes === 0) return;
    const data = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.bytes);
    this.chunks = [];
    this.bytes = 0;
    this.send(data);
  }
}
