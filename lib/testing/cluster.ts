import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { testServerEnv } from "@/lib/testing/app-server";
import { until } from "@/lib/testing/until";

/**
 * A several-process Mingle for integration tests and benchmarks: the real supervisor
 * (scripts/cluster.ts) with N server processes behind a real HAProxy on `port` (previews on
 * port + 1, the processes on port + 10 and up), a data folder of its own, 127.0.0.1 only.
 */
export interface Cluster {
  /** HAProxy's public front end. */
  base: string;
  /** Server name (p1, p2, ...) → pid of the process serving now. */
  pids: () => Promise<Record<string, number>>;
  /** SIGHUP to the supervisor; resolves when every process was restarted and is back in rotation. */
  rollingRestart: () => Promise<void>;
  output: () => string;
  /** Stops the processes (each drains), HAProxy and the supervisor; resolves with its exit code. */
  stop: () => Promise<number | null>;
  /** SIGKILL to the supervisor alone, as an OOM kill would: HAProxy and the processes are left running. */
  killSupervisor: () => Promise<void>;
  /** The cluster's data folder (HAProxy's config and cluster.json under haproxy/). */
  dataDir: string;
}

export async function startCluster(opts: {
  processes: number;
  port: number;
  databaseUrl: string;
  /** Build directory for development mode (each process gets `<distDir>-p<n>`); ignored in production mode. */
  distDir: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** The data folder of a cluster started before (its leftovers are what the test is about); default a new one. */
  dataDir?: string;
}): Promise<Cluster> {
  const base = `http://127.0.0.1:${opts.port}`;
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "mingle-cluster-")));
  let out = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/cluster.ts"], {
    env: {
      ...testServerEnv({ port: opts.port, base, databaseUrl: opts.databaseUrl, distDir: opts.distDir }),
      PREVIEW_PORT: String(opts.port + 1),
      MINGLE_PROCESSES: String(opts.processes),
      MINGLE_DATA_DIR: dataDir,
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (out = (out + d).slice(-400_000)));
  child.stderr!.on("data", (d) => (out = (out + d).slice(-400_000)));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const waitFor = (what: string, pattern: RegExp, from: number, ms: number) =>
    until(
      what,
      async () => {
        if (pattern.test(out.slice(from))) return true;
        if (exited()) throw new Error(`the cluster exited (${child.exitCode ?? child.signalCode}) before ${what}:\n${out}`);
        return undefined;
      },
      ms,
      100,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${out}`);
    });

  const stop = async () => {
    if (!exited()) {
      const done = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await done;
      clearTimeout(killer);
    }
    await rm(dataDir, { recursive: true, force: true });
    return child.exitCode;
  };
  try {
    await waitFor("the cluster being up", /Mingle is up on/, 0, opts.timeoutMs ?? 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    base,
    pids: async () => {
      const state = JSON.parse(await readFile(path.join(dataDir, "haproxy", "cluster.json"), "utf8")) as { processes: { name: string; pid?: number }[] };
      return Object.fromEntries(state.processes.map((p) => [p.name, p.pid ?? 0]));
    },
    rollingRestart: async () => {
      const from = out.length;
      child.kill("SIGHUP");
      await waitFor("the rolling restart", /rolling restart (done|stopped)/, from, 240_000);
      const stopped = /rolling restart stopped.*/.exec(out.slice(from));
      if (stopped) throw new Error(stopped[0]);
    },
    output: () => out,
    stop,
    killSupervisor: async () => {
      if (exited()) return;
      const done = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGKILL");
      await done;
    },
    dataDir,
  };
}
