import type { LeaseMutex } from "@/lib/app/lease-mutex";
import type { LabRecord } from "@/lib/labs/repo";
import type { LabTemplate } from "@/lib/labs/template-schema";
import { vmMemoryLimit } from "@/lib/labs/vm-spec";

/**
 * Admission control: what an engine may hold (labs, memory, CPU) and how many labs the server
 * runs in all. Live labs and warm-pool labs both count, by their templates' limits. Check and
 * record are atomic across the deployment: one launch at a time per process (an in-process queue),
 * and across processes the `lock` (a lease in Redis, lib/app/lease-mutex.ts), so two processes
 * cannot both take an engine's last place. The counts themselves are read from PostgreSQL and the
 * shared warm store. Budgets are per engine id, so placement over a pool of engines can ask each one.
 */
export interface CapacityBudget {
  maxLabs: number;
  maxMemoryBytes: number;
  maxCpus: number;
}

export interface Footprint {
  memoryBytes: number;
  cpus: number;
}

/** A lab's share of its engine: every long-running service at the template's limits (onboot steps end before it is ready). */
export function footprint(template: Pick<LabTemplate, "limits" | "services"> & Partial<Pick<LabTemplate, "mode">>): Footprint {
  // A vm lab is one qemu container: the guest's memory plus qemu's own.
  if (template.mode === "vm") return { memoryBytes: vmMemoryLimit(template.limits), cpus: template.limits.cpus };
  const n = template.services.length;
  return { memoryBytes: template.limits.memory * n, cpus: template.limits.cpus * n };
}

/** Which part of the budget `next` would exceed on top of `used`, or undefined when it fits. */
export function exceeds(budget: CapacityBudget, used: Footprint[], next: Footprint): string | undefined {
  if (used.length + 1 > budget.maxLabs) return `labs (${budget.maxLabs})`;
  const memory = used.reduce((s, f) => s + f.memoryBytes, next.memoryBytes);
  if (memory > budget.maxMemoryBytes) return `memory (${Math.round(budget.maxMemoryBytes / 2 ** 20)} MiB)`;
  // Rounded so 0.1 + 0.2 does not exceed 0.3.
  const cpus = Math.round(used.reduce((s, f) => s + f.cpus, next.cpus) * 1000) / 1000;
  if (cpus > budget.maxCpus) return `CPUs (${budget.maxCpus})`;
  return undefined;
}

/** What an engine holds: its live and warm labs, and their footprints summed. */
export interface Usage extends Footprint {
  labs: number;
}

export const AT_CAPACITY_MESSAGE = "All lab machines are busy — try again in a minute.";
export const ADMISSION_BUSY_MESSAGE = "Many labs are starting at once — try again in a few seconds.";

export interface CapacityDeps {
  /** Live labs, all engines. */
  listLive: () => Promise<Pick<LabRecord, "templateName" | "engineId">[]>;
  templates: () => Map<string, LabTemplate>;
  budget: (engineId: string) => CapacityBudget;
  /** Live labs the whole server may run (warm-pool labs not counted: nobody uses them yet). */
  maxRunning: number;
  /** Warm-pool labs on an engine, made or being made. */
  pooled: (engineId: string) => Promise<string[]>;
  /** Keeps admissions on other processes out while one runs; none: this process is the only one. */
  lock?: LeaseMutex;
}

export class LabCapacity {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: CapacityDeps) {}

  /** Runs `work` alone: checks and the record they allow happen with no other admission between. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const { lock } = this.deps;
    const turn = this.queue.then(() => (lock ? lock(work) : work()));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * Why one more lab of `template` does not fit on the engine (call inside exclusive()), or
   * undefined. `fromPool`: the lab is a warm one being handed out, so it adds nothing to the engine.
   */
  async refusal(engineId: string, template: LabTemplate, opts: { fromPool?: boolean; pooled?: boolean } = {}): Promise<string | undefined> {
    const live = await this.deps.listLive();
    if (!opts.pooled && live.length >= this.deps.maxRunning) return `the server runs its maximum of ${this.deps.maxRunning} labs`;
    if (opts.fromPool) return undefined;
    const over = exceeds(this.deps.budget(engineId), await this.footprints(engineId, live), footprint(template));
    return over ? `engine ${engineId} is at its ${over} budget` : undefined;
  }

  /** What the engine holds now (live and warm labs), for placement and the Hosts page. */
  async usage(engineId: string): Promise<Usage> {
    const used = await this.footprints(engineId, await this.deps.listLive());
    return {
      labs: used.length,
      memoryBytes: used.reduce((s, f) => s + f.memoryBytes, 0),
      cpus: Math.round(used.reduce((s, f) => s + f.cpus, 0) * 1000) / 1000,
    };
  }

  private async footprints(engineId: string, live: Pick<LabRecord, "templateName" | "engineId">[]): Promise<Footprint[]> {
    const known = this.deps.templates();
    const names = [...live.filter((l) => l.engineId === engineId).map((l) => l.templateName), ...(await this.deps.pooled(engineId))];
    return names.flatMap((n) => {
      const t = known.get(n);
      return t ? [footprint(t)] : [];
    });
  }
}
