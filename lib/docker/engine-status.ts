import type { Engine } from "@/lib/docker/engine";
import { withTimeout } from "@/lib/timeout";

/** Whether an engine answers, its version and which lab runtimes it has; `reason` says why labs cannot run. */
export interface EngineStatus {
  ok: boolean;
  engine: string;
  version?: string;
  runtimes: string[];
  reason?: string;
}

const ANSWER_WITHIN_MS = 2000;

/** Asks the engine for its info (within 2 s); an engine that cannot be reached is a status, not an error. */
export async function engineStatus(engine: () => Engine): Promise<EngineStatus> {
  let engineId = "local";
  try {
    const e = engine();
    engineId = e.id;
    const info = await withTimeout(e.info(), ANSWER_WITHIN_MS, "Docker Engine");
    return { ok: true, engine: engineId, version: info.serverVersion, runtimes: info.runtimes.filter((r) => r === "runc" || r === "runsc") };
  } catch (error) {
    return {
      ok: false,
      engine: engineId,
      runtimes: [],
      reason: `Labs are unavailable: no Docker Engine answers (${(error as Error).message.split("\n")[0]}). Run scripts/docker-engine.sh or set DOCKER_HOST.`,
    };
  }
}
