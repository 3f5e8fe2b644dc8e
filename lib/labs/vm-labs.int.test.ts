import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/lib/docker/engine";
import { LABEL } from "@/lib/labs/container-spec";
import type { LabEngine } from "@/lib/labs/lab-engine";
import { createLabServices } from "@/lib/labs/lab-services";
import type { LabTemplate } from "@/lib/labs/template-schema";
import { TerminalHubs } from "@/lib/labs/terminal-hubs";
import type { TerminalViewer } from "@/lib/labs/terminal-options";
import { loadTemplates, parseTemplate } from "@/lib/labs/templates";
import { ensureTestEngine } from "@/lib/testing/docker";
import { inMemoryLabRepo } from "@/lib/testing/in-memory-lab-repo";
import { until } from "@/lib/testing/until";
import { ensureVmImages } from "@/lib/labs/vm-images";

/**
 * vm labs on the real engine: the LinuxKit OS template built into a kernel + initrd, booted under
 * qemu (TCG here: KVM is probed and fails on this machine) in one hardened container, its serial
 * console the terminal hub's stream. One boot serves every check, to keep the emulated boots few.
 */
let engine: Engine;
let svc: LabEngine;
let hubs: TerminalHubs;
let templates: Map<string, LabTemplate>;
let labId: string;
const BOOT_MS = 180_000;

class Viewer implements TerminalViewer {
  chunks: Buffer[] = [];
  constructor(
    readonly id: string,
    readonly canType: boolean,
  ) {}
  output(data: Buffer): void {
    this.chunks.push(data);
    setImmediate(() => hubs.get(labId)?.ack(this.id, data.length));
  }
  ended(): void {}
  get text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

/** Types a command on the console and waits for the line it prints, marked so the echo does not match. */
async function console_(viewer: Viewer, command: string, ms = 60_000): Promise<string> {
  const mark = `M${Math.random().toString(36).slice(2, 8)}`;
  const from = viewer.text.length;
  const r = hubs.get(labId)!.write(viewer.id, `${command}; echo ${mark}-$((1+1))\r`);
  expect(r.ok).toBe(true);
  await until(`"${command}"`, async () => viewer.text.slice(from).includes(`${mark}-2`) || undefined, ms, 20);
  return viewer.text.slice(from, viewer.text.indexOf(`${mark}-2`, from));
}

function qemuPids(): number[] {
  return readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, "utf8").startsWith("/usr/bin/qemu-system-x86_64");
      } catch {
        return false;
      }
    })
    .map(Number);
}

beforeAll(async () => {
  engine = await ensureTestEngine();
  await ensureVmImages(engine);
  templates = loadTemplates("labs/templates").templates;
  svc = createLabServices({ repo: inMemoryLabRepo(), engine: () => engine, templates: () => templates }).labs;
  hubs = new TerminalHubs({ openShell: (id, size, o) => svc.attachShell(id, size, o) });
  hubs.watch((l) => svc.subscribe(l));
}, BOOT_MS);

afterAll(async () => {
  hubs?.destroyAll();
  if (labId) await svc.stop(labId);
});

describe("LinuxKit templates", () => {
  it("validates every shipped template, and refuses the VM's powers in container mode with field, line and reason", () => {
    const loaded = loadTemplates("labs/templates");
    expect(loaded.problems).toEqual([]);
    expect([...loaded.templates.values()].filter((t) => t.mode === "vm").map((t) => t.name)).toEqual(["linuxkit-os", "linuxkit-vm-powers"]);
    const text = readFileSync("labs/templates/linuxkit-vm-powers.yaml", "utf8").replace("isolation: vm", "isolation: container");
    const problems = parseTemplate("linuxkit-vm-powers.yaml", text).problems;
    const lines = text.split("\n");
    const at = (field: string) => problems.find((p) => p.field === field);
    for (const field of ["services.0.capabilities", "services.0.net", "services.1.net", "services.1.pid"]) {
      expect(at(field)?.message).toMatch(/refused in container mode: .+; isolation: vm allows it/);
      expect(lines[at(field)!.line - 1]).toContain(field.split(".").at(-1));
    }
  });

  it("imports a file shaped like linuxkit's examples/minimal.yml, image names mapped to the local images", () => {
    const minimal = `kernel:
  image: mingle/linuxkit-kernel:6.1
  cmdline: "console=tty0 console=ttyS0 console=ttyAMA0"
init:
  - mingle/linuxkit-init:1
  - mingle/linuxkit-runc:1
onboot:
  - name: dhcpcd
    image: mingle/busybox:1
    command: ["/bin/sh", "-c", "echo no network in a lab VM: dhcpcd skipped"]
services:
  - name: getty
    image: mingle/busybox:1
    env:
     - INSECURE=true
trust:
  org:
    - linuxkit
x-mingle: { isolation: vm, limits: { memory: 256m, cpus: 1 } }
`;
    const r = parseTemplate("minimal.yml", minimal);
    expect(r.problems).toEqual([]);
    expect(r.template).toMatchObject({ mode: "vm", notes: ["trust is ignored: images are built locally."] });
    expect(r.template!.services[0]).toMatchObject({ name: "getty", interactive: true, env: { INSECURE: "true" } });
  });
});

describe("a vm lab on the real engine", () => {
  it(
    "boots under TCG: boot log, onboot before services, each service in its own cgroup, the shell answers on the console; a read-only viewer cannot type",
    async () => {
      const before = qemuPids();
      const r = await svc.launch({ ownerId: "u1", templateName: "linuxkit-os" });
      if (!r.ok) throw new Error(r.message);
      labId = r.value.id;
      const [vm] = r.value.containers!.containers;
      const state = (await engine.inspectContainer(vm!.id))!;
      expect(state.hostConfig).toMatchObject({
        NetworkMode: "none",
        Privileged: false,
        ReadonlyRootfs: true,
        CapDrop: ["ALL"],
        SecurityOpt: ["no-new-privileges"],
        Runtime: "runc",
      });
      expect(state.hostConfig.Memory).toBe(state.hostConfig.MemorySwap);
      const cmd = (await engine.inspectContainer(vm!.id))!;
      expect(cmd.user).toBe("1000:1000"); // TCG: qemu runs unprivileged

      const typist = new Viewer("typist", true);
      const watcher = new Viewer("watcher", false);
      expect((await hubs.hub(labId).attach(typist, { cols: 120, rows: 40 })).ok).toBe(true);
      expect((await hubs.hub(labId).attach(watcher, { cols: 80, rows: 24 })).ok).toBe(true);
      await until("the console prompt", async () => (/Linux version 6\.1/.test(typist.text) && /root@lab:[^\n]*# /.test(typist.text)) || undefined, BOOT_MS, 20);
      expect(typist.text).toMatch(/\[init\] onboot 000-hello/);
      expect(hubs.get(labId)!.write("watcher", "echo nope\r")).toMatchObject({ ok: false, code: "READ_ONLY" });

      const markers = await console_(typist, "cat /lab/onboot.txt /lab/clock.txt");
      expect(markers).toMatch(/onboot hello ran at/);
      expect(markers).toContain("clock saw the onboot marker");
      const cgroups = await console_(typist, "for p in /proc/[0-9]*; do cat $p/cgroup 2>/dev/null; done | sort -u");
      expect(cgroups).toContain("0::/services/clock");
      expect(cgroups).toContain("0::/services/getty");
      expect(watcher.text).toContain("clock saw the onboot marker");
      expect(qemuPids().length).toBe(before.length + 1);
    },
    BOOT_MS + 120_000,
  );

  it("contains a memory bomb inside the VM: the guest's OOM killer ends it, the VM and the host carry on", async () => {
    const typist = new Viewer("bomber", true);
    expect((await hubs.hub(labId).attach(typist, { cols: 120, rows: 40 })).ok).toBe(true);
    const out = await console_(typist, "awk 'BEGIN { s = \"xxxxxxxx\"; while (1) s = s s }'; echo exit=$?", 120_000);
    expect(out).toMatch(/exit=(137|1|2)/);
    expect(await console_(typist, "echo still here")).toContain("still here");
    const vm = (await engine.inspectContainer((await svcLab()).id))!;
    expect(vm.running).toBe(true);
    expect(vm.oomKilled).toBe(false);
    expect(await engine.ping()).toBe(true);
  }, 200_000);

  it("stops: no qemu process, container or volume is left", async () => {
    const before = qemuPids();
    const stopped = await svc.stop(labId);
    expect(stopped.ok && stopped.value.status).toBe("STOPPED");
    expect(await engine.listContainers({ [LABEL.lab]: labId })).toEqual([]);
    expect(await engine.listVolumes({ [LABEL.lab]: labId })).toEqual([]);
    await until("qemu to be gone", async () => qemuPids().length === before.length - 1 || undefined, 10_000, 20);
    labId = "";
  });
});

async function svcLab(): Promise<{ id: string }> {
  const containers = await engine.listContainers({ [LABEL.lab]: labId });
  return { id: containers[0]!.id };
}
