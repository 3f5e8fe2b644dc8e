import type { TermSize, TerminalTap } from "@/lib/labs/terminal-options";
import { CastWriter } from "./asciicast";
import type { RecordingRecord } from "./repo";

/**
 * One lab's recorder: a TerminalTap that turns what the shared terminal carries into asciicast v2
 * lines and writes them to the database in chunks, in the background.
 *
 * Never in the terminal's way: every tap call only encodes and queues. Writes happen one at a time
 * after `flushMs` or once `chunkBytes` wait. At most `maxPendingBytes` wait (while the decision is
 * being made, or while the database is slow); past that, events are dropped and counted, and when
 * there is room again an "m" marker says how many bytes are missing. The file's size cap is the
 * writer's (asciicast.ts): past it the recording says so and stops.
 */
export type RecorderStart = { record: false; reason: string } | { record: true; recording: RecordingRecord; input: boolean; maxBytes: number };

export interface RecorderDeps {
  /** Decides and, when recording, creates (or finds) the lab's recording. `size` is the terminal's first size. */
  start(size: TermSize): Promise<RecorderStart>;
  append(recordingId: string, seq: number, data: Buffer, patch: { truncated?: boolean; droppedBytes?: number }): Promise<void>;
  end(recordingId: string, at: Date): Promise<void>;
  now?: () => number;
  log?: (event: string, fields?: Record<string, unknown>) => void;
  /** The recording started, or stopped at its size cap (the lab page's badge follows). */
  onState?: (state: "recording" | "stopped" | "off") => void;
  options?: Partial<RecorderOptions>;
}

export interface RecorderOptions {
  maxPendingBytes: number;
  flushMs: number;
  chunkBytes: number;
}

export const DEFAULT_RECORDER_OPTIONS: RecorderOptions = { maxPendingBytes: 1024 * 1024, flushMs: 1_000, chunkBytes: 64 * 1024 };

type Raw = { at: number; code: "o" | "i"; data: Buffer } | { at: number; code: "r"; size: TermSize };

export class TerminalRecorder implements TerminalTap {
  private state: "deciding" | "recording" | "off" | "closed" = "deciding";
  private readonly opts: RecorderOptions;
  private readonly now: () => number;
  private readonly log: (event: string, fields?: Record<string, unknown>) => void;
  /** Raw events while deciding. */
  private early: Raw[] = [];
  private earlyBytes = 0;
  /** Encoded lines waiting to be written. */
  private lines: string[] = [];
  private lineBytes = 0;
  private dropped = 0;
  private droppedUnreported = 0;
  private writer: CastWriter | null = null;
  private recordingId = "";
  private startedAt = 0;
  private keepInput = false;
  private seq = 0;
  private lastSize: TermSize | null = null;
  private firstSize: TermSize | null = null;
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private cappedReported = false;
  private reportedDropped = 0;
  private readonly started: Promise<void>;
  private kick: () => void = () => {};

  constructor(private readonly deps: RecorderDeps) {
    this.opts = { ...DEFAULT_RECORDER_OPTIONS, ...deps.options };
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? (() => {});
    // The decision waits for the first event, so the header gets the terminal's real size.
    const first = new Promise<void>((resolve) => {
      this.kick = resolve;
    });
    this.started = first.then(() => this.decide());
  }

  /** Bytes of terminal data left out so far (behind, or after the cap). */
  get droppedBytes(): number {
    return this.dropped;
  }

  get isRecording(): boolean {
    return this.state === "recording" && !this.writer?.isCapped;
  }

  output(data: Buffer): void {
    this.take({ at: this.now(), code: "o", data });
  }

  input(data: Buffer): void {
    if (this.state === "recording" && !this.keepInput) return;
    this.take({ at: this.now(), code: "i", data });
  }

  resize(size: TermSize): void {
    if (this.lastSize && this.lastSize.cols === size.cols && this.lastSize.rows === size.rows) return;
    const copy = { cols: size.cols, rows: size.rows };
    this.lastSize = copy;
    this.firstSize ??= copy;
    this.take({ at: this.now(), code: "r", size: copy });
  }

  /** Writes what waits and marks the recording ended (the lab stopped, the server is stopping). */
  async close(): Promise<void> {
    if (this.state === "closed") return;
    this.kick();
    await this.started;
    const wasRecording = this.state === "recording";
    this.state = "closed";
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!wasRecording) return;
    this.reportDrops((this.now() - this.startedAt) / 1000);
    await this.drain();
    await this.deps.end(this.recordingId, new Date(this.now())).catch((err: unknown) => this.log("recording.end_failed", { recordingId: this.recordingId, error: String(err) }));
  }

  /** Resolves when everything taken so far is written (tests, benchmarks). */
  async drain(): Promise<void> {
    await this.started;
    for (;;) {
      if (this.writing) await this.writing;
      else if (this.lineBytes > 0 && this.state !== "off") this.flush();
      else return;
    }
  }

  // ---- taking events ------------------------------------------------------------------------

  private take(e: Raw): void {
    const size = e.code === "r" ? 16 : e.data.length;
    if (this.state === "off" || this.state === "closed") return;
    if (this.state === "deciding") {
      if (this.earlyBytes + size > this.opts.maxPendingBytes) {
        this.dropped += size;
        this.droppedUnreported += size;
      } else {
        this.early.push(e);
        this.earlyBytes += size;
      }
      this.kick();
      return;
    }
    this.encode(e, size);
  }

  private encode(e: Raw, size: number): void {
    const w = this.writer!;
    if (w.isCapped) {
      this.dropped += size;
      return;
    }
    if (this.lineBytes + size > this.opts.maxPendingBytes) {
      this.dropped += size;
      this.droppedUnreported += size;
      return;
    }
    const t = (e.at - this.startedAt) / 1000;
    this.reportDrops(t);
    if (w.isCapped) {
      this.scheduleFlush(true);
      return;
    }
    const line = e.code === "r" ? w.resize(t, e.size.cols, e.size.rows) : w.data(t, e.code, e.data);
    this.push(line);
    this.scheduleFlush(w.isCapped || this.lineBytes >= this.opts.chunkBytes);
  }

  /** Bytes were left out since the last event: a marker says how many, where they are missing. */
  private reportDrops(t: number): void {
    if (this.droppedUnreported === 0 || !this.writer || this.writer.isCapped) return;
    const n = this.droppedUnreported;
    this.droppedUnreported = 0;
    this.push(this.writer.marker(t, `${n} bytes not recorded: the recorder fell behind`));
  }

  private push(line: string | null): void {
    if (line === null || line === "") return;
    this.lines.push(line);
    this.lineBytes += Buffer.byteLength(line);
  }

  // ---- deciding -----------------------------------------------------------------------------

  private async decide(): Promise<void> {
    let start: RecorderStart;
    try {
      start = await this.deps.start(this.firstSize ?? { cols: 80, rows: 24 });
    } catch (err) {
      this.log("recording.start_failed", { error: String(err) });
      start = { record: false, reason: "the recording could not be started" };
    }
    const early = this.early;
    this.early = [];
    this.earlyBytes = 0;
    if (!start.record) {
      this.state = "off";
      this.deps.onState?.("off");
      return;
    }
    const r = start.recording;
    if (r.truncated) {
      this.state = "off";
      this.deps.onState?.("stopped");
      return;
    }
    this.recordingId = r.id;
    this.startedAt = r.startedAt.getTime();
    this.keepInput = start.input;
    this.seq = r.chunks;
    const resumed = r.chunks > 0;
    this.writer = new CastWriter({ maxBytes: start.maxBytes }, r.bytes, resumed ? Math.max(0, (this.now() - this.startedAt) / 1000) : 0);
    this.state = "recording";
    if (!resumed) {
      const size = this.firstSize ?? { cols: 80, rows: 24 };
      this.push(this.writer.header({ width: size.cols, height: size.rows, timestamp: this.startedAt / 1000, env: { TERM: "xterm-256color", SHELL: "/bin/sh" } }));
    }
    this.deps.onState?.("recording");
    for (const e of early) {
      if (e.code === "i" && !this.keepInput) continue;
      // The header already has the first size.
      if (e.code === "r" && !resumed && e.size === this.firstSize) continue;
      this.encode(e, e.code === "r" ? 16 : e.data.length);
    }
    this.scheduleFlush(false);
  }

  // ---- writing ------------------------------------------------------------------------------

  private scheduleFlush(now: boolean): void {
    if (now) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      setImmediate(() => this.flush());
      return;
    }
    if (this.timer || this.writing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.opts.flushMs);
    this.timer.unref?.();
  }

  private flush(): void {
    if (this.writing || this.state === "deciding" || this.state === "off" || this.lineBytes === 0) return;
    const w = this.writer!;
    const data = Buffer.from(this.lines.join(""));
    this.lines = [];
    this.lineBytes = 0;
    const dropped = this.dropped;
    const capped = w.isCapped && !this.cappedReported;
    const seq = this.seq++;
    const patch = { ...(capped ? { truncated: true } : {}), ...(dropped > this.reportedDropped ? { droppedBytes: dropped - this.reportedDropped } : {}) };
    this.writing = this.deps
      .append(this.recordingId, seq, data, patch)
      .then(() => {
        this.reportedDropped = dropped;
        if (!capped) return;
        this.cappedReported = true;
        this.log("recording.capped", { recordingId: this.recordingId, bytes: w.bytes });
        this.deps.onState?.("stopped");
      })
      .catch((err: unknown) => {
        // The database did not take it: the chunk goes back to the front of the queue while it fits
        // (its seq reused: writes are one at a time), and is dropped and marked when it does not.
        this.log("recording.write_failed", { recordingId: this.recordingId, seq, error: String(err) });
        this.seq = seq;
        if (this.lineBytes + data.length <= this.opts.maxPendingBytes && this.state !== "closed") {
          this.lines.unshift(data.toString());
          this.lineBytes += data.length;
        } else {
          this.dropped += data.length;
          this.droppedUnreported += data.length;
        }
      })
      .finally(() => {
        this.writing = null;
        if (this.lineBytes > 0 && this.state !== "closed") this.scheduleFlush(false);
      });
  }
}
