import { getEngine, registerEngine } from "@/lib/docker/engines";
import { engineStatus } from "@/lib/docker/engine-status";
import { addHost } from "@/lib/hosts/add-host";
import { dockerOptionsFor, type TlsFor } from "@/lib/hosts/engine-options";
import { HostRegistry } from "@/lib/hosts/host-registry";
import { probeEngine, startHostTasks } from "@/lib/hosts/host-tasks";
import { moveLabs } from "@/lib/hosts/relaunch-labs";
import type { HostUseCaseDeps } from "@/lib/hosts/use-case-deps";
import { createLabServices } from "@/lib/labs/lab-services";
import type { LabTemplate } from "@/lib/labs/template-schema";
import { inMemoryHostRepo } from "@/lib/testing/in-memory-host-repo";
import { inMemoryLabRepo } from "@/lib/testing/in-memory-lab-repo";
import type { TestEngine } from "@/lib/testing/killable-engines";
import { engineAt } from "@/lib/docker/engines";

/**
 * A pool of lab hosts wired as the server wires it (lib/labs/deps.ts, lib/hosts/deps.ts), on
 * in-memory records and the given real engines: registry, lab services with placement, host
 * tasks (watchers, health with failover), and the hosts use cases' deps.
 */
export async function hostPool(
  engines: TestEngine[],
  opts: {
    templates: Map<string, LabTemplate>;
    budget?: { maxLabs: number; maxMemoryMb: number; maxCpus: number };
    pingMs?: number;
    failuresToDown?: number;
    warm?: Record<string, number>;
    /** TLS material for tcp:// engines (Mingle's client identity); none for unix sockets. */
    tlsFor?: TlsFor;
  },
) {
  const hostRepo = inMemoryHostRepo();
  const labRepo = inMemoryLabRepo();
  const registry = new HostRegistry({
    repo: hostRepo,
    register: registerEngine,
    engineOptions: (url) => dockerOptionsFor(url, opts.tlsFor ?? (() => undefined)),
    local: null,
    failuresToDown: opts.failuresToDown ?? 2,
  });
  const services = createLabServices({
    repo: labRepo,
    engine: (id) => getEngine(id),
    templates: () => opts.templates,
    maxLabsPerUser: 1,
    defaultEngineId: "none",
    warmPool: { mode: "started", sizes: opts.warm ?? {} },
    warmEngineIds: () => registry.warmEngineIds(),
    capacity: { budget: (id) => registry.budget(id), maxRunning: 10_000 },
    place: (request, usage) => registry.place(request, usage),
    onEngineLost: (id) => registry.suspect(id),
  });
  const rt = { ...services, repo: labRepo };
  const deps: HostUseCaseDeps = {
    registry,
    repo: hostRepo,
    labs: {
      usage: (id) => services.capacity.usage(id),
      liveCount: async (id) => (await labRepo.listLive(id)).length,
      warmCount: async (id) => (await services.warmPool.pooled(id)).length,
      drainWarm: (id) => void services.warmPool.drainEngine(id),
      refillWarm: () => void services.warmPool.refillInBackground(),
      move: (id) => moveLabs({ repo: labRepo, labs: services.labs, hostName: (h) => registry.nameOf(h), stop: (labId, reason) => services.labs.stop(labId, reason) }, id),
    },
    async probe(url) {
      const r = await probeEngine(engineAt("probe", dockerOptionsFor(url, opts.tlsFor ?? (() => undefined))), { withInfo: true, timeoutMs: 5_000 });
      return r.probe.ok ? { ok: true, version: r.info?.version ?? "", runtimes: r.info?.runtimes ?? [] } : { ok: false, error: r.probe.error };
    },
    changed: () => {},
  };
  const budget = opts.budget ?? { maxLabs: 30, maxMemoryMb: 12_288, maxCpus: 16 };
  const ids = new Map<string, string>();
  for (const e of engines) {
    const added = await addHost(deps, { name: e.name, engineUrl: e.url, areaId: null, ...budget });
    if (!added.ok) throw new Error(`adding ${e.name}: ${added.message}`);
    ids.set(e.name, added.value.id);
  }
  const events: string[] = [];
  const tasks = startHostTasks({
    registry,
    labs: rt,
    engine: (id) => getEngine(id),
    engineStatus: (id) => engineStatus(() => getEngine(id)),
    health: { intervalMs: opts.pingMs ?? 300, timeoutMs: 1_000 },
    log: (event, fields) => events.push(`${event} ${JSON.stringify(fields)}`),
  });
  await tasks.ready;
  await tasks.lead();
  return { registry, services, labs: services.labs, labRepo, hostRepo, deps, tasks, events, idOf: (name: string) => ids.get(name)! };
}
