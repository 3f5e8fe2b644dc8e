import type { TtyExec } from "@/lib/docker/engine";
import type { Result } from "@/lib/errors";
import type { ScrollbackStore } from "@/lib/labs/terminal-scrollback";

/** The shared terminal's vocabulary: sizes, viewers, tuning and the hub's dependencies (see terminal-hub.ts). */
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
  /**
   * Bytes handed to this viewer's transport that it has not yet written to the network (the
   * server memory this viewer holds). Absent: only acks count.
   */
  queuedBytes?(): number;
}

export interface TerminalHubOptions {
  replayBytes: number;
  highWaterBytes: number;
  lowWaterBytes: number;
  /** A viewer further behind than this (queued or unacknowledged) is skipped to the live tail. */
  maxBehindBytes: number;
  lagAfterMs: number;
  /** While the stream is paused or a viewer lags, how often transports are checked for having drained. */
  recheckMs: number;
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
  maxBehindBytes: 1024 * 1024,
  lagAfterMs: 5_000,
  recheckMs: 100,
  idleCloseMs: 60_000,
  inputChunkBytes: 4096,
  maxQueuedInputBytes: 1024 * 1024,
  maxBatchBytes: 64 * 1024,
  respawnDelayMs: 300,
  maxRespawnsPerMinute: 5,
};

export type TerminalErrorCode = "NOT_ATTACHED" | "READ_ONLY" | "INPUT_OVERFLOW" | "TERMINAL_CLOSED" | "TERMINAL_UNAVAILABLE";

/** Shown (in reverse video) at the top of a viewer's screen when it was skipped to the live tail. */
export const SKIPPED_MARKER = "\x1b[7m[… output skipped: you fell behind …]\x1b[0m\r\n";

/** Attaches to the lab's TTY; `history`: with what it printed before (the hub has no scroll-back yet). */
export type OpenShell = (labId: string, size: TermSize, opts: { history: boolean }) => Promise<Result<TtyExec, string>>;

/** A per-lab lease (terminal-lease.ts): while `held`, this process writes the lab's scroll-back and recording. */
export interface LabLease {
  readonly held: boolean;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Sees everything the terminal carries: each output batch as viewers get it, each accepted input
 * write, each size applied (a recorder, lib/recordings). Called synchronously on the hub's path, so
 * it must return at once: queue, never wait. A tap that throws is ignored, never the terminal.
 */
export interface TerminalTap {
  output(data: Buffer): void;
  input(data: Buffer): void;
  resize(size: TermSize): void;
}

export interface TerminalMeter {
  output(bytes: number): void;
  input(bytes: number): void;
}

export interface TerminalHubDeps {
  openShell: OpenShell;
  /** The lab's tap, asked once per hub (when it first holds the lease); none when left out or undefined. */
  tap?: (labId: string) => TerminalTap | undefined;
  /** Counts the bytes this process's hubs take from the shells and from their viewers (metrics), writer or not. */
  meter?: TerminalMeter;
  /**
   * Scroll-back shared with the other server processes: a new hub starts with it, and the lease
   * holder writes it. Left out: each hub's own replay only (one process).
   */
  scrollback?: ScrollbackStore;
  /** The lab's lease among server processes. Left out: this process is the only one, and always writes. */
  lease?: (labId: string, onChange: (held: boolean) => void) => LabLease;
  options?: Partial<TerminalHubOptions>;
  log?: (event: string, fields?: Record<string, unknown>) => void;
  now?: () => number;
}
