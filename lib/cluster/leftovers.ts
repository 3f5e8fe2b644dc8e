import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";

/**
 * What a supervisor that was killed hard (SIGKILL, an OOM kill) leaves behind: HAProxy on the public
 * port and the server processes on theirs, so the next start could bind nothing. The supervisor
 * records every pid in its state file (cluster.json); the next start reads it and ends what is left.
 */
export interface ClusterState {
  supervisor: number;
  haproxy?: number;
  processes: { name: string; pid?: number }[];
}

export interface ProcessProbe {
  alive: (pid: number) => boolean;
  /** The process's command line, or null when it cannot be read (gone, or not ours). */
  commandLine: (pid: number) => string | null;
}

export type LeftoverPlan =
  | { kind: "none" }
  /** A supervisor from that state is still running: starting a second one on its ports would fail. */
  | { kind: "running"; supervisor: number }
  | { kind: "end"; pids: number[] };

/**
 * Which recorded pids to end. A pid counts only while alive and still running what was recorded
 * (HAProxy with this config file, a Node server): pids are reused, and a stranger's is left alone.
 */
export function planLeftovers(state: ClusterState | null, probe: ProcessProbe, opts: { configFile: string; self: number }): LeftoverPlan {
  if (!state) return { kind: "none" };
  const is = (pid: number | undefined, looksLike: (cmd: string) => boolean): pid is number => {
    if (!pid || pid === opts.self || !probe.alive(pid)) return false;
    const cmd = probe.commandLine(pid);
    return cmd !== null && looksLike(cmd);
  };
  if (is(state.supervisor, (cmd) => cmd.includes("cluster"))) return { kind: "running", supervisor: state.supervisor };
  const pids = [
    ...(is(state.haproxy, (cmd) => cmd.includes("haproxy") && cmd.includes(opts.configFile)) ? [state.haproxy] : []),
    ...state.processes.flatMap((p) => (is(p.pid, (cmd) => cmd.includes("server.ts")) ? [p.pid] : [])),
  ];
  return pids.length ? { kind: "end", pids } : { kind: "none" };
}

/** The state file, or null when there is none or it cannot be parsed. */
export async function readClusterState(file: string): Promise<ClusterState | null> {
  try {
    const state = JSON.parse(await readFile(file, "utf8")) as ClusterState;
    return typeof state?.supervisor === "number" && Array.isArray(state.processes) ? state : null;
  } catch {
    return null;
  }
}

/** Linux's view of a process: /proc/PID/cmdline, its arguments joined with spaces. */
export const procProbe: ProcessProbe = {
  alive(pid) {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    // A zombie (ended, not yet reaped by its parent) holds no port: it counts as gone.
    try {
      return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
    } catch {
      return true;
    }
  },
  commandLine(pid) {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    } catch {
      return null;
    }
  },
};
