import type { Duplex } from "node:stream";
import type { TtyExec } from "@/lib/docker/engine";
import { fail, ok, type Result } from "@/lib/errors";

/**
 * The shared lab terminal, framework-free: ONE TTY exec per lab, fanned out to every viewer.
 *
 * - The exec is opened lazily on the first attach (with that viewer's size) and re-opened when the
 *   shell exits while people watch. A hub with no viewers closes its exec after `idleCloseMs`;
 *   a hub is destroyed when its lab stops.
 * - Scroll-back: the last `replayBytes` of output are replayed to late joiners and reconnects.
 * - Input only from viewers allowed to type; it is written in `inputChunkBytes` pieces that wait
 *   for the stream to drain, so a paste of any size reaches the TTY intact.
 * - Resize: last size wins (only typing viewers resize, so a watcher's small window doesn't shrink
 *   the participants' shell). Sizes sent before the exec exists are applied once it does, and the
 *   size is sent again on the first output byte, when the process surely runs (the engine ignores
 *   resizes of an exec that is still starting).
 * - Flow control (why: `yes` must not freeze browsers nor grow server memory): each viewer has a
 *   byte budget of output sent but not yet acknowledged as rendered. When the slowest active
 *   viewer is above `highWaterBytes` the docker stream is paused (TCP back-pressure reaches the
 *   container, whose writes block); below `lowWaterBytes` it resumes. A viewer that keeps the
 *   stream paused for `lagAfterMs` drops to "lagging": it stops receiving output and no longer
 *   holds the others back; once it has rendered what it had (below the low watermark) it is
 *   re-synced with a reset and the replay buffer, i.e. it skips to the live tail.
 *   Server memory per lab is therefore bounded by the replay buffer + one batch per viewer on top
 *   of the budget.
 */

export interface TermSize {
  cols: number;
  rows: number;
}

export interface TerminalViewer {
  /** Unique per attachment (e.g. socket id). */
  id: string;
  canType: boolean;
  /** Output for this viewer; `reset` = clear the screen first (re-sync after lagging). */
  output(data: Buffer, opts?: { reset?: boolean }): void;
  /** The terminal ended for good (lab stopped, shell could not be restarted). */
  ended(reason: string): void;
}

export interface TerminalHubOptions {
  replayBytes: number;
  highWaterBytes: number;
  lowWaterBytes: number;
  lagAfterMs: number;
  idleCloseMs: number;
  inputChunkBytes: number;
  /** Bytes of input that may wait for the TTY; more is refused. */
  maxQueuedInputBytes: number;
  /** Output is batched per event-loop turn, up to this many bytes per send. */
  maxBatchBytes: number;
  respawnDelayMs: number;
  /** More shell exits than this within a minute stops the respawning. */
  maxRespawnsPerMinute: number;
}

export const DEFAULT_HUB_OPTIONS: TerminalHubOptions = {
  replayBytes: 256 * 1024,
  highWaterBytes: 256 * 1024,
  lowWaterBytes: 64 * 1024,
  lagAfterMs: 5_000,
  idleCloseMs: 60_000,
  inputChunkBytes: 4096,
  maxQueuedInputBytes: 1024 * 1024,
  maxBatchBytes: 64 * 1024,
  respawnDelayMs: 300,
  maxRespawnsPerMinute: 5,
};

export type TerminalErrorCode = "NOT_ATTACHED" | "READ_ONLY" | "INPUT_OVERFLOW" | "TERMINAL_CLOSED";

export type OpenShell = (labId: string, size: TermSize) => Promise<Result<TtyExec, string>>;

export interface TerminalHubDeps {
  openShell: OpenShell;
  options?: Partial<TerminalHubOptions>;
  log?: (event: string, fields?: Record<string, unknown>) => void;
  now?: () => number;
}

interface ViewerState {
  viewer: TerminalViewer;
  /** Bytes sent and not yet acknowledged. */
  unacked: number;
  lagging: boolean;
}

/** Keeps the last `capacity` bytes of output as a list of chunks. */
export class ReplayBuffer {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly capacity: number) {}

  append(data: Buffer): void {
    if (data.length >= this.capacity) {
      this.chunks = [Buffer.from(data.subarray(data.length - this.capacity))];
      this.size = this.capacity;
      return;
    }
    this.chunks.push(data);
    this.size += data.length;
    while (this.size > this.capacity) {
      const first = this.chunks[0]!;
      const excess = this.size - this.capacity;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.size -= excess;
      }
    }
  }

  get length(): number {
    return this.size;
  }

  snapshot(): Buffer {
    const all = Buffer.concat(this.chunks, this.size);
    this.chunks = this.size ? [all] : [];
    return all;
  }
}

export class TerminalHub {
  private readonly opts: TerminalHubOptions;
  private readonly viewers = new Map<string, ViewerState>();
  private readonly replay: ReplayBuffer;
  private exec: TtyExec | null = null;
  private opening: Promise<Result<void, string>> | null = null;
  private size: TermSize = { cols: 80, rows: 24 };
  private sawOutput = false;
  private paused = false;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private flushScheduled = false;
  private input: Buffer[] = [];
  private inputBytes = 0;
  private pumping = false;
  private attaching = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private lagTimer: NodeJS.Timeout | null = null;
  private respawns: number[] = [];
  private destroyed = false;
  private readonly log: (event: string, fields?: Record<string, unknown>) => void;
  private readonly now: () => number;

  constructor(
    readonly labId: string,
    private readonly deps: TerminalHubDeps,
    private readonly onIdle: (hub: TerminalHub) => void = () => {},
  ) {
    this.opts = { ...DEFAULT_HUB_OPTIONS, ...deps.options };
    this.replay = new ReplayBuffer(this.opts.replayBytes);
    this.log = deps.log ?? (() => {});
    this.now = deps.now ?? Date.now;
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get hasExec(): boolean {
    return this.exec !== null;
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Flow-control state of one viewer (for tests and metrics). */
  viewerState(id: string): { unacked: number; lagging: boolean } | undefined {
    const v = this.viewers.get(id);
    return v && { unacked: v.unacked, lagging: v.lagging };
  }

  /** Adds a viewer (opening the exec if needed) and returns the scroll-back to replay. */
  async attach(viewer: TerminalViewer, size: TermSize): Promise<Result<{ replay: Buffer }, string>> {
    if (this.destroyed) return fail("TERMINAL_CLOSED", "The lab's terminal is closed.");
    this.cancelIdle();
    if (viewer.canType || !this.exec) this.size = size;
    this.attaching++;
    let opened: Result<void, string>;
    try {
      opened = await this.ensureExec();
    } finally {
      this.attaching--;
    }
    if (!opened.ok) {
      this.scheduleIdle();
      return opened;
    }
    if (this.destroyed) return fail("TERMINAL_CLOSED", "The lab's terminal is closed.");
    if (viewer.canType) this.applySize();
    // Flush what is batched first, so the snapshot and the live stream neither overlap nor gap.
    this.flush();
    const replay = this.replay.snapshot();
    this.viewers.get(viewer.id)?.viewer.ended("replaced by a new attachment");
    this.viewers.set(viewer.id, { viewer, unacked: 0, lagging: false });
    return ok({ replay });
  }

  detach(viewerId: string): void {
    if (!this.viewers.delete(viewerId)) return;
    this.checkPressure();
    this.scheduleIdle();
  }

  /** Keystrokes or a paste from a viewer; refused for read-only viewers. */
  write(viewerId: string, data: string | Buffer): Result<void, TerminalErrorCode | string> {
    const v = this.viewers.get(viewerId);
    if (!v) return fail("NOT_ATTACHED", "Attach to the terminal first.");
    if (!v.viewer.canType) return fail("READ_ONLY", "You are watching this lab read-only.");
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    if (this.inputBytes + bytes.length > this.opts.maxQueuedInputBytes) {
      return fail("INPUT_OVERFLOW", "Too much input at once; wait for the terminal to catch up.");
    }
    this.input.push(bytes);
    this.inputBytes += bytes.length;
    if (!this.exec) {
      void this.ensureExec().then((r) => {
        if (r.ok) void this.pump();
      });
    } else {
      void this.pump();
    }
    return ok(undefined);
  }

  resize(viewerId: string, size: TermSize): Result<void, TerminalErrorCode> {
    const v = this.viewers.get(viewerId);
    if (!v) return fail("NOT_ATTACHED", "Attach to the terminal first.");
    if (!v.viewer.canType) return ok(undefined);
    this.size = size;
    this.applySize();
    return ok(undefined);
  }

  /** The viewer has rendered `bytes` more bytes of output. */
  ack(viewerId: string, bytes: number): Result<void, TerminalErrorCode> {
    const v = this.viewers.get(viewerId);
    if (!v) return fail("NOT_ATTACHED", "Attach to the terminal first.");
    v.unacked = Math.max(0, v.unacked - bytes);
    if (v.lagging && v.unacked <= this.opts.lowWaterBytes) {
      // Caught up with what it had: skip to the live tail.
      this.flush();
      const tail = this.replay.snapshot();
      v.lagging = false;
      v.unacked = tail.length;
      v.viewer.output(tail, { reset: true });
      this.log("lab.terminal.viewer_resynced", { labId: this.labId, viewer: viewerId });
    }
    this.checkPressure();
    return ok(undefined);
  }

  /** Ends the terminal for good (the lab stopped). */
  destroy(reason = "the lab stopped"): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.cancelIdle();
    if (this.lagTimer) clearTimeout(this.lagTimer);
    this.lagTimer = null;
    this.flush();
    for (const v of this.viewers.values()) v.viewer.ended(reason);
    this.viewers.clear();
    this.closeExec();
  }

  // ---- exec ---------------------------------------------------------------------------------

  private ensureExec(): Promise<Result<void, string>> {
    if (this.exec) return Promise.resolve(ok(undefined));
    this.opening ??= (async (): Promise<Result<void, string>> => {
      const r = await this.deps.openShell(this.labId, this.size);
      if (!r.ok) return r;
      if (this.destroyed) {
        r.value.stream.destroy();
        return fail("TERMINAL_CLOSED", "The lab's terminal is closed.");
      }
      this.wire(r.value);
      return ok(undefined);
    })().finally(() => (this.opening = null));
    return this.opening;
  }

  private wire(exec: TtyExec): void {
    this.exec = exec;
    this.sawOutput = false;
    this.paused = false;
    const stream: Duplex = exec.stream;
    stream.on("data", (chunk: Buffer) => this.onOutput(exec, chunk));
    let gone = false;
    const onGone = () => {
      if (gone) return;
      gone = true;
      this.onExecGone(exec);
    };
    stream.on("end", onGone);
    stream.on("close", onGone);
    stream.on("error", (err: Error) => {
      this.log("lab.terminal.stream_error", { labId: this.labId, error: err.message });
      onGone();
    });
    this.log("lab.terminal.opened", { labId: this.labId, ...this.size });
    void this.pump();
  }

  private closeExec(): void {
    const exec = this.exec;
    this.exec = null;
    this.paused = false;
    if (!exec) return;
    exec.stream.removeAllListeners("data");
    exec.stream.on("error", () => {});
    exec.stream.destroy();
    this.log("lab.terminal.closed", { labId: this.labId });
  }

  private onExecGone(exec: TtyExec): void {
    if (exec !== this.exec) return;
    this.flush();
    this.exec = null;
    this.paused = false;
    if (this.destroyed) return;
    this.log("lab.terminal.shell_exited", { labId: this.labId });
    if (this.viewers.size === 0) return;
    const t = this.now();
    this.respawns = this.respawns.filter((at) => t - at < 60_000);
    if (this.respawns.length >= this.opts.maxRespawnsPerMinute) {
      this.destroy("the shell keeps exiting");
      this.onIdle(this);
      return;
    }
    this.respawns.push(t);
    this.broadcast(Buffer.from("\r\n[shell exited; starting a new one]\r\n"));
    setTimeout(() => {
      if (this.destroyed || this.exec || this.viewers.size === 0) return;
      void this.ensureExec().then((r) => {
        if (!r.ok && !this.destroyed) {
          this.destroy(r.message);
          this.onIdle(this);
        }
      });
    }, this.opts.respawnDelayMs).unref?.();
  }

  private applySize(): void {
    const exec = this.exec;
    if (!exec) return;
    exec.resize(this.size).catch((err: unknown) => this.log("lab.terminal.resize_failed", { labId: this.labId, error: String(err) }));
  }

  // ---- output -------------------------------------------------------------------------------

  private onOutput(exec: TtyExec, chunk: Buffer): void {
    if (exec !== this.exec) return;
    if (!this.sawOutput) {
      this.sawOutput = true;
      this.applySize();
    }
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= this.opts.maxBatchBytes) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pendingBytes === 0) return;
    const data = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.broadcast(data);
  }

  private broadcast(data: Buffer): void {
    this.replay.append(data);
    for (const v of this.viewers.values()) {
      if (v.lagging) continue;
      v.unacked += data.length;
      v.viewer.output(data);
    }
    this.checkPressure();
  }

  private slowest(): number {
    let max = 0;
    for (const v of this.viewers.values()) if (!v.lagging && v.unacked > max) max = v.unacked;
    return max;
  }

  private checkPressure(): void {
    const stream = this.exec?.stream;
    const slowest = this.slowest();
    if (!this.paused && slowest > this.opts.highWaterBytes && stream) {
      this.paused = true;
      stream.pause();
      this.lagTimer ??= setTimeout(() => this.markLagging(), this.opts.lagAfterMs);
      this.lagTimer.unref?.();
    } else if (this.paused && slowest <= this.opts.lowWaterBytes) {
      this.paused = false;
      stream?.resume();
      if (this.lagTimer) clearTimeout(this.lagTimer);
      this.lagTimer = null;
    }
  }

  /** The stream stayed paused: viewers still above the low watermark stop holding it back. */
  private markLagging(): void {
    this.lagTimer = null;
    if (!this.paused) return;
    for (const [id, v] of this.viewers) {
      if (!v.lagging && v.unacked > this.opts.lowWaterBytes) {
        v.lagging = true;
        this.log("lab.terminal.viewer_lagging", { labId: this.labId, viewer: id, unacked: v.unacked });
      }
    }
    this.checkPressure();
  }

  // ---- input --------------------------------------------------------------------------------

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.input.length && this.exec) {
        const stream = this.exec.stream;
        const first = this.input[0]!;
        const piece = first.subarray(0, this.opts.inputChunkBytes);
        if (piece.length === first.length) this.input.shift();
        else this.input[0] = first.subarray(piece.length);
        this.inputBytes -= piece.length;
        if (!stream.write(piece)) {
          await new Promise<void>((resolve) => {
            const done = () => {
              stream.off("drain", done);
              stream.off("close", done);
              resolve();
            };
            stream.on("drain", done);
            stream.on("close", done);
          });
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  // ---- idle ---------------------------------------------------------------------------------

  private scheduleIdle(): void {
    if (this.destroyed || this.viewers.size > 0 || this.attaching > 0 || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.viewers.size > 0 || this.attaching > 0) return;
      this.destroy("idle");
      this.onIdle(this);
    }, this.opts.idleCloseMs);
    this.idleTimer.unref?.();
  }

  private cancelIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

/** Statuses after which a lab's terminal is gone for good. */
const ENDED = new Set(["STOPPING", "STOPPED", "FAILED", "LOST"]);

/** One hub per lab, created on demand; idle hubs drop out, stopped labs' hubs are destroyed. */
export class TerminalHubs {
  private readonly hubs = new Map<string, TerminalHub>();

  constructor(private readonly deps: TerminalHubDeps) {}

  hub(labId: string): TerminalHub {
    let hub = this.hubs.get(labId);
    if (!hub || hub.isDestroyed) {
      hub = new TerminalHub(labId, this.deps, (h) => {
        if (this.hubs.get(labId) === h) this.hubs.delete(labId);
      });
      this.hubs.set(labId, hub);
    }
    return hub;
  }

  get(labId: string): TerminalHub | undefined {
    return this.hubs.get(labId);
  }

  get size(): number {
    return this.hubs.size;
  }

  destroy(labId: string, reason?: string): void {
    const hub = this.hubs.get(labId);
    this.hubs.delete(labId);
    hub?.destroy(reason);
  }

  destroyAll(reason = "the server is stopping"): void {
    for (const id of [...this.hubs.keys()]) this.destroy(id, reason);
  }

  /** Destroys a lab's hub when the lab stops (pass LabService.subscribe). */
  watch(subscribe: (listener: (e: { labId: string; status: string; reason?: string }) => void) => () => void): () => void {
    return subscribe((e) => {
      if (ENDED.has(e.status)) this.destroy(e.labId, e.status === "STOPPING" || e.status === "STOPPED" ? "the lab stopped" : `the lab is ${e.status.toLowerCase()}`);
    });
  }
}
