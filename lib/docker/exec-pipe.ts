import { Duplex } from "node:stream";

/**
 * A non-TTY exec's hijacked connection as a plain byte stream: what is written goes to the
 * process's stdin unchanged, what is read is its stdout, taken out of Docker's multiplexed framing
 * (an 8-byte header per chunk: stream kind, then the length). A TTY would translate bytes (CR/LF,
 * control characters), which breaks any protocol tunnelled through it, so the port preview uses this.
 *
 * Ending the writable side half-closes the connection, and the engine closes the process's stdin;
 * reading goes on until the process ends. stderr is kept (bounded) for the error message.
 */
export class ExecPipe extends Duplex {
  private pending: Buffer = Buffer.alloc(0);
  private errText = "";
  private ended = false;

  constructor(private readonly socket: Duplex) {
    super();
    socket.on("data", (chunk: Buffer) => this.demux(chunk));
    socket.on("end", () => this.finishReading());
    socket.on("close", () => this.finishReading());
    socket.on("error", (error) => this.destroy(error));
  }

  /** What the process wrote to stderr (its last 2 KB). */
  get stderr(): string {
    return this.errText;
  }

  private demux(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let more = true;
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const kind = this.pending[0];
      const payload = this.pending.subarray(8, 8 + size);
      this.pending = this.pending.subarray(8 + size);
      if (kind === 2) this.errText = (this.errText + payload.toString("utf8")).slice(-2048);
      else if (size > 0) more = this.push(payload) && more;
    }
    if (!more) this.socket.pause();
  }

  private finishReading(): void {
    if (this.ended) return;
    this.ended = true;
    this.push(null);
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.socket.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}
