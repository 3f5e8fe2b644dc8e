import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type ClusterState, planLeftovers, type ProcessProbe, procProbe, readClusterState } from "./leftovers";

const CONFIG = "/srv/mingle/.data/haproxy/haproxy.cfg";
const state: ClusterState = {
  supervisor: 100,
  haproxy: 101,
  processes: [
    { name: "p1", pid: 102 },
    { name: "p2", pid: 103 },
  ],
};

/** A process table: pid → command line; absent pids are not running. */
function table(rows: Record<number, string>): ProcessProbe {
  return { alive: (pid) => pid in rows, commandLine: (pid) => rows[pid] ?? null };
}

describe("planLeftovers", () => {
  it("ends HAProxy and the servers a supervisor killed hard left running", () => {
    const probe = table({ 101: `haproxy -db -f ${CONFIG}`, 102: "node --import tsx server.ts", 103: "node --import tsx server.ts" });
    expect(planLeftovers(state, probe, { configFile: CONFIG, self: 1 })).toEqual({ kind: "end", pids: [101, 102, 103] });
  });

  it("refuses to start beside a supervisor that still runs", () => {
    const probe = table({ 100: "node --import tsx scripts/cluster.ts", 101: `haproxy -db -f ${CONFIG}` });
    expect(planLeftovers(state, probe, { configFile: CONFIG, self: 1 })).toEqual({ kind: "running", supervisor: 100 });
  });

  it("leaves alone pids that were reused by something else, another HAProxy, and itself", () => {
    const probe = table({ 100: "vim notes.txt", 101: "haproxy -db -f /etc/haproxy/haproxy.cfg", 102: "postgres: writer", 103: "node --import tsx server.ts" });
    expect(planLeftovers(state, probe, { configFile: CONFIG, self: 103 })).toEqual({ kind: "none" });
    expect(planLeftovers(null, probe, { configFile: CONFIG, self: 1 })).toEqual({ kind: "none" });
    expect(planLeftovers(state, table({}), { configFile: CONFIG, self: 1 })).toEqual({ kind: "none" });
  });
});

describe("the real probe and state file", () => {
  it("sees this process and reads its command line; a pid that is not running is not alive", () => {
    expect(procProbe.alive(process.pid)).toBe(true);
    expect(procProbe.commandLine(process.pid)).toContain("node");
    expect(procProbe.alive(2 ** 22 + 1)).toBe(false);
  });

  it("reads a state file, and takes a missing or torn one as none", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "leftovers-"));
    try {
      const file = path.join(dir, "cluster.json");
      expect(await readClusterState(file)).toBeNull();
      await writeFile(file, JSON.stringify(state));
      expect(await readClusterState(file)).toEqual(state);
      await writeFile(file, `${JSON.stringify(state)}ss": []}`);
      expect(await readClusterState(file)).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
