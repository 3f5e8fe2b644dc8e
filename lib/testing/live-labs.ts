import { afterAll, beforeAll } from "vitest";
import type { Engine } from "@/lib/docker/engine";
import type { LabEngine } from "@/lib/labs/lab-engine";
import { createLabServices, type LabServicesDeps } from "@/lib/labs/lab-services";
import type { LabRecord } from "@/lib/labs/repo";
import { loadTemplates } from "@/lib/labs/templates";
import { ensureTestEngine } from "@/lib/testing/docker";
import { inMemoryLabRepo } from "@/lib/testing/in-memory-lab-repo";

/**
 * For integration tests of labs on the real engine (lib/testing/docker.ts), with an in-memory
 * LabRepo: build the services, launch, run a command. Call at the top of a test file: the engine
 * is ready before the first test, and every lab launched through launch() is stopped after the last.
 */
export function liveLabs() {
  const { templates } = loadTemplates("labs/templates");
  const started: { svc: LabEngine; id: string }[] = [];
  let current: Engine | undefined;
  const engine = (): Engine => {
    if (!current) throw new Error("the test engine is not ready yet (use it inside a test)");
    return current;
  };
  beforeAll(async () => {
    current = await ensureTestEngine();
  });
  afterAll(async () => {
    for (const { svc, id } of started.splice(0)) await svc.stop(id);
  });

  function service(over: Partial<LabServicesDeps> = {}) {
    const repo = over.repo ?? inMemoryLabRepo();
    const services = createLabServices({ repo, engine: () => engine(), templates: () => templates, ...over });
    return { ...services, svc: services.labs, store: repo };
  }

  async function launch(svc: LabEngine, templateName: string): Promise<LabRecord> {
    const r = await svc.launch({ ownerId: "u1", templateName });
    if (!r.ok) throw new Error(`${templateName}: ${r.message}`);
    started.push({ svc, id: r.value.id });
    return r.value;
  }

  async function run(svc: LabEngine, labId: string, script: string, opts: { service?: string; timeoutMs?: number } = {}) {
    const r = await svc.exec(labId, ["sh", "-c", script], { timeoutMs: 20_000, ...opts });
    if (!r.ok) throw new Error(r.message);
    return r.value;
  }

  return { engine, templates, service, launch, run };
}
