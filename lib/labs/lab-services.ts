import type { LeaseMutex } from "@/lib/app/lease-mutex";
import type { Engine } from "@/lib/docker/engine";
import { LabCapacity, type CapacityBudget } from "@/lib/labs/capacity";
import { LabEngine, type LabEngineDeps } from "@/lib/labs/lab-engine";
import { LabLiveness } from "@/lib/labs/lab-liveness";
import { LabProvisioner } from "@/lib/labs/lab-provisioner";
import { Reaper } from "@/lib/labs/reaper";
import { reconcile, type Reconciled } from "@/lib/labs/reconcile";
import type { LabRepo } from "@/lib/labs/repo";
import type { LabTemplate } from "@/lib/labs/template-schema";
import { WarmPool, type WarmPoolConfig } from "@/lib/labs/warm-pool";
import type { WarmStore } from "@/lib/labs/warm-store";

export interface LabServicesDeps {
  repo: LabRepo;
  engine: (engineId: string) => Engine;
  templates: () => Map<string, LabTemplate>;
  now?: () => Date;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  maxLabsPerUser?: number;
  defaultEngineId?: string;
  warmPool?: WarmPoolConfig;
  /** Admission control; unbounded when left out (tests, benchmarks). */
  capacity?: { budget: (engineId: string) => CapacityBudget; maxRunning: number; lock?: LeaseMutex };
  /** Placement over a pool of hosts (lib/hosts/); every launch goes to defaultEngineId when left out. */
  place?: LabEngineDeps["place"];
  /** How each launch ended (metrics). */
  observeLaunch?: LabEngineDeps["observeLaunch"];
  /** The engines the warm pool fills (active, healthy hosts); the default engine when left out. */
  warmEngineIds?: () => string[];
  /** Where warm labs are published and claimed (Redis: warm-store.ts); this process's memory when left out. */
  warmStore?: WarmStore;
  /** Whether this process makes the warm labs (holds the jobs lease); always when left out. */
  warmLeading?: () => boolean;
  /** A warm lab was claimed here but another process makes them: ask it to refill. */
  requestWarmRefill?: () => void;
  /** Containers died with their engine (it no longer answers): the host's health check should look now. */
  onEngineLost?: (engineId: string) => void;
}

/** The lab engine with its background tasks, sharing one provisioner (and so one image cache). */
export interface LabServices {
  labs: LabEngine;
  warmPool: WarmPool;
  reaper: Reaper;
  provisioner: LabProvisioner;
  capacity: LabCapacity;
  /** Turns the engine's container events into lab status (engine-events.ts feeds it). */
  liveness: LabLiveness;
  /** Makes the engine (the default one unless named) and the records agree; see reconcile.ts. */
  reconcile(engineId?: string): Promise<Reconciled>;
}

const UNBOUNDED: CapacityBudget = { maxLabs: Number.POSITIVE_INFINITY, maxMemoryBytes: Number.POSITIVE_INFINITY, maxCpus: Number.POSITIVE_INFINITY };

export function createLabServices(deps: LabServicesDeps): LabServices {
  const provisioner = new LabProvisioner(deps.engine, deps.log);
  const { repo, templates, log, defaultEngineId } = deps;
  let warmPool: WarmPool | undefined;
  const capacity = new LabCapacity({
    listLive: () => repo.listLive(),
    templates,
    budget: deps.capacity?.budget ?? (() => UNBOUNDED),
    maxRunning: deps.capacity?.maxRunning ?? Number.POSITIVE_INFINITY,
    lock: deps.capacity?.lock,
    pooled: async (engineId) => (await warmPool?.pooled(engineId)) ?? [],
  });
  warmPool = new WarmPool({
    provisioner,
    templates,
    log,
    defaultEngineId,
    capacity,
    engineIds: deps.warmEngineIds,
    config: deps.warmPool ?? { mode: "started", sizes: {} },
    store: deps.warmStore,
    leading: deps.warmLeading,
    requestRefill: deps.requestWarmRefill,
  });
  const labs = new LabEngine({ ...deps, provisioner, warmPool, capacity });
  const reaper = new Reaper({ repo, labs, now: deps.now, log });
  const liveness = new LabLiveness({ repo, labs, provisioner, templates, warmPool, log, onEngineLost: deps.onEngineLost });
  const pool = warmPool;
  return {
    labs,
    warmPool,
    reaper,
    provisioner,
    capacity,
    liveness,
    reconcile: (engineId = labs.defaultEngineId) => reconcile({ repo, provisioner, labs, pooledIds: () => pool.labIds(), log }, engineId),
  };
}
