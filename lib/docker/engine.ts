import type { Duplex, Readable } from "node:stream";
import type Docker from "dockerode";
import type { ExecPipe } from "@/lib/docker/exec-pipe";

/**
 * The Docker Engine operations live labs need, behind a small interface so services take an
 * Engine as an argument (unit tests pass fakes) and nothing assumes there is only one engine.
 * lib/docker/dockerode-engine.ts implements it; lib/docker/engines.ts keeps one per engine id.
 */
export type ContainerCreateOptions = Docker.ContainerCreateOptions;

export interface ContainerSummary {
  id: string;
  names: string[];
  image: string;
  state: string;
  labels: Record<string, string>;
}

export interface ContainerState {
  id: string;
  name: string;
  running: boolean;
  status: string;
  exitCode: number;
  oomKilled: boolean;
  labels: Record<string, string>;
  hostConfig: Docker.HostConfig;
  user: string;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  user?: string;
  env?: string[];
  workingDir?: string;
  /** Give up (and report exit code -1) after this many ms; the process keeps running. */
  timeoutMs?: number;
}

/** A command whose output streams while it runs (lab file downloads, uploads through `tar -x`). */
export interface StreamExec {
  /** The process's stdout, as it comes. */
  stdout: Readable;
  /** Settles when the process has ended: its exit code (-1 after a timeout) and the start of its stderr. */
  done: Promise<{ exitCode: number; stderr: string }>;
}

export interface TtyExec {
  /** Raw TTY bytes both ways: write keystrokes, read the terminal output. */
  stream: Duplex;
  resize(size: { cols: number; rows: number }): Promise<void>;
  /** Resolves with the exit code once the process has ended (polls inspect). */
  exitCode(): Promise<number>;
}

export interface ImageInfo {
  id: string;
  labels: Record<string, string>;
  /** What a container of the image runs, unless told otherwise. */
  config: { env: string[]; cmd: string[]; entrypoint: string[]; workingDir: string; user: string };
}

export interface ProgressEvent {
  status: string;
  id?: string;
  current?: number;
  total?: number;
}

/** A container event from the engine's event stream (GET /events). */
export interface ContainerEvent {
  containerId: string;
  /** die, oom, destroy, ... (the filter names which). */
  action: string;
  /** The container's labels, as the engine reports them with the event. */
  labels: Record<string, string>;
  /** With "die": the main process's exit code. */
  exitCode?: number;
  at: Date;
}

export interface EventStream {
  /** Ends the subscription; `ended` is not called for a close. */
  close(): void;
}

export interface EngineInfo {
  serverVersion: string;
  apiVersion: string;
  runtimes: string[];
  defaultRuntime: string;
  cgroupVersion: string;
  containersRunning: number;
}

export interface Engine {
  readonly id: string;
  ping(): Promise<boolean>;
  info(): Promise<EngineInfo>;

  createContainer(opts: ContainerCreateOptions): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** Stops a container; an already stopped one is fine. */
  stopContainer(id: string, timeoutSeconds?: number): Promise<void>;
  /** Force-removes a container with its anonymous volumes; a missing one is fine. */
  removeContainer(id: string): Promise<void>;
  /** null when the container does not exist. */
  inspectContainer(id: string): Promise<ContainerState | null>;
  listContainers(labels: Record<string, string>): Promise<ContainerSummary[]>;
  waitContainer(id: string): Promise<number>;
  logs(id: string, tail?: number): Promise<string>;
  exec(id: string, cmd: string[], opts?: ExecOptions): Promise<ExecResult>;
  execTty(id: string, cmd: string[], opts: ExecOptions & { cols: number; rows: number }): Promise<TtyExec>;
  /**
   * A process whose stdin and stdout are a raw byte stream (no TTY), e.g. `nc 127.0.0.1 8080` to
   * tunnel a connection into the container's network namespace (lib/docker/exec-pipe.ts).
   */
  execPipe(id: string, cmd: string[], opts?: ExecOptions): Promise<ExecPipe>;
  /**
   * Runs a command with `stdin` piped to it (closed at its end) and its stdout streamed back, for
   * data too big to hold in memory.
   */
  execStream(id: string, cmd: string[], opts?: ExecOptions & { stdin?: Readable }): Promise<StreamExec>;
  /**
   * Extracts a tar archive (bytes or a stream) into a directory of the container (must be a volume
   * if the root is read-only). Owners come from the tar headers (the API's copyUIDGID looks the
   * container's user up by name, which a numeric "1000:1000" fails on Engine 20.10).
   */
  putArchive(id: string, dir: string, tar: Buffer | Readable): Promise<void>;
  /**
   * The Engine API's GET /containers/{id}/archive: a tar of `path` (a file, or a directory with
   * its contents), the top entry named by the path's base name; null when the path does not exist.
   * The engine reads the container's root and volumes, not its tmpfs mounts.
   */
  getArchive(id: string, path: string): Promise<Readable | null>;

  createVolume(name: string, opts: { driverOpts?: Record<string, string>; labels: Record<string, string> }): Promise<void>;
  removeVolume(name: string): Promise<void>;
  listVolumes(labels: Record<string, string>): Promise<{ name: string; labels: Record<string, string> }[]>;

  /** null when the image is not present. */
  inspectImage(ref: string): Promise<ImageInfo | null>;
  /** An image's whole filesystem as one tar (via a container that is created, exported and removed, never started). */
  exportImage(ref: string): Promise<Buffer>;
  /** Builds an image from a tar build context (a Dockerfile plus files) on the engine. */
  buildImage(context: Buffer, opts: { tag: string; labels?: Record<string, string> }, onProgress?: (e: ProgressEvent) => void): Promise<void>;
  /**
   * The console of a container created with Tty and OpenStdin: raw bytes both ways, with what the
   * container wrote before (its log) first unless `logs` is false. resize() sets the container's TTY
   * size. Closing the stream detaches; the container and its other attachments go on.
   */
  attachTty(id: string, opts: { cols: number; rows: number; logs?: boolean }): Promise<TtyExec>;
  importImage(tar: Readable, opts: { repo: string; tag: string; changes?: string[] }, onProgress?: (e: ProgressEvent) => void): Promise<void>;
  pullImage(ref: string, onProgress?: (e: ProgressEvent) => void): Promise<void>;
  removeImage(ref: string): Promise<void>;

  /**
   * Follows container events (of containers with these labels, these actions) until close().
   * Resolves once the engine accepted the subscription; `ended` is called once when the stream
   * ends by itself (the engine stopped or restarted, the connection broke).
   */
  containerEvents(filter: { labels: Record<string, string>; actions: string[] }, on: { event: (e: ContainerEvent) => void; ended: (error?: Error) => void }): Promise<EventStream>;
}

export class EngineError extends Error {
  constructor(
    readonly engineId: string,
    readonly operation: string,
    readonly statusCode: number | undefined,
    message: string,
  ) {
    super(`[engine ${engineId}] ${operation}: ${message}`);
    this.name = "EngineError";
  }
}
