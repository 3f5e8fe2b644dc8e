import { describe, expect, it } from "vitest";
import { buildContainerOptions, labVolumeOptions, pauseSpec } from "@/lib/labs/container-spec";
import { templateSchema } from "@/lib/labs/template-schema";

const template = templateSchema.parse({
  name: "demo",
  title: "Demo",
  limits: { memory: "32m", pids: 20, tmpfs: "4m", cpus: 0.25 },
  services: [{ name: "shell", command: ["sleep", "inf"], interactive: true, env: { A: 1 } }],
});
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
    const gv = templateSchema.parse({ ...template, isolation: "runsc" });
    const o = buildContainerOptions({ ref, template: gv, role: "service", spec: shell, netnsOwner: "p" });
    expect(o.HostConfig!.Runtime).toBe("runsc");
    expect(o.HostConfig!.PidsLimit).toBe(20 + 128);
  });

  it("makes the shared volume a size-limited tmpfs owned by the lab user", () => {
    expect(labVolumeOptions(ref, template).driverOpts).toEqual({ type: "tmpfs", device: "tmpfs", o: `size=${4 * 1024 ** 2},uid=1000,gid=1000,mode=0755,nosuid,nodev` });
  });
});
