import { db } from "@/lib/db";
import { getEngine, type Engine } from "@/lib/docker/engine";
import type { HealthView } from "./api";

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]);
}

export interface HealthDeps {
  pingDatabase: () => Promise<unknown>;
  engine: () => Engine;
}

const defaultDeps: HealthDeps = { pingDatabase: () => db.$queryRaw`SELECT 1`, engine: () => getEngine("local") };

export async function checkHealth(deps: HealthDeps = defaultDeps): Promise<HealthView> {
  const [database, docker] = await Promise.all([checkDatabase(deps), checkDocker(deps)]);
  return { status: !database.ok ? "down" : docker.ok ? "ok" : "degraded", database, docker };
}

async function checkDatabase(deps: HealthDeps): Promise<HealthView["database"]> {
  const started = performance.now();
  try {
    await withTimeout(deps.pingDatabase(), 2000, "PostgreSQL");
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { ok: false, error: `Database unreachable: ${(error as Error).message.split("\n")[0]}` };
  }
}

async function checkDocker(deps: HealthDeps): Promise<HealthView["docker"]> {
  let engineId = "local";
  try {
    const engine = deps.engine();
    engineId = engine.id;
    const info = await withTimeout(engine.info(), 2000, "Docker Engine");
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
