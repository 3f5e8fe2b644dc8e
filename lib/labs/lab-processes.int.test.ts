import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/lib/docker/engine";
import { runscMemoryLimit } from "@/lib/labs/container-spec";
import { createLabServices, type LabServices } from "@/lib/labs/lab-services";
import type { LabRecord } from "@/lib/labs/repo";
import { loadTemplates } from "@/lib/labs/templates";
import { ensureTestEngine } from "@/lib/testing/docker";
import { inMemoryLabRepo } from "@/lib/testing/in-memory-lab-repo";

// What runs inside a lab: an init as PID 1, /dev/shm, cgroups and memory bombs, on a real engine,
// with labs launched through the LabEngine so the containers are the ones buildContainerOptions makes.
let engine: Engine;
let svc: LabServices["labs"];
const { templates } = loadTemplates("labs/templates");
const labs = new Map<string, LabRecord>();

async function run(labId: string, script: string, timeoutMs = 30_000) {
  const r = await svc.exec(labId, ["sh", "-c", script], { timeoutMs });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function shellContainer(lab: LabRecord): string {
  return lab.containers!.containers.find((c) => c.interactive)!.id;
}

const ZOMBIES = `cat /proc/[0-9]*/stat 2>/dev/null | awk '$3 == "Z"' | wc -l`;
const PROCESSES = "ls -d /proc/[0-9]* | wc -l";

beforeAll(async () => {
  engine = await ensureTestEngine();
  svc = createLabServices({ repo: inMemoryLabRepo(), engine: () => engine, templates: () => templates }).labs;
  for (const name of ["shell", "gvisor-shell"]) {
    const r = await svc.launch({ ownerId: `u-${name}`, templateName: name });
    if (!r.ok) throw new Error(`${name}: ${r.message}`);
    labs.set(name, r.value);
  }
});

afterAll(async () => {
  for (const lab of labs.values()) await svc.stop(lab.id);
});

describe.each(["shell", "gvisor-shell"])("lab processes in %s", (name) => {
  it("runs an init as PID 1", async () => {
    const r = await run(labs.get(name)!.id, "tr '\\0' ' ' < /proc/1/cmdline");
    // The init runs the terminal's entrypoint (the lab's shell on the TTY), which runs the service's command.
    expect(r.stdout).toMatch(/^\/sbin\/docker-init -- sh -c .* mingle-terminal sleep inf $/s);
  });

  it("reaps orphans: `(true &)` a hundred times leaves no zombie and frees the pids", async () => {
    const labId = labs.get(name)!.id;
    const before = Number((await run(labId, PROCESSES)).stdout);
    await run(labId, "for i in $(seq 100); do (true &); done");
    // Measured the same way as `before`; the last orphans may still be exiting on a loaded machine.
    let processes = Number.POSITIVE_INFINITY;
    for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
      processes = Number((await run(labId, PROCESSES)).stdout);
      if (processes <= before) break;
    }
    expect(Number((await run(labId, ZOMBIES)).stdout)).toBe(0);
    // The same processes as before: the init, the terminal's shells, the sleeping service and this exec's shell.
    expect(processes).toBeLessThanOrEqual(before);
  });

  it("limits /dev/shm like the other tmpfs mounts", async () => {
    const r = await run(labs.get(name)!.id, "df -k /dev/shm | tail -1; dd if=/dev/zero of=/dev/shm/big bs=1M count=32 2>&1; rm -f /dev/shm/big");
    expect(r.stdout).toMatch(/^\S+\s+16384\s/);
    expect(r.stdout).toMatch(/No space left on device/);
  });
});

describe("lab processes on runc", () => {
  it("gives the lab its own cgroup namespace, with its pids limit as the root", async () => {
    const lab = labs.get("shell")!;
    const r = await run(lab.id, "grep -E ':(pids|memory):' /proc/self/cgroup; cat /sys/fs/cgroup/pids/pids.max");
    expect(r.stdout).toMatch(/^\d+:pids:\/$/m);
    expect(r.stdout).toMatch(/^\d+:memory:\/$/m);
    expect(r.stdout).toMatch(/^64$/m);
    // Orphans counted against pids.current again once reaped: as many as before (init, the terminal's
    // shells, the service, this exec's shell and cat).
    const before = Number((await run(lab.id, "cat /sys/fs/cgroup/pids/pids.current")).stdout);
    expect(before).toBeLessThan(9);
    const pids = await run(lab.id, "for i in $(seq 100); do (true &); done; sleep 1; cat /sys/fs/cgroup/pids/pids.current");
    expect(Number(pids.stdout)).toBeLessThanOrEqual(before);
  });
});

describe("a memory bomb under gVisor", () => {
  it("kills the process, not the lab, even with every tmpfs full", async () => {
    const lab = labs.get("gvisor-shell")!;
    const id = shellContainer(lab);
    const state = (await engine.inspectContainer(id))!;
    expect(state.hostConfig.Memory).toBe(runscMemoryLimit(templates.get("gvisor-shell")!.limits));
    // Fill the Sentry-backed mounts first (15 of 16 MiB each), then let two kinds of bomb run.
    const fill = await run(
      lab.id,
      "for d in /tmp /home/lab /dev/shm /lab; do dd if=/dev/zero of=$d/fill bs=1M count=15 2>/dev/null; done; du -sk /tmp /home/lab /dev/shm /lab | awk '{n+=$1} END {print n}'",
    );
    expect(Number(fill.stdout)).toBeGreaterThanOrEqual(4 * 15 * 1024);
    const awk = await run(lab.id, `awk 'BEGIN { s = "xxxxxxxxxxxxxxxx"; while (1) s = s s }' 2>&1; echo rc=$?`);
    expect(awk.stdout).toMatch(/out of memory/);
    const sh = await run(lab.id, "x=aaaaaaaaaaaaaaaa; while :; do x=$x$x; done");
    expect(sh.exitCode).not.toBe(0);
    const dd = await run(lab.id, "dd if=/dev/zero of=/dev/null bs=100M count=3 2>&1; echo rc=$?");
    expect(dd.stdout).toMatch(/rc=0/);
    const after = (await engine.inspectContainer(id))!;
    expect(after).toMatchObject({ running: true, oomKilled: false });
    expect((await run(lab.id, "rm -f /tmp/fill /home/lab/fill /dev/shm/fill /lab/fill; echo still here")).stdout).toBe("still here\n");
  });
});
