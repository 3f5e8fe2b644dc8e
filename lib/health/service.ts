import { isDraining } from "@/lib/cluster/drain-state";
import { db } from "@/lib/db";
import { errorSummary } from "@/lib/dependency-outage";
import type { Engine } from "@/lib/docker/engine";
import { engineStatus } from "@/lib/docker/engine-status";
import { getEngine } from "@/lib/docker/engines";
import { withTimeout } from "@/lib/timeout";
import type { HealthView } from "./api";

export interface HealthDeps {
  pingDatabase: () => Promise<unknown>;
  engine: () => Engine;
  /** True once this process is shutting down: the load balancer must stop sending it requests. */
  draining: () => boolean;
}

const defaultDeps: HealthDeps = { pingDatabase: () => db.$queryRaw`SELECT 1`, engine: () => getEngine("local"), draining: isDraining };

export async function checkHealth(deps: HealthDeps = defaultDeps): Promise<HealthView> {
  const [database, docker] = await Promise.all([checkDatabase(deps), engineStatus(deps.engine)]);
  const status = deps.draining() ? "draining" : !database.ok ? "down" : docker.ok ? "ok" : "degraded";
  return { status, database, docker };
}

/** Down and draining answer 503, so a load balancer's health check takes the process out of rotation. */
export function healthStatusCode(health: HealthView): number {
  return health.status === "down" || health.status === "draining" ? 503 : 200;
}

async function checkDatabase(deps: HealthDeps): Promise<HealthView["database"]> {
  const started = performance.now();
  try {
    await withTimeout(deps.pingDatabase(), 2000, "PostgreSQL");
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { ok: false, error: `Database unreachable: ${errorSummary(error)}` };
  }
}
