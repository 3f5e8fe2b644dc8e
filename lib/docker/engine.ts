import { existsSync } from "node:fs";
import path from "node:path";
import { PassThrough, type Duplex, type Readable } from "node:stream";
import Docker from "dockerode";
import { env } from "@/lib/env";

/**
 * The Docker Engine operations live labs need, behind a small interface so services take an
 * Engine as an argument (unit tests pass fakes) and nothing assumes there is only one engine.
 * Every call is logged at debug level with its container id; benign codes (304 on stop, 404 on
 * remove) are treated as success.
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

export interface TtyExec {
  /** Raw TTY bytes both ways: write keystrokes, read the terminal output. */
  stream: Duplex;
  resize(size: { cols: number; rows: number }): Promise<void>;
  /** Resolves with the exit code once the process has ended (polls inspect). */
  exitCode(): Promise<number>;
}

export interface ProgressEvent {
  status: string;
  id?: string;
  current?: number;
  total?: number;
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
   * Extracts a tar archive into a directory of the container (must be a volume if the root is
   * read-only). Owners come from the tar headers.
   */
  putArchive(id: string, dir: string, tar: Buffer): Promise<void>;

  createVolume(name: string, opts: { driverOpts?: Record<string, string>; labels: Record<string, string> }): Promise<void>;
  removeVolume(name: string): Promise<void>;
  listVolumes(labels: Record<string, string>): Promise<{ name: string; labels: Record<string, string> }[]>;

  /** null when the image is not present. */
  inspectImage(ref: string): Promise<{ id: string; labels: Record<string, string> } | null>;
  importImage(
    tar: Readable,
    opts: { repo: string; tag: string; changes?: string[] },
    onProgress?: (e: ProgressEvent) => void,
  ): Promise<void>;
  pullImage(ref: string, onProgress?: (e: ProgressEvent) => void): Promise<void>;
  removeImage(ref: string): Promise<void>;
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

type Logger = (msg: string, fields: Record<string, unknown>) => void;

const defaultLogger: Logger = (msg, fields) => {
  if (env().LOG_LEVEL === "debug") console.debug(`[docker] ${msg}`, JSON.stringify(fields));
};

interface DockerodeError {
  statusCode?: number;
  json?: { message?: string } | null;
  message?: string;
}

function statusOf(err: unknown): number | undefined {
  return (err as DockerodeError | null)?.statusCode;
}

function messageOf(err: unknown): string {
  const e = err as DockerodeError | null;
  return e?.json?.message ?? e?.message ?? String(err);
}

/** Splits Docker's multiplexed stdout/stderr framing (8-byte headers) of a non-TTY stream. */
export function demuxDockerStream(buf: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const kind = buf[i];
    const size = buf.readUInt32BE(i + 4);
    const chunk = buf.subarray(i + 8, i + 8 + size);
    (kind === 2 ? err : out).push(chunk);
    i += 8 + size;
  }
  return { stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

function labelFilter(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`);
}

export class DockerodeEngine implements Engine {
  constructor(
    readonly id: string,
    private readonly docker: Docker,
    private readonly log: Logger = defaultLogger,
  ) {}

  private async call<T>(operation: string, fields: Record<string, unknown>, fn: () => Promise<T>, benign: number[] = []): Promise<T | undefined> {
    const started = Date.now();
    try {
      const value = await fn();
      this.log(operation, { engine: this.id, ...fields, ms: Date.now() - started });
      return value;
    } catch (err) {
      const code = statusOf(err);
      if (code !== undefined && benign.includes(code)) {
        this.log(`${operation} (benign ${code})`, { engine: this.id, ...fields });
        return undefined;
      }
      this.log(`${operation} failed`, { engine: this.id, ...fields, code, error: messageOf(err) });
      throw new EngineError(this.id, operation, code, messageOf(err));
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.call("ping", {}, () => this.docker.ping());
      return true;
    } catch {
      return false;
    }
  }

  async info(): Promise<EngineInfo> {
    const [info, version] = await Promise.all([
      this.call("info", {}, () => this.docker.info() as Promise<Record<string, unknown>>),
      this.call("version", {}, () => this.docker.version()),
    ]);
    return {
      serverVersion: String(info?.ServerVersion ?? ""),
      apiVersion: version?.ApiVersion ?? "",
      runtimes: Object.keys((info?.Runtimes as Record<string, unknown>) ?? {}),
      defaultRuntime: String(info?.DefaultRuntime ?? ""),
      cgroupVersion: String(info?.CgroupVersion ?? ""),
      containersRunning: Number(info?.ContainersRunning ?? 0),
    };
  }

  async createContainer(opts: ContainerCreateOptions): Promise<string> {
    const c = await this.call("container.create", { name: opts.name, image: opts.Image }, () => this.docker.createContainer(opts));
    this.log("container.created", { engine: this.id, container: c!.id, name: opts.name });
    return c!.id;
  }

  async startContainer(id: string): Promise<void> {
    await this.call("container.start", { container: id }, () => this.docker.getContainer(id).start(), [304]);
  }

  async stopContainer(id: string, timeoutSeconds = 2): Promise<void> {
    await this.call("container.stop", { container: id }, () => this.docker.getContainer(id).stop({ t: timeoutSeconds }), [304, 404]);
  }

  async removeContainer(id: string): Promise<void> {
    // 409 "removal already in progress" is benign too: someone else is removing it.
    await this.call("container.remove", { container: id }, () => this.docker.getContainer(id).remove({ force: true, v: true }), [404, 409]);
  }

  async inspectContainer(id: string): Promise<ContainerState | null> {
    const i = await this.call("container.inspect", { container: id }, () => this.docker.getContainer(id).inspect(), [404]);
    if (!i) return null;
    return {
      id: i.Id,
      name: i.Name.replace(/^\//, ""),
      running: i.State.Running,
      status: i.State.Status,
      exitCode: i.State.ExitCode,
      oomKilled: i.State.OOMKilled,
      labels: i.Config.Labels ?? {},
      hostConfig: i.HostConfig,
      user: i.Config.User,
    };
  }

  async listContainers(labels: Record<string, string>): Promise<ContainerSummary[]> {
    const list = await this.call("container.list", { labels }, () =>
      this.docker.listContainers({ all: true, filters: { label: labelFilter(labels) } }),
    );
    return (list ?? []).map((c) => ({ id: c.Id, names: c.Names.map((n) => n.replace(/^\//, "")), image: c.Image, state: c.State, labels: c.Labels ?? {} }));
  }

  async waitContainer(id: string): Promise<number> {
    const r = await this.call("container.wait", { container: id }, () => this.docker.getContainer(id).wait() as Promise<{ StatusCode: number }>);
    return r!.StatusCode;
  }

  async logs(id: string, tail = 200): Promise<string> {
    const buf = await this.call("container.logs", { container: id }, () =>
      this.docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false, tail }) as unknown as Promise<Buffer>,
    );
    const { stdout, stderr } = demuxDockerStream(buf!);
    return stdout + stderr;
  }

  async exec(id: string, cmd: string[], opts: ExecOptions = {}): Promise<ExecResult> {
    const container = this.docker.getContainer(id);
    const exec = await this.call("exec.create", { container: id, cmd }, () =>
      container.exec({ Cmd: cmd, User: opts.user, Env: opts.env, WorkingDir: opts.workingDir, AttachStdout: true, AttachStderr: true }),
    );
    const stream = await this.call("exec.start", { container: id }, () => exec!.start({ hijack: true, stdin: false }));
    const out = new PassThrough();
    const err = new PassThrough();
    const outChunks: Buffer[] = [];
    const errChunks: Buffer[] = [];
    out.on("data", (c: Buffer) => outChunks.push(c));
    err.on("data", (c: Buffer) => errChunks.push(c));
    this.docker.modem.demuxStream(stream!, out, err);
    const finished = new Promise<boolean>((resolve) => {
      stream!.on("end", () => resolve(true));
      stream!.on("close", () => resolve(true));
      stream!.on("error", () => resolve(true));
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = opts.timeoutMs
      ? new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), opts.timeoutMs)))
      : new Promise<boolean>(() => {});
    const done = await Promise.race([finished, timedOut]);
    clearTimeout(timer);
    if (!done) stream!.destroy();
    const info = done ? await this.call("exec.inspect", { container: id }, () => exec!.inspect()) : undefined;
    return {
      exitCode: done ? (info?.ExitCode ?? -1) : -1,
      stdout: Buffer.concat(outChunks).toString("utf8"),
      stderr: Buffer.concat(errChunks).toString("utf8"),
    };
  }

  async execTty(id: string, cmd: string[], opts: ExecOptions & { cols: number; rows: number }): Promise<TtyExec> {
    const container = this.docker.getContainer(id);
    const exec = await this.call("exec.create", { container: id, cmd, tty: true }, () =>
      container.exec({
        Cmd: cmd,
        User: opts.user,
        Env: opts.env,
        WorkingDir: opts.workingDir,
        Tty: true,
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
      }),
    );
    const stream = await this.call("exec.start", { container: id, tty: true }, () =>
      exec!.start({ hijack: true, stdin: true, Tty: true }),
    );
    const resize = async ({ cols, rows }: { cols: number; rows: number }) => {
      // 500/409 while the process is still starting or already gone: a resize is best-effort.
      await this.call("exec.resize", { container: id, cols, rows }, () => exec!.resize({ w: cols, h: rows }), [404, 409, 500]);
    };
    await resize({ cols: opts.cols, rows: opts.rows });
    const exitCode = async () => {
      for (;;) {
        const i = await this.call("exec.inspect", { container: id }, () => exec!.inspect(), [404]);
        if (!i) return -1;
        if (!i.Running) return i.ExitCode ?? -1;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    return { stream: stream as Duplex, resize, exitCode };
  }

  async putArchive(id: string, dir: string, tar: Buffer): Promise<void> {
    await this.call("container.putArchive", { container: id, dir, bytes: tar.length }, () =>
      this.docker.getContainer(id).putArchive(tar, { path: dir }),
    );
  }

  async createVolume(name: string, opts: { driverOpts?: Record<string, string>; labels: Record<string, string> }): Promise<void> {
    await this.call("volume.create", { volume: name }, () =>
      this.docker.createVolume({ Name: name, Driver: "local", DriverOpts: opts.driverOpts ?? {}, Labels: opts.labels }),
    );
  }

  async removeVolume(name: string): Promise<void> {
    await this.call("volume.remove", { volume: name }, () => this.docker.getVolume(name).remove({ force: true }), [404]);
  }

  async listVolumes(labels: Record<string, string>): Promise<{ name: string; labels: Record<string, string> }[]> {
    const r = await this.call("volume.list", { labels }, () => this.docker.listVolumes({ filters: { label: labelFilter(labels) } }));
    return (r?.Volumes ?? []).map((v) => ({ name: v.Name, labels: v.Labels ?? {} }));
  }

  async inspectImage(ref: string): Promise<{ id: string; labels: Record<string, string> } | null> {
    const i = await this.call("image.inspect", { image: ref }, () => this.docker.getImage(ref).inspect(), [404]);
    return i ? { id: i.Id, labels: i.Config?.Labels ?? {} } : null;
  }

  async importImage(
    tar: Readable,
    opts: { repo: string; tag: string; changes?: string[] },
    onProgress?: (e: ProgressEvent) => void,
  ): Promise<void> {
    const stream = await this.call("image.import", { image: `${opts.repo}:${opts.tag}` }, () =>
      this.docker.importImage(tar, { repo: opts.repo, tag: opts.tag, changes: opts.changes ?? [] }),
    );
    await this.followProgress("image.import", stream!, onProgress);
  }

  async pullImage(ref: string, onProgress?: (e: ProgressEvent) => void): Promise<void> {
    const stream = await this.call("image.pull", { image: ref }, () => this.docker.pull(ref) as Promise<NodeJS.ReadableStream>);
    await this.followProgress("image.pull", stream!, onProgress);
  }

  async removeImage(ref: string): Promise<void> {
    await this.call("image.remove", { image: ref }, () => this.docker.getImage(ref).remove({ force: true }), [404]);
  }

  private followProgress(operation: string, stream: NodeJS.ReadableStream, onProgress?: (e: ProgressEvent) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.docker.modem.followProgress(
        stream,
        (err: Error | null, output: { error?: string; errorDetail?: { message?: string } }[]) => {
          const failed = err?.message ?? output?.find((o) => o.error)?.error;
          if (failed) reject(new EngineError(this.id, operation, undefined, failed));
          else resolve();
        },
        (e: { status?: string; id?: string; progressDetail?: { current?: number; total?: number }; error?: string }) => {
          if (e.error) return;
          onProgress?.({ status: e.status ?? "", id: e.id, current: e.progressDetail?.current, total: e.progressDetail?.total });
        },
      );
    });
  }
}

/** The project-local engine socket started by scripts/docker-engine.sh. */
export function projectSocketPath(): string {
  return path.resolve(env().LAB_ENGINE_DIR, "docker.sock");
}

/** Where the "local" engine lives: DOCKER_HOST, else /var/run/docker.sock, else the project socket. */
export function localDockerOptions(): Docker.DockerOptions {
  const host = env().DOCKER_HOST;
  if (host) {
    if (host.startsWith("unix://")) return { socketPath: host.slice("unix://".length) };
    const url = new URL(host.replace(/^tcp:/, "http:"));
    return { host: url.hostname, port: Number(url.port || 2375), protocol: "http" };
  }
  if (existsSync("/var/run/docker.sock")) return { socketPath: "/var/run/docker.sock" };
  return { socketPath: projectSocketPath() };
}

const globalForEngines = globalThis as unknown as {
  mingleEngines?: Map<string, Engine>;
  mingleEngineOptions?: Map<string, Docker.DockerOptions>;
};

function engines(): Map<string, Engine> {
  return (globalForEngines.mingleEngines ??= new Map());
}

function engineOptions(): Map<string, Docker.DockerOptions> {
  return (globalForEngines.mingleEngineOptions ??= new Map());
}

/** Registers how to reach an engine (e.g. a backing host over mutual TLS). Replaces a cached client. */
export function registerEngine(id: string, options: Docker.DockerOptions): void {
  engineOptions().set(id, options);
  engines().delete(id);
}

/** One client per engine, cached on globalThis (shared by the custom server and Next's bundles). */
export function getEngine(id = "local"): Engine {
  const cached = engines().get(id);
  if (cached) return cached;
  const options = engineOptions().get(id) ?? (id === "local" ? localDockerOptions() : undefined);
  if (!options) throw new Error(`Unknown Docker engine "${id}"; call registerEngine first.`);
  const engine = new DockerodeEngine(id, new Docker(options));
  engines().set(id, engine);
  return engine;
}

/** Ids of every engine known to this process. */
export function engineIds(): string[] {
  return [...new Set(["local", ...engineOptions().keys()])];
}
