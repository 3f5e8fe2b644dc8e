import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ClusterPlan, ProcessSlot } from "@/lib/cluster/cluster-plan";
import { serverStates } from "@/lib/cluster/haproxy-admin";
import { drainNoticeMs, haproxyConfig } from "@/lib/cluster/haproxy-config";
import { type ClusterState, planLeftovers, type ProcessProbe, procProbe, readClusterState } from "@/lib/cluster/leftovers";
import { serverCommand } from "@/lib/cluster/server-command";

/**
 * Runs a several-process Mingle (docs/decisions/0021): N server processes on their internal ports
 * and HAProxy on the public ones. Restarts a process that crashes, stops everything on request,
 * and restarts the processes one at a time (rolling restart) without taking the service down.
 * Every step prints a line, so a person watching sees where it is.
 */
export interface SupervisorOptions {
  plan: ClusterPlan;
  /** Where the HAProxy config, its admin socket and cluster.json go (.data/haproxy). */
  dir: string;
  /** The environment every server process starts from; the supervisor sets the ports and proxy settings. */
  env: NodeJS.ProcessEnv;
  /** The command that runs one server; default: serverCommand() (this Node, tsx, server.ts). */
  serverCommand?: string[];
  haproxy?: string;
  print?: (line: string) => void;
  /** How long a starting process may take to answer /api/health (next dev compiles first). */
  startTimeoutMs?: number;
  /** How leftovers of a supervisor killed hard are found (tests pass a fake); default /proc. */
  probe?: ProcessProbe;
}

export interface Supervisor {
  /** Stops and starts each process in turn, waiting until HAProxy has it back in rotation before the next. */
  rollingRestart(): Promise<void>;
  /** Stops every process (each drains) and HAProxy. */
  stop(): Promise<void>;
  pids(): Record<string, number | undefined>;
  /** Settles if HAProxy exits on its own: the cluster cannot serve without it. */
  failed: Promise<Error>;
}

const POLL_MS = 200;
const CRASH_BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
/** A process that ran this long before crashing starts again at the shortest backoff. */
const STABLE_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function pollUntil(what: string, ok: () => Promise<boolean>, timeoutMs: number, abort?: () => string | undefined): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await ok().catch(() => false)) return;
    const reason = abort?.();
    if (reason) throw new Error(`${what}: ${reason}`);
    if (Date.now() > end) throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(POLL_MS);
  }
}

function pipeLines(child: ChildProcess, prefix: string, print: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream?.on("data", (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) print(`${prefix} ${line}`);
    });
  }
}

class ServerProcess {
  child: ChildProcess | undefined;
  private wanted = false;
  private crashes = 0;
  private startedAt = 0;

  constructor(
    readonly slot: ProcessSlot,
    private readonly opts: Required<Pick<SupervisorOptions, "env" | "serverCommand" | "print">> & { onChange: () => void },
  ) {}

  get pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  start(): void {
    this.wanted = true;
    this.startedAt = Date.now();
    const [command, ...args] = this.opts.serverCommand;
    const child = spawn(command!, args, { env: this.opts.env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    pipeLines(child, `[${this.slot.name}]`, this.opts.print);
    child.on("exit", (code, signal) => {
      if (this.child !== child) return;
      this.opts.onChange();
      if (!this.wanted) return;
      // A crash: start it again, backing off while it keeps crashing.
      if (Date.now() - this.startedAt > STABLE_MS) this.crashes = 0;
      const wait = CRASH_BACKOFF_MS[Math.min(this.crashes++, CRASH_BACKOFF_MS.length - 1)]!;
      this.opts.print(`[cluster] ${this.slot.name} exited (${signal ?? `code ${code}`}) unasked; starting it again in ${wait / 1000} s`);
      setTimeout(() => this.wanted && this.child === child && this.start(), wait).unref();
    });
    this.opts.onChange();
  }

  /** Whether the process answers its own health check (not through HAProxy). */
  async healthy(): Promise<boolean> {
    const response = await fetch(`http://127.0.0.1:${this.slot.port}/api/health`, { signal: AbortSignal.timeout(5_000) });
    await response.body?.cancel();
    return response.status === 200;
  }

  exitedEarly(): string | undefined {
    const c = this.child;
    return c && (c.exitCode !== null || c.signalCode !== null) ? `${this.slot.name} exited (${c.signalCode ?? `code ${c.exitCode}`}) while starting` : undefined;
  }

  /** SIGTERM (the process drains), then SIGKILL past its own shutdown bound. */
  async stop(): Promise<number | null> {
    this.wanted = false;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), drainNoticeMs() + 12_000);
    const code = await exited;
    clearTimeout(killer);
    return code;
  }
}

/** Refuses to start beside a live supervisor; ends what one killed hard left running (leftovers.ts). */
async function endLeftovers(stateFile: string, configFile: string, probe: ProcessProbe, say: (line: string) => void): Promise<void> {
  const plan = planLeftovers(await readClusterState(stateFile), probe, { configFile, self: process.pid });
  if (plan.kind === "running") throw new Error(`a cluster supervisor (pid ${plan.supervisor}) already runs from ${path.dirname(stateFile)}: stop it first`);
  if (plan.kind !== "end") return;
  say(`ending what a cluster stopped hard left running (pids ${plan.pids.join(", ")})`);
  for (const pid of plan.pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  await pollUntil("the leftover processes to end", async () => !plan.pids.some((pid) => probe.alive(pid)), 5_000);
}

export async function startSupervisor(options: SupervisorOptions): Promise<Supervisor> {
  const { plan } = options;
  // Absolute: HAProxy reads a relative `stats socket` path such as .data/haproxy/admin.sock as host:port.
  const dir = path.resolve(options.dir);
  const print = options.print ?? ((line: string) => console.log(line));
  const say = (line: string) => print(`[cluster] ${line}`);
  const adminSocket = path.join(dir, "admin.sock");
  const configFile = path.join(dir, "haproxy.cfg");
  const stateFile = path.join(dir, "cluster.json");
  await mkdir(dir, { recursive: true });
  await endLeftovers(stateFile, configFile, options.probe ?? procProbe, say);
  await rm(adminSocket, { force: true });
  await writeFile(configFile, haproxyConfig(plan, { adminSocket }));
  say(`HAProxy config written to ${configFile}`);

  const dev = options.env.NODE_ENV !== "production";
  // Written whole and renamed into place, one write at a time: two processes changing state at
  // once (a rolling restart, a crash) made overlapping writeFile calls leave a file nobody could parse.
  let stateWrites: Promise<void> = Promise.resolve();
  const writeState = () => {
    const state: ClusterState = { supervisor: process.pid, haproxy: haproxy?.pid, processes: processes.map((p) => ({ ...p.slot, pid: p.pid })) };
    const content = `${JSON.stringify(state, null, 2)}\n`;
    stateWrites = stateWrites
      .then(async () => {
        await writeFile(`${stateFile}.tmp`, content);
        await rename(`${stateFile}.tmp`, stateFile);
      })
      .catch(() => undefined);
  };
  const metricsBase = options.env.METRICS_PORT ? Number(options.env.METRICS_PORT) : undefined;
  const processes: ServerProcess[] = plan.processes.map(
    (slot, i) =>
      new ServerProcess(slot, {
        print,
        serverCommand: options.serverCommand ?? serverCommand(),
        onChange: writeState,
        env: {
          ...options.env,
          PORT: String(slot.port),
          HOST: "127.0.0.1",
          PREVIEW_PORT: String(slot.previewPort),
          PUBLIC_URL: plan.publicUrl,
          PREVIEW_ORIGIN: plan.previewOrigin,
          // Reachable only from HAProxy (127.0.0.1), which writes X-Forwarded-For itself.
          TRUST_PROXY: "true",
          MINGLE_DRAIN_NOTICE_MS: String(drainNoticeMs()),
          // One scrape address per process (docs/metrics.md): METRICS_PORT, METRICS_PORT + 1, ...
          ...(metricsBase ? { METRICS_PORT: String(metricsBase + i) } : {}),
          // next dev cannot share its build directory between processes; a production build can.
          ...(dev ? { NEXT_DIST_DIR: `${options.env.NEXT_DIST_DIR ?? ".next"}-${slot.name}` } : {}),
        },
      }),
  );
  const startTimeoutMs = options.startTimeoutMs ?? (dev ? 300_000 : 120_000);
  const waitHealthy = (p: ServerProcess) =>
    pollUntil(
      `${p.slot.name} answering /api/health on 127.0.0.1:${p.slot.port}`,
      () => p.healthy(),
      startTimeoutMs,
      () => p.exitedEarly(),
    );
  const inRotation = (name: string) =>
    pollUntil(
      `HAProxy putting ${name} in rotation`,
      async () => {
        const states = (await serverStates(adminSocket)).filter((s) => s.server === name);
        return states.length > 0 && states.every((s) => s.status === "UP");
      },
      30_000,
    );

  let stopping = false;
  let haproxy: ChildProcess | undefined;
  let reportFailure: (error: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (reportFailure = resolve));

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say(`stopping ${processes.length} processes (each drains first)`);
    await Promise.all(
      processes.map(async (p) => {
        const code = await p.stop();
        say(`${p.slot.name} stopped (exit code ${code})`);
      }),
    );
    if (haproxy && haproxy.exitCode === null && haproxy.signalCode === null) {
      const exited = new Promise((r) => haproxy!.once("exit", r));
      haproxy.kill("SIGUSR1"); // soft stop: lets open connections finish
      const killer = setTimeout(() => haproxy!.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killer);
      say("HAProxy stopped");
    }
    await stateWrites;
    await rm(stateFile, { force: true });
  };

  try {
    say(`starting ${processes.length} server processes on 127.0.0.1:${processes.map((p) => p.slot.port).join(", ")}`);
    for (const p of processes) p.start();
    for (const p of processes) {
      await waitHealthy(p);
      say(`${p.slot.name} is up (pid ${p.pid})`);
    }
    say(`starting HAProxy on ${plan.host}:${plan.port} (app) and ${plan.host}:${plan.previewPort} (previews)`);
    const hx = spawn(options.haproxy ?? "haproxy", ["-db", "-f", configFile], { stdio: ["ignore", "pipe", "pipe"] });
    haproxy = hx;
    writeState();
    pipeLines(hx, "[haproxy]", print);
    hx.on("error", (error) => reportFailure(new Error(`HAProxy could not start (${error.message}); install Debian's haproxy`)));
    hx.on("exit", (code, signal) => {
      if (!stopping) reportFailure(new Error(`HAProxy exited (${signal ?? `code ${code}`}); see its lines above`));
    });
    // One rejection for the start only, handled, so HAProxy failing later is not an unhandled rejection.
    const haproxyFailed = failed.then((e) => Promise.reject(e));
    haproxyFailed.catch(() => undefined);
    for (const p of processes) await Promise.race([inRotation(p.slot.name), haproxyFailed]);
    say(`all ${processes.length} processes in rotation`);
  } catch (error) {
    await stop();
    throw error;
  }

  let rolling: Promise<void> | undefined;
  const rollingRestart = async () => {
    const started = Date.now();
    for (const [i, p] of processes.entries()) {
      if (stopping) throw new Error("the cluster is stopping");
      const step = `rolling restart ${i + 1}/${processes.length}: ${p.slot.name}`;
      const others = processes.filter((o) => o !== p).map((o) => o.slot.name);
      // Taking one out while another is out too would leave fewer than planned, or none.
      for (const o of others) await inRotation(o);
      say(`${step}: draining pid ${p.pid}`);
      const code = await p.stop();
      say(`${step}: stopped (exit code ${code}); starting it again`);
      p.start();
      await waitHealthy(p);
      await inRotation(p.slot.name);
      say(`${step}: back in rotation (pid ${p.pid})`);
    }
    say(`rolling restart done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };

  return {
    rollingRestart: () => {
      if (rolling) {
        say("a rolling restart is already running");
        return rolling;
      }
      rolling = rollingRestart().finally(() => (rolling = undefined));
      return rolling;
    },
    stop,
    pids: () => Object.fromEntries(processes.map((p) => [p.slot.name, p.pid])),
    failed,
  };
}
