import type { Engine } from "@/lib/docker/engine";
import type { LabTemplate } from "@/lib/labs/template-schema";
import { remember } from "@/lib/singleton";
import { type Accel, buildVmContainerOptions } from "@/lib/labs/vm-spec";

/**
 * Whether KVM works on an engine, found by trying it, never assumed: a probe container boots the
 * VM image under `-accel kvm -cpu host` with /dev/kvm passed in, and the init prints a marker and
 * powers off at once (mingle.probe=1 on the kernel command line). No /dev/kvm on the host (the
 * container does not start), a qemu that cannot set up the vCPU (an MSR it cannot set), or no
 * marker within PROBE_SECONDS (seen here: KVM spins in silence): TCG. `engineAccel` asks once per
 * engine per process.
 */
export const PROBE_MARKER = "MINGLE-PROBE-OK";

export async function detectAccel(engine: Engine, image: string, template: LabTemplate, log: (msg: string, fields?: Record<string, unknown>) => void = () => {}): Promise<Accel> {
  let id: string | undefined;
  try {
    id = await engine.createContainer(buildVmContainerOptions({ ref: { labId: "accel-probe", engineId: engine.id }, template, image, accel: "kvm", probe: true }));
    await engine.startContainer(id);
    await engine.waitContainer(id);
    const output = await engine.logs(id, 40);
    const accel: Accel = output.includes(PROBE_MARKER) ? "kvm" : "tcg";
    log("lab.vm.accel", { engine: engine.id, accel, ...(accel === "tcg" ? { reason: output.trim().split("\n").slice(-2).join(" ").slice(0, 300) } : {}) });
    return accel;
  } catch (err) {
    log("lab.vm.accel", { engine: engine.id, accel: "tcg", reason: (err as Error).message });
    return "tcg";
  } finally {
    if (id) await engine.removeContainer(id).catch(() => undefined);
  }
}

/** detectAccel, once per engine for the life of the process. */
export function engineAccel(engine: Engine, image: string, template: LabTemplate, log?: (msg: string, fields?: Record<string, unknown>) => void): Promise<Accel> {
  const known = remember("labs.vm-accel", () => new Map<string, Promise<Accel>>());
  if (!known.has(engine.id)) known.set(engine.id, detectAccel(engine, image, template, log));
  return known.get(engine.id)!;
}
