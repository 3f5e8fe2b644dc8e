/**
 * A lab's scroll-back where every server process can read it (docs/decisions/0020): the lease
 * holder appends each output batch, and a process that opens the lab's terminal for the first
 * time replays it, so a client that reconnects to another process continues with its scroll-back.
 * Kept to the last `maxBytes`; removed when the lab ends (and expiring on its own, for a lab whose
 * end no process saw).
 */
export interface ScrollbackStore {
  append(labId: string, data: Buffer): Promise<void>;
  /** Sets the whole scroll-back (a new lease holder, with what it saw while another held the lease). */
  replace(labId: string, data: Buffer): Promise<void>;
  /** The last bytes kept (empty when none). */
  read(labId: string): Promise<Buffer>;
  clear(labId: string): Promise<void>;
}

/**
 * Appends in order without waiting, at most `maxPendingBytes` in flight: while the store is slow
 * or down, output is dropped from the scroll-back (never held in memory, never slowing the lab).
 */
export class ScrollbackWriter {
  private pending = 0;
  private dropping = false;

  constructor(
    private readonly store: ScrollbackStore,
    private readonly labId: string,
    private readonly maxPendingBytes: number,
    private readonly log: (event: string, fields?: Record<string, unknown>) => void = () => {},
  ) {}

  get pendingBytes(): number {
    return this.pending;
  }

  append(data: Buffer): void {
    this.send(data, (d) => this.store.append(this.labId, d));
  }

  replace(data: Buffer): void {
    this.send(data, (d) => this.store.replace(this.labId, d));
  }

  private send(data: Buffer, write: (data: Buffer) => Promise<void>): void {
    if (this.pending + data.length > this.maxPendingBytes) {
      if (!this.dropping) this.log("lab.terminal.scrollback_behind", { labId: this.labId, pending: this.pending });
      this.dropping = true;
      return;
    }
    this.dropping = false;
    this.pending += data.length;
    write(data)
      .catch((error: unknown) => this.log("lab.terminal.scrollback_failed", { labId: this.labId, error: String(error) }))
      .finally(() => (this.pending -= data.length));
  }
}
