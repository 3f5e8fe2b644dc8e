import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { getEngine } from "@/lib/docker/engines";
import { ensureTestEngine } from "@/lib/testing/docker";
import { checkHealth, healthStatusCode } from "./service";

describe("checkHealth on the real PostgreSQL and Docker Engine", () => {
  beforeAll(async () => {
    await ensureTestEngine();
  }, 120_000);

  it("reports both up, with the engine's version and both lab runtimes", async () => {
    const health = await checkHealth();
    expect(health.status).toBe("ok");
    expect(health.database.ok).toBe(true);
    expect(health.docker).toMatchObject({ ok: true, engine: "local" });
    expect(health.docker.version).toMatch(/^\d+\.\d+/);
    expect(health.docker.runtimes).toEqual(expect.arrayContaining(["runc", "runsc"]));
  });

  const down = createPrismaClient("postgresql://root@127.0.0.1:1/nowhere");
  afterAll(() => down.$disconnect());

  it("says the database is down when it does not answer", async () => {
    const health = await checkHealth({ pingDatabase: () => down.$queryRaw`SELECT 1`, engine: () => getEngine("local"), draining: () => false });
    expect(health.status).toBe("down");
    expect(health.database.ok).toBe(false);
    expect(health.database.error).toMatch(/^Database unreachable/);
  });

  it("says labs are unavailable, with the reason, when no engine answers", async () => {
    const { DockerodeEngine } = await import("@/lib/docker/dockerode-engine");
    const Docker = (await import("dockerode")).default;
    const nowhere = new DockerodeEngine("nowhere", new Docker({ socketPath: "/nonexistent/docker.sock" }));
    const health = await checkHealth({ pingDatabase: async () => 1, engine: () => nowhere, draining: () => false });
    expect(health.status).toBe("degraded");
    expect(health.docker.ok).toBe(false);
    expect(health.docker.reason).toMatch(/Labs are unavailable/);
  });

  it("says draining, answered 503, once the process shuts down behind the load balancer", async () => {
    const health = await checkHealth({ pingDatabase: async () => 1, engine: () => getEngine("local"), draining: () => true });
    expect(health.status).toBe("draining");
    expect(healthStatusCode(health)).toBe(503);
    expect(healthStatusCode({ ...health, status: "degraded" })).toBe(200);
    expect(healthStatusCode({ ...health, status: "down" })).toBe(503);
  });
});
