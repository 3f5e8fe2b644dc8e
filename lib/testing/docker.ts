import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Engine } from "@/lib/docker/engine";
import { getEngine, registerEngine } from "@/lib/docker/engines";
import { LABEL } from "@/lib/labs/container-spec";
import { ensureBaseImage } from "@/lib/labs/images";
import { remember } from "@/lib/singleton";

/**
 * For integration tests: makes sure a Docker Engine answers (scripts/docker-engine.sh starts the
 * project-local one when needed), registers it as engine "local" and builds the base lab image.
 */
export function ensureTestEngine(): Promise<Engine> {
  return remember("testing.engine", async () => {
    const script = path.resolve("scripts/docker-engine.sh");
    let out: string;
    try {
      out = execFileSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 300_000 });
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`No Docker Engine for integration tests: ${e.stderr?.trim() || e.message}`);
    }
    const host = /^DOCKER_HOST=(\S+)$/m.exec(out)?.[1];
    if (!host?.startsWith("unix://")) throw new Error(`scripts/docker-engine.sh printed no DOCKER_HOST line:\n${out}`);
    registerEngine("local", { socketPath: host.slice("unix://".length) });
    const engine = getEngine("local");
    await ensureBaseImage(engine);
    return engine;
  });
}

/** Removes whatever a test server left on the engine under its engine id (running labs stay when a server stops, by design). */
export async function removeEngineLeftovers(engine: Engine | undefined, engineId: string): Promise<void> {
  for (const c of (await engine?.listContainers({ [LABEL.engine]: engineId }).catch(() => [])) ?? []) await engine!.removeContainer(c.id);
  for (const v of (await engine?.listVolumes({ [LABEL.engine]: engineId }).catch(() => [])) ?? []) await engine!.removeVolume(v.name);
}
