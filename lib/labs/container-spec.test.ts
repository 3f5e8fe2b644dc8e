import { describe, expect, it } from "vitest";
import { buildContainerOptions, labVolumeOptions, pauseSpec, RUNSC_MEMORY_OVERHEAD, runscMemoryLimit, TERMINAL_ENTRYPOINT } from "@/lib/labs/container-spec";
import { parseTemplate } from "@/lib/labs/templates";

const template = parseTemplate(
  "demo.yaml",
  `
services:
  - { name: shell, image: mingle/busybox:1, command: [sleep, inf], env: ["A=1"] }
x-mingle: { title: Demo, limits: { memory: 32m, pids: 20, tmpfs: 4m, cpus: 0.25 } }
`,
).template!;
const ref = { labId: "l123", engineId: "local" };
const shell = template.services[0]!;

describe("buildContainerOptions", () => {
  const opts = buildContainerOptions({ ref, template, role: "service", spec: shell, netnsOwner: "pauseid", interactive: true });
  const host = opts.HostConfig!;

  it("hardens every lab container", () => {
    expect(opts.User).toBe("1000:1000");
    expect(host.Privileged).toBe(false);
    expect(host.ReadonlyRootfs).toBe(true);
    expect(host.CapDrop).toEqual(["ALL"]);
    expect(host.CapAdd).toEqual([]);
    expect(host.SecurityOpt).toEqual(["no-new-privileges"]);
    expect(host.PidsLimit).toBe(20);
    expect(host.Memory).toBe(32 * 1024 ** 2);
    expect(host.MemorySwap).toBe(host.Memory);
    expect(host.OomKillDisable).toBe(false);
    expect(host.NanoCpus).toBe(250_000_000);
    expect(host.LogConfig).toEqual({ Type: "json-file", Config: { "max-size": "1m", "max-file": "1" } });
    expect(host.Tmpfs).toEqual({
      "/tmp": `rw,nosuid,nodev,size=${4 * 1024 ** 2},mode=1777`,
      "/home/lab": `rw,nosuid,nodev,size=${4 * 1024 ** 2},mode=0755,uid=1000,gid=1000`,
    });
  });

  it("makes the interactive service's TTY the lab's shell, with the service's command beside it; other containers get no TTY", () => {
    expect(opts).toMatchObject({ Tty: true, OpenStdin: true, StdinOnce: false, Entrypoint: TERMINAL_ENTRYPOINT, Cmd: ["sleep", "inf"] });
    expect(TERMINAL_ENTRYPOINT.slice(0, 2)).toEqual(["sh", "-c"]);
    expect(TERMINAL_ENTRYPOINT[2]).toContain("TERM=xterm-256color HOME=/home/lab PATH=/bin sh -l");
    // The command the engine would run, resolved by the provisioner (an image's entrypoint and cmd).
    const resolved = buildContainerOptions({ ref, template, role: "service", spec: shell, netnsOwner: "p", interactive: true, serviceCommand: ["/entry", "serve"] });
    expect(resolved.Cmd).toEqual(["/entry", "serve"]);
    const web = buildContainerOptions({ ref, template, role: "service", spec: { ...shell, name: "web" }, netnsOwner: "p" });
    expect(web).toMatchObject({ Tty: false, OpenStdin: false, Cmd: ["sleep", "inf"] });
    expect(web.Entrypoint).toBeUndefined();
  });

  it("mounts nothing from the host and never the Docker socket", () => {
    expect(host.Binds).toEqual([]);
    expect(host.Mounts).toEqual([{ Type: "volume", Source: "mingle-lab-l123", Target: "/lab", ReadOnly: false }]);
    expect(JSON.stringify(opts)).not.toContain("docker.sock");
  });

  it("labels containers with lab, engine and managed", () => {
    expect(opts.Labels).toMatchObject({ "mingle.lab": "l123", "mingle.engine": "local", "mingle.managed": "true", "mingle.role": "service", "mingle.interactive": "true" });
    expect(opts.Env).toEqual(["A=1"]);
    expect(opts.name).toBe("mingle-lab-l123-shell");
  });

  it("joins the pause container's network namespace; the pause container has none", () => {
    expect(host.NetworkMode).toBe("container:pauseid");
    const pause = buildContainerOptions({ ref, template, role: "pause", spec: pauseSpec() });
    expect(pause.HostConfig!.NetworkMode).toBe("none");
    expect(pause.HostConfig!.Runtime).toBe("runc");
    expect(pause.HostConfig!.ReadonlyRootfs).toBe(true);
    expect(() => buildContainerOptions({ ref, template, role: "service", spec: shell })).toThrow(/namespace/);
  });

  it("uses the template's runtime with room for gVisor's own threads", () => {
    const gv = { ...template, isolation: "runsc" as const };
    const o = buildContainerOptions({ ref, template: gv, role: "service", spec: shell, netnsOwner: "p" });
    expect(o.HostConfig!.Runtime).toBe("runsc");
    expect(o.HostConfig!.PidsLimit).toBe(20 + 128);
  });

  it("runs an init as PID 1, a private cgroup namespace and a size-limited /dev/shm in every container", () => {
    const pause = buildContainerOptions({ ref, template, role: "pause", spec: pauseSpec() });
    for (const h of [host, pause.HostConfig]) {
      expect(h.Init).toBe(true);
      expect(h.CgroupnsMode).toBe("private");
      expect(h.ShmSize).toBe(4 * 1024 ** 2);
    }
  });

  it("holds each process under gVisor to the template's memory, with room for the sandbox on the host", () => {
    expect(host.Ulimits).toBeUndefined();
    const gv = { ...template, isolation: "runsc" as const };
    const o = buildContainerOptions({ ref, template: gv, role: "service", spec: shell, netnsOwner: "p" }).HostConfig;
    expect(o.Ulimits).toEqual([{ Name: "as", Soft: 32 * 1024 ** 2, Hard: 32 * 1024 ** 2 }]);
    // 32 MiB for the Sentry itself and the four tmpfs-backed mounts that live in its memory.
    expect(o.Memory).toBe(32 * 1024 ** 2 + RUNSC_MEMORY_OVERHEAD + 4 * 4 * 1024 ** 2);
    expect(o.Memory).toBe(runscMemoryLimit(gv.limits));
    expect(o.MemorySwap).toBe(o.Memory);
    // The pause container stays on runc with its small fixed limit.
    const pause = buildContainerOptions({ ref, template: gv, role: "pause", spec: pauseSpec() }).HostConfig;
    expect(pause.Runtime).toBe("runc");
    expect(pause.Memory).toBe(16 * 1024 ** 2);
    expect(pause.Ulimits).toBeUndefined();
  });

  it("makes the shared volume a size-limited tmpfs owned by the lab user", () => {
    expect(labVolumeOptions(ref, template).driverOpts).toEqual({ type: "tmpfs", device: "tmpfs", o: `size=${4 * 1024 ** 2},uid=1000,gid=1000,mode=0755,nosuid,nodev` });
  });
});
