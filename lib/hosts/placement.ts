import { type CapacityBudget, type Footprint, footprint, type Usage } from "@/lib/labs/capacity";
import type { LabTemplate } from "@/lib/labs/template-schema";

/**
 * Where a lab goes. A backend answers with the engines a launch may use, best first; the lab
 * engine then takes the first with room (or a warm lab). This pool of plain Docker Engines is one
 * backend; a Nomad or Kubernetes (RuntimeClass gVisor) one would implement Placement beside it
 * (docs/decisions/0012-lab-hosts-placement.md). rankHosts is the pure rule this pool uses.
 */
export interface Placement {
  place(request: { template: LabTemplate; areaId?: string | null }, usage: (engineId: string) => Promise<Usage>): Promise<string[]>;
}

export type HostState = "ACTIVE" | "DRAINING" | "DOWN";

export interface HostCandidate {
  id: string;
  name: string;
  state: HostState;
  /** The last probe answered (or none was made yet). */
  healthy: boolean;
  /** Runtimes the engine offers; empty while unknown (not probed yet), which rules nothing out. */
  runtimes: string[];
  areaId: string | null;
  budget: CapacityBudget;
  usage: Usage;
}

export interface PlacementRequest {
  runtime: string;
  footprint: Footprint;
  areaId?: string | null;
}

/** How full the host would be with one more lab: its fullest dimension (labs, memory, CPU), 0..1 while it fits. */
export function loadWith(host: Pick<HostCandidate, "budget" | "usage">, next: Footprint): number {
  const { budget, usage } = host;
  return Math.max((usage.labs + 1) / budget.maxLabs, (usage.memoryBytes + next.memoryBytes) / budget.maxMemoryBytes, (usage.cpus + next.cpus) / budget.maxCpus);
}

/** Whether the host may take a new lab of this runtime at all (its room is counted by capacity.ts). */
export function eligible(host: Pick<HostCandidate, "state" | "healthy" | "runtimes">, runtime: string): boolean {
  return host.state === "ACTIVE" && host.healthy && (host.runtimes.length === 0 || host.runtimes.includes(runtime));
}

const TIE = 1e-9;

/**
 * Active, healthy hosts that offer the runtime, least loaded first; between equally loaded hosts
 * the one in the session's Mingle area first, then fewer labs, then by name (stable).
 */
export function rankHosts(hosts: readonly HostCandidate[], request: PlacementRequest): string[] {
  const near = (h: HostCandidate) => (request.areaId && h.areaId === request.areaId ? 0 : 1);
  return hosts
    .filter((h) => eligible(h, request.runtime))
    .map((h) => ({ h, load: loadWith(h, request.footprint) }))
    .sort((a, b) => (Math.abs(a.load - b.load) > TIE ? a.load - b.load : near(a.h) - near(b.h) || a.h.usage.labs - b.h.usage.labs || a.h.name.localeCompare(b.h.name)))
    .map(({ h }) => h.id);
}

/** The request a template makes of placement. */
export function requestFor(template: LabTemplate, areaId?: string | null): PlacementRequest {
  return { runtime: template.isolation, footprint: footprint(template), areaId };
}
