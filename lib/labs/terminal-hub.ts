import type { Duplex } from "node:stream";
import type { TtyExec } from "@/lib/docker/engine";
import { fail, ok, type Result } from "@/lib/errors";
import { IdleTimer } from "@/lib/labs/idle-timer";
import { OutputBatcher } from "@/lib/labs/output-batcher";
import { RateWindow } from "@/lib/labs/rate-window";
import { ReplayBuffer } from "@/lib/labs/replay-buffer";
import { safeTap } from "@/lib/labs/safe-tap";
import { TerminalInput } from "@/lib/labs/terminal-input";
import { ScrollbackWriter } from "@/lib/labs/terminal-scrollback";
import {
  DEFAULT_HUB_OPTIONS,
  type LabLease,
  SKIPPED_MARKER,
  type TermSize,
  type TerminalErrorCode,
  type TerminalHubDeps,
  type TerminalHubOptions,
  type TerminalTap,
  type TerminalViewer,
} from "@/lib/labs/terminal-options";

interface ViewerState {
  viewer: TerminalViewer;
  /** Bytes sent and not yet acknowledged. */
  unacked: number;
  lagging: boolean;
}

/**
 * The shared lab terminal, framework-free: this process's ONE attachment to the lab's TTY, fanned
 * out to its viewers. The shell is the lab's interactive service itself (docs/decisions/0020), so
 * every server process attached to a lab sees the same output and types into the same shell.
 *
 * - The attachment is opened lazily on the first attach (with that viewer's size) and re-opened
 *   when it breaks while people watch (rate-limited). A hub with no viewers detaches after
 *   `idleCloseMs` (the shell goes on); a hub is destroyed when its lab stops.
 * - Scroll-back: the last `replayBytes` of output are replayed to late joiners and reconnects. A
 *   new hub starts from the shared scroll-back (`deps.scrollback`), which the holder of the lab's
 *   lease (`deps.lease`) keeps; the holder alone taps the recorder. A lab nobody watched yet is
 *   attached with its TTY's history instead (its first prompt).
 * - Input only from viewers allowed to type (TerminalInput writes it as the TTY drains).
 * - Resize: last size wins (only typing viewers resize, so a watcher's small window doesn't shrink
 *   the participants' shell). Sizes sent before the exec exists are applied once it does, and the
 *   size is sent again on the first output byte, when the process surely runs (the engine ignores
 *   resizes of an exec that is still starting).
 * - Flow control (docs/decisions/0006: `yes` must not freeze browsers nor grow server memory).
 *   A viewer is as far behind as the larger of what its transport still holds (`queuedBytes`)
 *   and what it has not acked (acks are capped at what was sent: lying about acks gains
 *   nothing). Past `maxBehindBytes` it is "lagging" and sent nothing until it catches up, then
 *   skips to the live tail. Only typing viewers pace the lab: the slowest of them past
 *   `highWaterBytes` pauses the docker stream (back-pressure reaches the container) for at most
 *   `lagAfterMs`; a read-only viewer never pauses it.
 */
export class TerminalHub {
  private readonly opts: TerminalHubOptions;
  private readonly viewers = new Map<string, ViewerState>();
  private readonly replay: ReplayBuffer;
  private exec: TtyExec | null = null;
  private opening: Promise<Result<void, string>> | null = null;
  private size: TermSize = { cols: 80, rows: 24 };
  private sawOutput = false;
  private paused = false;
  private readonly batcher: OutputBatcher;
  private readonly input: TerminalInput;
  private attaching = 0;
  private readonly idle: IdleTimer;
  private lagTimer: NodeJS.Timeout | null = null;
  private recheckTimer: NodeJS.Timeout | null = null;
  private respawning = false;
  private readonly respawns: RateWindow;
  private destroyed = false;
  private readonly log: (event: string, fields?: Record<string, unknown>) => void;
  private tapped: TerminalTap | undefined | null = null;
  private readonly scrollback: ScrollbackWriter | undefined;
  private readonly lease: LabLease | undefined;
  private seeded = false;

  constructor(
    readonly labId: string,
    private readonly deps: TerminalHubDeps,
    private readonly onIdle: (hub: TerminalHub) => void = () => {},
  ) {
    this.opts = { ...DEFAULT_HUB_OPTIONS, ...deps.options };
    this.replay = new ReplayBuffer(this.opts.replayBytes);
    this.batcher = new OutputBatcher(this.opts.maxBatchBytes, (data) => this.broadcast(data));
    this.input = new TerminalInput({ chunkBytes: this.opts.inputChunkBytes, maxQueuedBytes: this.opts.maxQueuedInputBytes }, () => this.exec?.stream ?? null);
    this.log = deps.log ?? (() => {});
    this.respawns = new RateWindow(this.opts.maxRespawnsPerMinute, 60_000, deps.now);
    this.scrollback = deps.scrollback && new ScrollbackWriter(deps.scrollback, labId, this.opts.maxBehindBytes, this.log);
    this.lease = deps.lease?.(labId, (held) => {
      this.log(held ? "lab.terminal.lease_taken" : "lab.terminal.lease_lost", { labId });
      if (!held) return;
      // What this hub saw is the shared scroll-back as it was when it opened, and all since: it
      // fills what went unwritten between the last holder's end and now.
      this.batcher.flush();
      if (this.exec) this.scrollback?.replace(this.replay.snapshot());
      this.tap?.resize(this.size);
    });
    this.idle = new IdleTimer(
      this.opts.idleCloseMs,
      () => !this.destroyed && this.viewers.size === 0 && this.attaching === 0,
      () => {
        this.destroy("idle");
        this.onIdle(this);
      },
    );
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

  /** Whether this process writes the lab's scroll-back and recording now (always, without a lease). */
  get isWriter(): boolean {
    return this.lease ? this.lease.held : true;
  }

  /** The recorder's tap while this process is the writer; asked for once, when first needed. */
  private get tap(): TerminalTap | undefined {
    if (!this.isWriter) return undefined;
    if (this.tapped === null) {
      const tap = this.deps.tap?.(this.labId);
      this.tapped = tap && safeTap(tap, (error) => this.log("lab.terminal.tap_failed", { labId: this.labId, error: String(error) }));
    }
    return this.tapped;
  }

  /** Flow-control state of one viewer (for tests and metrics). */
  viewerState(id: string): { unacked: number; lagging: boolean } | undefined {
    const v = this.viewers.get(id);
    return v && { unacked: v.unacked, lagging: v.lagging };
  }

  /** What the viewers' transports hold right now, in bytes (for tests and metrics). */
  queuedBytes(): number {
    let n = 0;
    for (const v of this.viewers.values()) n += v.viewer.queuedBytes?.() ?? 0;
    return n;
  }

  /** Adds a viewer (opening the exec if needed) and returns the scroll-back to replay. */
  async attach(viewer: TerminalViewer, size: TermSize): Promise<Result<{ replay: Buffer }, string>> {
    if (this.destroyed) return fail("TERMINAL_CLOSED", "The lab's terminal is closed.");
    this.idle.cancel();
    if (viewer.canType || !this.exec) this.size = size;
    this.attaching++;
    let opened: Result<void, string>;
    try {
      opened = await this.ensureExec();
    } finally {
      this.attaching--;
    }
    if (!opened.ok) {
      this.idle.schedule();
      return opened;
    }
    if (this.destroyed) return fail("TERMINAL_CLOSED", "The lab's terminal is closed.");
    if (viewer.canType) this.applySize();
    // Flush what is batched first, so the snapshot and the live stream neither overlap nor gap.
    this.batcher.flush();
    const replay = this.replay.snapshot();
    this.viewers.get(viewer.id)?.viewer.ended("replaced by a new attachment");
    this.viewers.set(viewer.id, { viewer, unacked: 0, lagging: false });
    return ok({ replay });
  }

  detach(viewerId: string): void {
    if (!this.viewers.delete(viewerId)) return;
    this.recheck();
    this.idle.schedule();
  }

  /** Keystrokes or a paste from a viewer; refused for read-only viewers. */
  write(viewerId: string, data: string | Buffer): Result<void, TerminalErrorCode | string> {
    const v = this.viewers.get(viewerId);
    if (!v) return fail("NOT_ATTACHED", "Attach to the terminal first.");
    if (!v.viewer.canType) return fail("READ_ONLY", "You are watching this lab read-only.");
    // Input is only taken for a live shell or one being (re)started: never acked into a dead one.
    if (this.destroyed || (!this.exec && !this.opening && !this.respawning)) return fail("TERMINAL_CLOSED", "The terminal has ended.");
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    if (!this.input.push(bytes)) return fail("INPUT_OVERFLOW", "Too much input at once; wait for the terminal to catch up.");
    this.deps.meter?.input(bytes.length);
    this.tap?.input(bytes);
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
    // Credit never exceeds what was sent: acking bytes in advance buys nothing.
    v.unacked = Math.max(0, v.unacked - bytes);
    this.recheck();
    return ok(undefined);
  }

  /**
   * Ends the terminal for good (the lab stopped). `tellViewers: false` when this process stops: the
   * shell goes on, and the viewers, whose sockets close, attach again on another process.
   */
  destroy(reason = "the lab stopped", opts: { tellViewers?: boolean } = {}): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.idle.cancel();
    if (this.lagTimer) clearTimeout(this.lagTimer);
    this.lagTimer = null;
    this.stopRecheck();
    this.batcher.flush();
    if (opts.tellViewers !== false) for (const v of this.viewers.values()) v.viewer.ended(reason);
    this.viewers.clear();
    this.input.clear();
    this.closeExec();
    void this.lease?.stop();
  }

  // ---- exec ---------------------------------------------------------------------------------

  private ensureExec(): Promise<Result<void, string>> {
    if (this.exec) return Promise.resolve(ok(undefined));
    this.opening ??= (async (): Promise<Result<void, string>> => {
      let r: Result<TtyExec, string>;
      try {
        await this.seed();
        r = await this.deps.openShell(this.labId, this.size, { history: this.replay.length === 0 });
      } catch (err) {
        // An engine that is down or restarting, a container that died: the viewers are told.
        this.log("lab.terminal.open_failed", { labId: this.labId, error: err instanceof Error ? err.message : String(err) });
        return fail("TERMINAL_UNAVAILABLE", "The lab's terminal is unavailable: its container is not running.");
      }
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

  /** A new hub starts with the lab's shared scroll-back (read before attaching: no byte twice). */
  private async seed(): Promise<void> {
    if (this.seeded || !this.deps.scrollback) return;
    this.seeded = true;
    try {
      const saved = await this.deps.scrollback.read(this.labId);
      if (saved.length && this.replay.length === 0) this.replay.append(saved);
    } catch (error) {
      this.log("lab.terminal.scrollback_unreadable", { labId: this.labId, error: String(error) });
    }
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
    this.lease?.start();
    this.input.pump();
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
    this.batcher.flush();
    this.exec = null;
    this.paused = false;
    if (this.destroyed) return;
    this.log("lab.terminal.detached", { labId: this.labId });
    if (this.viewers.size === 0) return;
    if (!this.respawns.take()) {
      this.destroy("the shell keeps exiting");
      this.onIdle(this);
      return;
    }
    this.respawning = true;
    this.broadcast(Buffer.from("\r\n[the terminal's connection broke; attaching again]\r\n"));
    setTimeout(() => {
      if (this.destroyed || this.exec || this.viewers.size === 0) {
        this.respawning = false;
        return;
      }
      void this.ensureExec().then((r) => {
        this.respawning = false;
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
    this.tap?.resize(this.size);
    exec.resize(this.size).catch((err: unknown) => this.log("lab.terminal.resize_failed", { labId: this.labId, error: String(err) }));
  }

  // ---- output -------------------------------------------------------------------------------

  private onOutput(exec: TtyExec, chunk: Buffer): void {
    if (exec !== this.exec) return;
    if (!this.sawOutput) {
      this.sawOutput = true;
      this.applySize();
    }
    this.batcher.push(chunk);
  }

  private broadcast(data: Buffer): void {
    this.deps.meter?.output(data.length);
    this.replay.append(data);
    if (this.isWriter) {
      this.scrollback?.append(data);
      this.tap?.output(data);
    }
    for (const [id, v] of this.viewers) {
      if (v.lagging) continue;
      if (this.behind(v) + data.length > this.opts.maxBehindBytes) {
        this.startLagging(id, v);
        continue;
      }
      v.unacked += data.length;
      v.viewer.output(data);
    }
    this.recheck();
  }

  /** How far a viewer is behind: what its transport still holds, or what it has not rendered. */
  private behind(v: ViewerState): number {
    return Math.max(v.unacked, v.viewer.queuedBytes?.() ?? 0);
  }

  private startLagging(id: string, v: ViewerState): void {
    v.lagging = true;
    this.log("lab.terminal.viewer_lagging", { labId: this.labId, viewer: id, unacked: v.unacked, queued: v.viewer.queuedBytes?.() ?? 0 });
  }

  /** Re-syncs lagging viewers that caught up, then paces the stream; keeps checking while needed. */
  private recheck(): void {
    let lagging = false;
    for (const [id, v] of this.viewers) {
      if (!v.lagging) continue;
      if (this.behind(v) <= this.opts.lowWaterBytes) this.resync(id, v);
      else lagging = true;
    }
    this.checkPressure();
    if (lagging || this.paused) {
      this.recheckTimer ??= setTimeout(() => {
        this.recheckTimer = null;
        if (!this.destroyed) this.recheck();
      }, this.opts.recheckMs);
      this.recheckTimer.unref?.();
    } else {
      this.stopRecheck();
    }
  }

  private stopRecheck(): void {
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    this.recheckTimer = null;
  }

  /** A lagging viewer caught up with what it had: it skips to the live tail, with a marker. */
  private resync(id: string, v: ViewerState): void {
    const batched = this.batcher.pendingBytes > 0;
    if (batched) this.batcher.flush(); // the replay then holds everything, and `flush` re-checks.
    if (!v.lagging) return;
    const tail = Buffer.concat([Buffer.from(SKIPPED_MARKER), this.replay.snapshot()]);
    v.lagging = false;
    v.unacked = tail.length;
    v.viewer.output(tail, { reset: true });
    this.log("lab.terminal.viewer_resynced", { labId: this.labId, viewer: id, batched });
  }

  /** Only viewers who can type pace the lab; the slowest of them, unless it lags. */
  private slowest(): number {
    let max = 0;
    for (const v of this.viewers.values()) if (v.viewer.canType && !v.lagging) max = Math.max(max, this.behind(v));
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

  /** The stream stayed paused: typists still above the low watermark stop holding it back. */
  private markLagging(): void {
    this.lagTimer = null;
    if (!this.paused) return;
    for (const [id, v] of this.viewers) {
      if (v.viewer.canType && !v.lagging && this.behind(v) > this.opts.lowWaterBytes) this.startLagging(id, v);
    }
    this.recheck();
  }
}
