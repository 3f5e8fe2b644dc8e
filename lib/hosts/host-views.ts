import type { LiveHost } from "./host-registry";
import type { HostView } from "./schema";
import type { HostUseCaseDeps } from "./use-case-deps";

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A host as the Hosts page shows it: record, health and what it holds against its budget. */
export async function hostView(deps: Pick<HostUseCaseDeps, "labs">, h: LiveHost): Promise<HostView> {
  const [usage, running, warm] = await Promise.all([deps.labs.usage(h.id), deps.labs.liveCount(h.id), deps.labs.warmCount(h.id)]);
  return {
    id: h.id,
    name: h.name,
    engineUrl: h.engineUrl,
    state: h.state,
    implicit: h.implicit,
    healthy: h.healthy,
    dockerVersion: h.dockerVersion,
    runtimes: h.labels,
    areaId: h.areaId,
    runningLabs: running,
    warmLabs: warm,
    labs: { used: usage.labs, budget: h.maxLabs },
    memoryMb: { used: round(usage.memoryBytes / 2 ** 20, 0), budget: h.maxMemoryMb },
    cpus: { used: round(usage.cpus), budget: h.maxCpus },
    certNotAfter: h.certNotAfter?.toISOString() ?? null,
    lastError: h.lastError,
    lastSeenAt: h.lastSeenAt?.toISOString() ?? null,
    consecutiveFailures: h.consecutiveFailures,
    createdAt: h.implicit ? null : h.createdAt.toISOString(),
  };
}
