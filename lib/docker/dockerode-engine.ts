import { type Duplex, PassThrough, Readable } from "node:stream";
import type Docker from "dockerode";
import {
  EngineError,
  type ContainerCreateOptions,
  type ContainerEvent,
  type ContainerState,
  type ContainerSummary,
  type Engine,
  type EngineInfo,
  type EventStream,
  type ExecOptions,
  type ExecResult,
  type ImageInfo,
  type ProgressEvent,
  type StreamExec,
  type TtyExec,
} from "@/lib/docker/engine";
import { demuxDockerStream, parseContainerEvent } from "@/lib/docker/engine-wire";
import { streamedExec } from "@/lib/docker/streamed-exec";
import { env } from "@/lib/env";
import { ExecPipe } from "@/lib/docker/exec-pipe";

/**
 * Engine on dockerode. Every call is logged at debug level with its container id; benign codes
 * (304 on stop, 404 on remove) are treated as success.
 */
type Logger = (msg: string, fields: Record<string, unknown>) => void;

const defaultLogger: Logger = (msg, fields) => {
  if (env().LOG_LEVEL === "debug") console.debug(`[docker] ${msg}`, JSON.stringify(fields));
};

interface DockerodeError {
  statusCode?: number;
  json?: { message?: string } | null;
  message?: string;
}

/** How much of a streaming exec's stderr is kept for its result. */

function statusOf(err: unknown): number | undefined {
  return (err as DockerodeError | null)?.statusCode;
}

function messageOf(err: unknown): string {
  const e = err as DockerodeError | null;
  return e?.json?.message ?? e?.message ?? String(err);
}

function labelFilter(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`);
}

export class DockerodeEngine implements Engine {
  /**
   * @param probe a client on the same engine that never reuses a connection (no keep-alive), for
   *   ping(): a stopping dockerd closes its listener first but goes on serving the connections it
   *   has, so a ping on a pooled connection says "up" while the engine is killing its containers.
   */
  constructor(
    readonly id: string,
    private readonly docker: Docker,
    private readonly log: Logger = defaultLogger,
    private readonly probe: Docker = docker,
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
      await this.call("ping", {}, () => this.probe.ping());
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
    const list = await this.call("container.list", { labels }, () => this.docker.listContainers({ all: true, filters: { label: labelFilter(labels) } }));
    return (list ?? []).map((c) => ({ id: c.Id, names: c.Names.map((n) => n.replace(/^\//, "")), image: c.Image, state: c.State, labels: c.Labels ?? {} }));
  }

  async waitContainer(id: string): Promise<number> {
    const r = await this.call("container.wait", { container: id }, () => this.docker.getContainer(id).wait() as Promise<{ StatusCode: number }>);
    return r!.StatusCode;
  }

  async logs(id: string, tail = 200): Promise<string> {
    const buf = await this.call(
      "container.logs",
      { container: id },
      () => this.docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false, tail }) as unknown as Promise<Buffer>,
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
    const timedOut = opts.timeoutMs ? new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), opts.timeoutMs))) : new Promise<boolean>(() => {});
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
    const stream = await this.call("exec.start", { container: id, tty: true }, () => exec!.start({ hijack: true, stdin: true, Tty: true }));
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

  async execPipe(id: string, cmd: string[], opts: ExecOptions = {}): Promise<ExecPipe> {
    const container = this.docker.getContainer(id);
    const exec = await this.call("exec.create", { container: id, cmd, pipe: true }, () =>
      container.exec({ Cmd: cmd, User: opts.user, Env: opts.env, WorkingDir: opts.workingDir, AttachStdin: true, AttachStdout: true, AttachStderr: true }),
    );
    const stream = await this.call("exec.start", { container: id, pipe: true }, () => exec!.start({ hijack: true, stdin: true }));
    return new ExecPipe(stream as Duplex);
  }

  async execStream(id: string, cmd: string[], opts: ExecOptions & { stdin?: Readable } = {}): Promise<StreamExec> {
    const container = this.docker.getContainer(id);
    const input = opts.stdin;
    const exec = await this.call("exec.create", { container: id, cmd, stdin: Boolean(input) }, () =>
      container.exec({ Cmd: cmd, User: opts.user, Env: opts.env, WorkingDir: opts.workingDir, AttachStdin: Boolean(input), AttachStdout: true, AttachStderr: true }),
    );
    const stream = (await this.call("exec.start", { container: id }, () => exec!.start({ hijack: true, stdin: Boolean(input) }))) as Duplex;
    return streamedExec(stream, {
      demux: (out, err) => this.docker.modem.demuxStream(stream, out, err),
      exitCode: async () => (await this.call("exec.inspect", { container: id }, () => exec!.inspect()).catch(() => undefined))?.ExitCode ?? -1,
      stdin: input,
      timeoutMs: opts.timeoutMs,
    });
  }

  async putArchive(id: string, dir: string, tar: Buffer | Readable): Promise<void> {
    const bytes = Buffer.isBuffer(tar) ? tar.length : undefined;
    await this.call("container.putArchive", { container: id, dir, bytes }, () => this.docker.getContainer(id).putArchive(tar, { path: dir }));
  }

  async getArchive(id: string, path: string): Promise<Readable | null> {
    const stream = await this.call("container.getArchive", { container: id, path }, () => this.docker.getContainer(id).getArchive({ path }) as Promise<Readable>, [404]);
    return stream ?? null;
  }

  async createVolume(name: string, opts: { driverOpts?: Record<string, string>; labels: Record<string, string> }): Promise<void> {
    await this.call("volume.create", { volume: name }, () => this.docker.createVolume({ Name: name, Driver: "local", DriverOpts: opts.driverOpts ?? {}, Labels: opts.labels }));
  }

  async removeVolume(name: string): Promise<void> {
    await this.call("volume.remove", { volume: name }, () => this.docker.getVolume(name).remove({ force: true }), [404]);
  }

  async listVolumes(labels: Record<string, string>): Promise<{ name: string; labels: Record<string, string> }[]> {
    const r = await this.call("volume.list", { labels }, () => this.docker.listVolumes({ filters: { label: labelFilter(labels) } }));
    return (r?.Volumes ?? []).map((v) => ({ name: v.Name, labels: v.Labels ?? {} }));
  }

  async inspectImage(ref: string): Promise<ImageInfo | null> {
    const i = await this.call("image.inspect", { image: ref }, () => this.docker.getImage(ref).inspect(), [404]);
    if (!i) return null;
    const c = i.Config;
    return {
      id: i.Id,
      labels: c?.Labels ?? {},
      config: { env: c?.Env ?? [], cmd: c?.Cmd ?? [], entrypoint: (c?.Entrypoint as string[] | null) ?? [], workingDir: c?.WorkingDir ?? "", user: c?.User ?? "" },
    };
  }

  async exportImage(ref: string): Promise<Buffer> {
    // Cmd is required to create a container of an image without one; it never runs.
    const id = await this.createContainer({
      Image: ref,
      Cmd: ["/nonexistent"],
      Labels: { "mingle.managed": "true", "mingle.role": "export" },
      HostConfig: { NetworkMode: "none" },
    });
    try {
      const stream = (await this.call("container.export", { container: id, image: ref }, () => this.docker.getContainer(id).export())) as unknown as NodeJS.ReadableStream;
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
      return Buffer.concat(chunks);
    } finally {
      await this.removeContainer(id);
    }
  }

  async buildImage(context: Buffer, opts: { tag: string; labels?: Record<string, string> }, onProgress?: (e: ProgressEvent) => void): Promise<void> {
    const stream = await this.call("image.build", { image: opts.tag, bytes: context.length }, () =>
      this.docker.buildImage(Readable.from([context]), { t: opts.tag, labels: opts.labels ?? {}, rm: true, forcerm: true, pull: false }),
    );
    await this.followProgress("image.build", stream!, (e) => onProgress?.(e));
  }

  async attachTty(id: string, opts: { cols: number; rows: number; logs?: boolean }): Promise<TtyExec> {
    const container = this.docker.getContainer(id);
    const logs = opts.logs ?? true;
    const stream = (await this.call("container.attach", { container: id, tty: true, logs }, () =>
      container.attach({ stream: true, stdin: true, stdout: true, stderr: true, logs, hijack: true }),
    )) as unknown as Duplex;
    const resize = async ({ cols, rows }: { cols: number; rows: number }) => {
      await this.call("container.resize", { container: id, cols, rows }, () => container.resize({ w: cols, h: rows }), [404, 409, 500]);
    };
    await resize(opts);
    const exitCode = async () => {
      for (;;) {
        const s = await this.inspectContainer(id);
        if (!s) return -1;
        if (!s.running) return s.exitCode;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    return { stream, resize, exitCode };
  }

  async importImage(tar: Readable, opts: { repo: string; tag: string; changes?: string[] }, onProgress?: (e: ProgressEvent) => void): Promise<void> {
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

  async containerEvents(
    filter: { labels: Record<string, string>; actions: string[] },
    on: { event: (e: ContainerEvent) => void; ended: (error?: Error) => void },
  ): Promise<EventStream> {
    const filters = { type: ["container" as const], label: labelFilter(filter.labels), event: filter.actions };
    const stream = (await this.call("events", { filters }, () => this.docker.getEvents({ filters }))) as NodeJS.ReadableStream & { destroy(): void };
    let closed = false;
    let ended = false;
    const end = (error?: Error) => {
      if (closed || ended) return;
      ended = true;
      this.log("events.ended", { engine: this.id, error: error?.message });
      on.ended(error);
    };
    let buffered = "";
    stream.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const e = parseContainerEvent(line);
        if (e && !closed) on.event(e);
      }
    });
    stream.on("end", () => end());
    stream.on("close", () => end());
    stream.on("error", (err: Error) => end(err));
    return {
      close: () => {
        closed = true;
        stream.destroy();
      },
    };
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
