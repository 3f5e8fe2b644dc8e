import type { ContainerEvent } from "@/lib/docker/engine";
import { LABEL } from "@/lib/labs/container-spec";
import type { LabEngine } from "@/lib/labs/lab-engine";
import type { LabProvisioner } from "@/lib/labs/lab-provisioner";
import type { LabContainerInfo, LabRepo } from "@/lib/labs/repo";
import type { LabTemplate } from "@/lib/labs/template-schema";
import type { WarmPool } from "@/lib/labs/warm-pool";

/** Said of a lab whose engine went away (restarted, or the machine did) with its containers. */
export const ENGINE_LOST_REASON = "The lab machine restarted; the lab was lost.";

/** An "oom" event this recent makes the container's death an out-of-memory kill (gVisor does not always set OOMKilled). */
const OOM_WINDOW_MS = 5_000;

/** How a person names the container: the interactive service is "the lab's shell". */
function whatDied(container: Pick<LabContainerInfo, "name" | "role" | "interactive"> | undefined): string {
  if (!container) return "container";
  if (container.interactive) return "shell";
  return container.role === "pause" ? "network holder (pause container)" : `service "${container.name}"`;
}

/** The reason shown on the lab page when one of its containers died or vanished. */
export function deathReason(
  event: Pick<ContainerEvent, "action" | "exitCode">,
  container: Pick<LabContainerInfo, "name" | "role" | "interactive"> | undefined,
  opts: { oomKilled: boolean; memoryBytes?: number },
): string {
  const what = whatDied(container);
  if (opts.oomKilled) {
    const limit = opts.memoryBytes ? ` (${Math.round(opts.memoryBytes / 2 ** 20)} MiB)` : "";
    return `The lab's ${what} was killed: it ran out of memory${limit}.`;
  }
  if (event.action === "destroy") return `The lab's ${what} was removed.`;
  return `The lab's ${what} stopped (exit ${event.exitCode ?? "unknown"}).`;
}

export interface LabLivenessDeps {
  repo: Pick<LabRepo, "get">;
  labs: Pick<LabEngine, "setStatus">;
  provisioner: Pick<LabProvisioner, "teardown" | "engine">;
  templates: () => Map<string, LabTemplate>;
  warmPool: Pick<WarmPool, "discard">;
  /** A lab went down with its engine: the host's health check is asked to look at once (lib/hosts/host-health.ts). */
  onEngineLost?: (engineId: string) => void;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

/**
 * What the engine's container events (engine-events.ts) mean for labs: a ready lab whose service
 * or pause container died is FAILED, with a reason a person understands, and its remains are
 * removed (which frees the owner's lab slot and the engine's budget), or LOST when the engine
 * itself is going away; a warm lab that died is
 * discarded and replaced. Labs starting or stopping are left alone: their own flow owns them.
 */
export class LabLiveness {
  private readonly oomAt = new Map<string, number>();
  private readonly handling = new Set<string>();
  private readonly log: (msg: string, fields?: Record<string, unknown>) => void;

  constructor(private readonly deps: LabLivenessDeps) {
    this.log = deps.log ?? (() => {});
  }

  async onEvent(engineId: string, event: ContainerEvent): Promise<void> {
    const labId = event.labels[LABEL.lab];
    if (!labId) return;
    const now = Date.now();
    for (const [id, at] of this.oomAt) if (now - at > OOM_WINDOW_MS) this.oomAt.delete(id);
    // An oom alone is a process killed inside a lab that lives on; the container's death follows if it was PID 1.
    if (event.action === "oom") return void this.oomAt.set(event.containerId, now);
    if (event.labels[LABEL.role] === "onboot") return; // onboot steps end by design
    if (event.action !== "die" && event.action !== "destroy") return;
    if (await this.deps.warmPool.discard(labId)) {
      this.log("warm lab died; replaced", { labId, action: event.action, exitCode: event.exitCode });
      return;
    }
    if (this.handling.has(labId)) return;
    this.handling.add(labId);
    try {
      const lab = await this.deps.repo.get(labId);
      if (lab?.status !== "READY") return;
      // A stopping engine closes its API first, then kills the containers, whose deaths still reach
      // the open event stream: the lab went down with the engine. Reconciliation removes the rest once it is back.
      if (event.action === "die" && !(await this.deps.provisioner.engine(engineId).ping())) {
        await this.deps.labs.setStatus(labId, "LOST", { reason: ENGINE_LOST_REASON });
        this.log("lab lost with its engine", { labId, engineId });
        this.deps.onEngineLost?.(engineId);
        return;
      }
      const container = lab.containers?.containers.find((c) => c.id === event.containerId);
      const state =
        event.action === "die"
          ? await this.deps.provisioner
              .engine(engineId)
              .inspectContainer(event.containerId)
              .catch(() => null)
          : null;
      const oomKilled = this.oomAt.has(event.containerId) || Boolean(state?.oomKilled);
      const memoryBytes = container?.role === "pause" ? undefined : this.deps.templates().get(lab.templateName)?.limits.memory;
      const reason = deathReason(event, container, { oomKilled, memoryBytes });
      await this.deps.labs.setStatus(labId, "FAILED", { reason });
      this.log("lab died", { labId, engineId, reason });
      await this.deps.provisioner.teardown(engineId, labId).catch((err: unknown) => this.log("teardown of a dead lab failed", { labId, error: String(err) }));
    } finally {
      this.handling.delete(labId);
    }
  }
}
