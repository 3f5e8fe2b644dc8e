import { randomBytes } from "node:crypto";
import type { ContainerSummary, Engine } from "@/lib/docker/engine";
import { LABEL, LAB_VOLUME_TARGET, buildContainerOptions, labVolumeOptions, pauseSpec, volumeName, type LabRef } from "@/lib/labs/container-spec";
import { BASE_IMAGE, LAB_UID, ensureImage, type ImageProgress } from "@/lib/labs/images";
import type { LabContainerInfo, LabContainers } from "@/lib/labs/repo";
import { buildTar, type TarEntry } from "@/lib/labs/tar";
import type { LabTemplate } from "@/lib/labs/template-schema";
import { ensureVmImage } from "@/lib/labs/linuxkit-initrd";
import { engineAccel } from "@/lib/labs/vm-accel";
import { buildVmContainerOptions, VM_CONTAINER } from "@/lib/labs/vm-spec";

/**
 * What a lab is made of on an engine: provision (volume + containers created), boot (pause
 * started, files written, onboot run in order, services started) and teardown. The lab engine
 * runs both for a cold launch; the warm pool runs them ahead of time so a launch only claims.
 */
export interface Provisioned {
  ref: LabRef;
  template: LabTemplate;
  containers: LabContainers;
  booted: boolean;
}

export interface LaunchProgress {
  message: string;
  done?: number;
  total?: number;
}

/** Pull progress goes out at most this often per launch (a pull reports every chunk). */
const PROGRESS_INTERVAL_MS = 250;

const MAX_OUTPUT = 2000;

export function newLabId(): string {
  return `l${randomBytes(10).toString("hex")}`;
}

function tail(text: string, max = MAX_OUTPUT): string {
  const t = text.trim();
  return t.length > max ? `…${t.slice(-max)}` : t;
}

/** A launch step failed for a reason worth showing to the person (an onboot exit, a pull). */
export class LaunchError extends Error {}

export class LaunchCancelled extends Error {}

/** A launch in progress. stop() cancels it; the launch gives up at its next step and unwinds. */
export class Flight {
  private cancelled = false;
  private fire: () => void = () => {};
  /** Resolves when the launch is cancelled (never, for warm-pool work). */
  readonly whenCancelled = new Promise<void>((resolve) => (this.fire = resolve));
  done: Promise<unknown> = Promise.resolve();

  cancel(): void {
    this.cancelled = true;
    this.fire();
  }

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Throws once the launch is cancelled; called between engine steps. */
  check(): void {
    if (this.cancelled) throw new LaunchCancelled("the lab was stopped while it was starting");
  }

  /** Waits for `work`, giving up as soon as the launch is cancelled. */
  async race<T>(work: Promise<T>): Promise<T> {
    work.catch(() => {}); // the loser's rejection (its container removed under it) is expected
    const cancelled = this.whenCancelled.then((): never => {
      throw new LaunchCancelled("the lab was stopped while it was starting");
    });
    cancelled.catch(() => {});
    return Promise.race([work, cancelled]);
  }
}

export class LabProvisioner {
  /** Images known present per engine, so only the first launch of a template checks them. */
  private readonly ensuredImages = new Set<string>();

  constructor(
    readonly engine: (engineId: string) => Engine,
    private readonly log: (msg: string, fields?: Record<string, unknown>) => void = () => {},
  ) {}

  /** Creates the lab's volume and every container (nothing started). */
  async provision(ref: LabRef, template: LabTemplate, opts: { flight?: Flight; onProgress?: (progress: LaunchProgress) => void } = {}): Promise<Provisioned> {
    const flight = opts.flight ?? new Flight();
    if (template.mode === "vm") return this.provisionVm(ref, template, flight, opts.onProgress);
    const engine = this.engine(ref.engineId);
    for (const image of new Set([BASE_IMAGE, ...template.onboot.map((c) => c.image), ...template.services.map((c) => c.image)])) {
      const key = `${ref.engineId}/${image}`;
      if (this.ensuredImages.has(key)) continue;
      let last = 0;
      const report = (p: ImageProgress) => {
        // Only pulls are worth watching: the base image is built at start-up and only checked here,
        // and nobody watches a warm lab being made. A cancelled launch's pull runs on unwatched.
        if (!opts.onProgress || ref.pooled || image === BASE_IMAGE || flight.isCancelled) return;
        const t = Date.now();
        if (p.kind === "bytes" && p.sent < p.total && t - last < PROGRESS_INTERVAL_MS) return;
        last = t;
        opts.onProgress(p.kind === "bytes" ? { message: `Pulling ${image}`, done: p.sent, total: p.total } : { message: `${image}: ${p.message}` });
      };
      try {
        await flight.race(ensureImage(engine, image, report));
      } catch (err) {
        if (err instanceof LaunchCancelled) throw err;
        throw new LaunchError((err as Error).message);
      }
      this.ensuredImages.add(key);
    }
    flight.check();
    const volume = volumeName(ref.labId);
    await engine.createVolume(volume, labVolumeOptions(ref, template));
    const containers: LabContainerInfo[] = [];
    const create = async (role: LabContainerInfo["role"], spec: Parameters<typeof buildContainerOptions>[0]["spec"], netnsOwner?: string, interactive = false) => {
      flight.check();
      const serviceCommand = interactive ? await resolvedCommand(engine, spec) : undefined;
      const id = await engine.createContainer(buildContainerOptions({ ref, template, role, spec, netnsOwner, interactive, serviceCommand }));
      containers.push({ name: spec.name, id, role, interactive });
      return id;
    };
    const pauseId = await create("pause", pauseSpec());
    for (const spec of template.onboot) await create("onboot", spec, pauseId);
    for (const spec of template.services) await create("service", spec, pauseId, spec.interactive);
    return { ref, template, containers: { volume, containers }, booted: false };
  }

  /**
   * A vm lab: its image (kernel + initrd, built once per template content) and one qemu container,
   * under KVM where the engine was seen to run it, else TCG. Building reports its steps.
   */
  private async provisionVm(ref: LabRef, template: LabTemplate, flight: Flight, onProgress?: (progress: LaunchProgress) => void): Promise<Provisioned> {
    const engine = this.engine(ref.engineId);
    const report = (p: ImageProgress) => {
      if (!onProgress || ref.pooled || flight.isCancelled || p.kind !== "step") return;
      onProgress({ message: `Building the VM (${p.step}/${p.steps}): ${p.message}` });
    };
    let image: string;
    try {
      image = (await flight.race(ensureVmImage(engine, template, report))).ref;
    } catch (err) {
      if (err instanceof LaunchCancelled) throw err;
      throw new LaunchError(`could not build the VM: ${(err as Error).message}`);
    }
    const mode = await flight.race(engineAccel(engine, image, template, this.log));
    flight.check();
    const id = await engine.createContainer(buildVmContainerOptions({ ref, template, image, accel: mode }));
    return { ref, template, containers: { volume: volumeName(ref.labId), containers: [{ name: VM_CONTAINER, id, role: "service", interactive: true }] }, booted: false };
  }

  /** Starts the pause container, writes files, runs onboot in order, starts services (a vm lab: starts qemu). */
  async boot(p: Provisioned, flight = new Flight()): Promise<void> {
    const engine = this.engine(p.ref.engineId);
    const byRole = (role: LabContainerInfo["role"]) => p.containers.containers.filter((c) => c.role === role);
    if (p.template.mode === "vm") {
      const vm = byRole("service")[0]!;
      await engine.startContainer(vm.id);
      const state = await engine.inspectContainer(vm.id);
      if (!state?.running) throw new LaunchError(`qemu exited right away (code ${state?.exitCode ?? "?"}): ${tail(await engine.logs(vm.id).catch(() => ""))}`);
      p.booted = true;
      return;
    }
    const pause = byRole("pause")[0]!;
    await engine.startContainer(pause.id);
    if (p.template.files.length) await engine.putArchive(pause.id, LAB_VOLUME_TARGET, filesTar(p.template));
    for (const c of byRole("onboot")) {
      flight.check();
      await engine.startContainer(c.id);
      const code = await flight.race(engine.waitContainer(c.id));
      if (code !== 0) {
        const output = tail(await engine.logs(c.id).catch(() => ""));
        throw new LaunchError(`onboot "${c.name}" exited with code ${code}${output ? `:\n${output}` : ""}`);
      }
    }
    for (const c of byRole("service")) {
      flight.check();
      await engine.startContainer(c.id);
    }
    for (const c of byRole("service")) {
      const state = await engine.inspectContainer(c.id);
      if (!state?.running) {
        const output = tail(await engine.logs(c.id).catch(() => ""));
        throw new LaunchError(`service "${c.name}" exited right away (code ${state?.exitCode ?? "?"})${output ? `:\n${output}` : ""}`);
      }
    }
    p.booted = true;
  }

  /** Removes everything labelled with the lab id on its engine: containers, then the volume. */
  async teardown(engineId: string, labId: string): Promise<void> {
    const engine = this.engine(engineId);
    const containers = await engine.listContainers({ [LABEL.lab]: labId, [LABEL.managed]: "true" });
    for (const c of pauseLast(containers)) await engine.removeContainer(c.id);
    await engine.removeVolume(volumeName(labId));
  }
}

/**
 * What the engine would run for `spec`: the image's entrypoint, then the spec's command or else the
 * image's. The interactive service's entrypoint is the terminal's (container-spec.ts), which runs this.
 */
async function resolvedCommand(engine: Engine, spec: { image: string; command?: string[] }): Promise<string[]> {
  const config = (await engine.inspectImage(spec.image))?.config;
  return [...(config?.entrypoint ?? []), ...(spec.command ?? config?.cmd ?? [])];
}

/** Containers that joined a pause container's namespace are removed before it. */
export function pauseLast(containers: ContainerSummary[]): ContainerSummary[] {
  const isPause = (c: ContainerSummary) => Number(c.labels[LABEL.role] === "pause");
  return [...containers].sort((a, b) => isPause(a) - isPause(b));
}

/** The template's files as a tar rooted at /lab (the lab volume), with parent directories. */
export function filesTar(template: LabTemplate): Buffer {
  const entries: TarEntry[] = [];
  const dirs = new Set<string>();
  for (const f of template.files) {
    const rel = f.path.slice(LAB_VOLUME_TARGET.length + 1);
    const parts = rel.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (!dirs.has(dir)) entries.push({ type: "dir", path: dir, mode: 0o755, uid: LAB_UID, gid: LAB_UID });
      dirs.add(dir);
    }
    if (f.kind === "dir") {
      if (!dirs.has(rel)) entries.push({ type: "dir", path: rel, mode: f.mode, uid: LAB_UID, gid: LAB_UID });
      dirs.add(rel);
    } else entries.push({ type: "file", path: rel, content: f.contents, mode: f.mode, uid: LAB_UID, gid: LAB_UID });
  }
  return buildTar(entries);
}
