import type { ExecPipe } from "@/lib/docker/exec-pipe";
import { EngineError, type Engine } from "@/lib/docker/engine";
import { fail, ok, type Result } from "@/lib/errors";
import type { LabRecord, LabRepo } from "@/lib/labs/repo";

/**
 * One connection into a lab's network namespace: busybox `nc 127.0.0.1 PORT` run by the engine in
 * the lab's interactive service (the way `kubectl port-forward` runs socat), its stdin and stdout
 * the tunnel. Labs have no network of their own, so this is the only way in, and it works the same
 * on every lab host: only the Engine API is needed.
 */
export interface TunnelDeps {
  repo: Pick<LabRepo, "get">;
  engine: (engineId: string) => Engine;
}

export type TunnelFailure = "LAB_NOT_FOUND" | "LAB_NOT_READY";

export async function openTunnel(deps: TunnelDeps, lab: LabRecord, port: number): Promise<Result<ExecPipe, TunnelFailure>> {
  const service = lab.containers?.containers.find((c) => c.role === "service" && c.interactive);
  if (lab.status !== "READY" || !service) return fail("LAB_NOT_READY", `The lab is ${lab.status.toLowerCase()}: the preview opens once it is ready.`);
  try {
    return ok(await deps.engine(lab.engineId).execPipe(service.id, ["nc", "127.0.0.1", String(port)], { user: "1000:1000" }));
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    return fail("LAB_NOT_READY", "The lab's container is not running, so its port cannot be reached.");
  }
}

/** The lab, if it is still live: every request asks, so a stopped lab's preview stops at once. */
export async function liveLab(deps: TunnelDeps, labId: string): Promise<Result<LabRecord, TunnelFailure>> {
  const lab = await deps.repo.get(labId);
  if (!lab) return fail("LAB_NOT_FOUND", "This lab no longer exists.");
  return ok(lab);
}
