import type { EngineStatus } from "@/lib/docker/engine-status";
import { LABEL } from "@/lib/labs/container-spec";
import type { LabEngine } from "@/lib/labs/lab-engine";
import { pauseLast, type LabProvisioner } from "@/lib/labs/lab-provisioner";
import { ENGINE_LOST_REASON } from "@/lib/labs/lab-liveness";
import type { LabRepo } from "@/lib/labs/repo";

export interface ReconcileDeps {
  repo: Pick<LabRepo, "listLive">;
  provisioner: LabProvisioner;
  labs: Pick<LabEngine, "setStatus">;
  /** Labs of the warm pool: they have no record, yet are not orphans. */
  pooledIds?: () => Promise<Set<string>>;
  /**
   * A lab starting or stopping that changed within this long is left alone: with several server
   * processes, another one may be launching or stopping it right now (only a lab nobody touched
   * for that long was cut short by a restart). 0 (one process): every one is finished off.
   */
  inFlightGraceMs?: number;
  now?: () => Date;
  log?: (event: ReconcileEvent, fields: Record<string, unknown>) => void;
}

/** Longer than any launch or stop takes: past it, a lab still starting or stopping was cut short. */
export const IN_FLIGHT_GRACE_MS = 5 * 60_000;

type ReconcileEvent = "labs.lost";

export interface Reconciled {
  removedContainers: string[];
  lost: string[];
}

/**
 * Makes an engine and the records agree (run at server start): containers and volumes of labs
 * without a live record are removed; live records whose containers vanished are marked LOST;
 * launches or stops cut short by a restart are finished off. (A lab's shell is its interactive
 * service's main process, so a server process leaves no shell behind: docs/decisions/0020.) Run at server start, and when an engine is back after an
 * outage. A lab is marked before its remains are removed, so the removal's events find it ended.
 */
export async function reconcile(deps: ReconcileDeps, engineId: string): Promise<Reconciled> {
  const { provisioner, labs } = deps;
  const engine = provisioner.engine(engineId);
  const live = await deps.repo.listLive(engineId);
  const liveIds = new Set(live.map((l) => l.id));
  const pooled = (await deps.pooledIds?.()) ?? new Set<string>();
  const managed = { [LABEL.managed]: "true", [LABEL.engine]: engineId };

  const removedContainers: string[] = [];
  for (const c of pauseLast(await engine.listContainers(managed))) {
    const labId = c.labels[LABEL.lab] ?? "";
    if (liveIds.has(labId) || pooled.has(labId)) continue;
    await engine.removeContainer(c.id);
    removedContainers.push(c.id);
  }
  for (const v of await engine.listVolumes(managed)) {
    const labId = v.labels[LABEL.lab] ?? "";
    if (!liveIds.has(labId) && !pooled.has(labId)) await engine.removeVolume(v.name);
  }

  const lost: string[] = [];
  const now = (deps.now?.() ?? new Date()).getTime();
  for (const lab of live) {
    if (lab.status !== "READY" && now - lab.updatedAt.getTime() < (deps.inFlightGraceMs ?? 0)) continue;
    if (lab.status === "STOPPING") {
      await provisioner.teardown(engineId, lab.id);
      await labs.setStatus(lab.id, "STOPPED");
      continue;
    }
    if (lab.status !== "READY") {
      await labs.setStatus(lab.id, "LOST", { reason: "The server restarted while the lab was starting; the lab was lost." });
      await provisioner.teardown(engineId, lab.id);
      lost.push(lab.id);
      continue;
    }
    const expected = (lab.containers?.containers ?? []).filter((c) => c.role !== "onboot");
    const states = await Promise.all(expected.map((c) => engine.inspectContainer(c.id)));
    const missing = expected.filter((_, i) => !states[i]?.running).map((c) => c.name);
    if (expected.length === 0 || missing.length > 0) {
      deps.log?.("labs.lost", { labId: lab.id, engineId, gone: missing.join(", ") || "none recorded" });
      await labs.setStatus(lab.id, "LOST", { reason: ENGINE_LOST_REASON });
      await provisioner.teardown(engineId, lab.id);
      lost.push(lab.id);
    }
  }
  return { removedContainers, lost };
}

export interface StartupReconcileDeps extends ReconcileDeps {
  engineId: string;
  engineStatus: () => Promise<EngineStatus>;
  log: (event: ReconcileEvent | "labs.engine_unavailable" | "labs.reconciled", fields: Record<string, unknown>) => void;
}

/**
 * A background task: start() waits until the engine answers (it may start after us, or be slow
 * while the host is busy), then reconciles it; the promise settles when that is done or stop()
 * was called. A missing engine never blocks or crashes the server.
 */
export class StartupReconcile {
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(private readonly deps: StartupReconcileDeps) {}

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      setTimeout(resolve, ms).unref();
    });
  }

  async start(): Promise<Reconciled | undefined> {
    const { engineId } = this.deps;
    for (let attempt = 0; !this.stopping; attempt++) {
      const status = await this.deps.engineStatus();
      if (status.ok) break;
      if (attempt === 0 || attempt % 10 === 0) this.deps.log("labs.engine_unavailable", { engine: engineId, reason: status.reason, attempt });
      await this.pause(Math.min(30_000, 2_000 * 2 ** Math.min(attempt, 4)));
    }
    if (this.stopping) return undefined;
    const started = performance.now();
    const result = await reconcile(this.deps, engineId);
    this.deps.log("labs.reconciled", {
      engine: engineId,
      removedContainers: result.removedContainers.length,
      lost: result.lost.length,
      ms: Math.round(performance.now() - started),
    });
    return result;
  }

  get stopped(): boolean {
    return this.stopping;
  }

  stop(): void {
    this.stopping = true;
    this.wake?.();
  }
}
