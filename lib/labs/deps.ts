import { userRepo } from "@/lib/auth/repo";
import { db } from "@/lib/db";
import type { Engine } from "@/lib/docker/engine";
import { engineStatus } from "@/lib/docker/engine-status";
import { getEngine } from "@/lib/docker/engines";
import { env } from "@/lib/env";
import { hostRegistry } from "@/lib/hosts/host-pool";
import { clientTls } from "@/lib/hosts/client-tls";
import { startHostTasks } from "@/lib/hosts/host-tasks";
import type { LabEvent, LaunchObservation } from "@/lib/labs/lab-engine";
import { createLabServices, type LabServices } from "@/lib/labs/lab-services";
import { labRepo, type LabRepo } from "@/lib/labs/repo";
import type { EngineStatusView, LabStatusEvent } from "@/lib/labs/schema";
import { labTemplates } from "@/lib/labs/templates";
import type { LabUseCaseDeps } from "@/lib/labs/use-case-deps";
import { logger } from "@/lib/log";
import { appMetrics } from "@/lib/metrics/registry";
import { templateLabel } from "@/lib/metrics/labels";
import { renderMarkdown } from "@/lib/markdown/render";
import { onBus, publish } from "@/lib/realtime/bus";
import { realtime } from "@/lib/realtime/server";
import { redis, redisKey } from "@/lib/redis";
import { leaseMutex } from "@/lib/app/lease-mutex";
import { redisLeaseStore } from "@/lib/app/redis-lease-store";
import { redisWarmStore } from "@/lib/labs/redis-warm-store";
import { labLaunchWait } from "@/lib/rate-limit/server-limits";
import { remember } from "@/lib/singleton";

/**
 * The labs slice wired to this process: one LabEngine (with its warm pool, reaper and
 * reconciliation) per process, remembered: the custom server (socket handlers, reaper) and Next's
 * route bundles load separate module graphs but must share the warm pool and listeners.
 */
export interface LabRuntime extends LabServices {
  repo: LabRepo;
  engineId: string;
  engine(): Engine;
  /** Engine reachability (cached a few seconds): the reason is shown on the Labs page. */
  engineStatus(): Promise<EngineStatusView>;
  /** Settles when start-up reconciliation has finished (or failed); launches wait for it. */
  ready: Promise<void>;
  /** Whether this process holds the jobs lease (runs the warm pool): set by startLabs. */
  leading: () => boolean;
}

const ENGINE_STATUS_TTL_MS = 3_000;
const READY_WAIT_MS = 10_000;

function statusPayload(e: LabEvent): LabStatusEvent {
  return {
    labId: e.labId,
    status: e.status,
    at: e.at.toISOString(),
    ...(e.reason ? { reason: e.reason } : {}),
    ...(e.progress ? { progress: e.progress } : {}),
    ...(e.replacedBy ? { replacedBy: e.replacedBy } : {}),
  };
}

function countLaunch(launch: LaunchObservation): void {
  const m = appMetrics();
  const template = templateLabel(launch.template);
  if (launch.outcome === "refused") return void m.labLaunchRefusals.inc({ template, code: launch.code });
  m.labLaunches.inc({ template, host: launch.engineId, outcome: launch.outcome });
  if (launch.outcome === "ready") m.labLaunchDuration.observe({ template, host: launch.engineId, warm: String(launch.warm) }, launch.seconds);
}

export function labRoom(labId: string): string {
  return `lab:${labId}`;
}

/** Bus topic: a warm lab was claimed or discarded on some process; the maker (jobs lease holder) refills. */
const WARM_CLAIMED = "warm-claimed";

function createRuntime(): LabRuntime {
  const e = env();
  // The pool of lab hosts (lib/hosts/): with no host configured, the local engine alone, as before.
  const hosts = hostRegistry();
  const engineId = hosts.defaultId;
  const repo = labRepo(db);
  const services = createLabServices({
    repo,
    engine: (id) => getEngine(id),
    templates: labTemplates,
    maxLabsPerUser: e.LAB_MAX_PER_USER,
    defaultEngineId: engineId,
    warmPool: { mode: "started", sizes: e.LAB_WARM_POOL },
    // Published in Redis, so a launch on any process claims a warm lab (docs/decisions/0019).
    warmStore: redisWarmStore(redis, redisKey),
    warmLeading: () => runtime.leading(),
    requestWarmRefill: () => publish(WARM_CLAIMED, { othersOnly: true }),
    warmEngineIds: () => hosts.warmEngineIds(),
    capacity: {
      budget: (id) => hosts.budget(id),
      maxRunning: e.LAB_MAX_RUNNING,
      // One admission at a time across every process (an admission is a few queries: 5 s is ample).
      lock: leaseMutex({
        store: redisLeaseStore(redis),
        key: redisKey("lock", "lab-admission"),
        ttlMs: 5_000,
        onUnavailable: (error) => logger.warn("labs.admission_lock_unavailable", { error: String(error) }),
      }),
    },
    place: (request, usage) => hosts.place(request, usage),
    onEngineLost: (id) => hosts.suspect(id),
    log: (msg, fields) => logger.warn("labs.service", { msg, ...fields }),
    observeLaunch: countLaunch,
  });
  services.labs.subscribe((event) => {
    if (!event.progress) logger.info("labs.status", { labId: event.labId, status: event.status, reason: event.reason });
    realtime()?.to(labRoom(event.labId)).emit("lab:status", statusPayload(event));
  });

  let cached: { at: number; value: Promise<EngineStatusView> } | undefined;
  const engine = () => getEngine(engineId);
  const runtime: LabRuntime = {
    ...services,
    repo,
    engineId,
    engine,
    engineStatus() {
      // A pool: labs can run while some host can take them. The local engine alone: asked directly, as before.
      if (hosts.configured) return Promise.resolve(hosts.status());
      if (!cached || Date.now() - cached.at > ENGINE_STATUS_TTL_MS) cached = { at: Date.now(), value: engineStatus(engine) };
      return cached.value;
    },
    ready: Promise.resolve(),
    leading: () => true,
  };
  onBus(WARM_CLAIMED, () => void (runtime.leading() && runtime.warmPool.refillInBackground()));
  return runtime;
}

export function labRuntime(): LabRuntime {
  return remember("labs.runtime", createRuntime);
}

/** The real dependencies of the labs use cases (lib/labs/use-case-deps.ts). */
export function labUseCaseDeps(): LabUseCaseDeps {
  const rt = labRuntime();
  const users = userRepo(db);
  return {
    labs: rt.labs,
    repo: rt.repo,
    templates: labTemplates,
    engineStatus: () => rt.engineStatus(),
    ready: () => Promise.race([rt.ready, new Promise<void>((resolve) => setTimeout(resolve, READY_WAIT_MS).unref())]),
    renderMarkdown,
    launchWait: labLaunchWait,
    log: (event, fields) => logger.error(event, fields),
    async userNames(ids) {
      const found = await Promise.all(ids.map((id) => users.findById(id)));
      return new Map(found.filter((u) => u !== null).map((u) => [u.id, u.name]));
    },
  };
}

type Step = () => Promise<void>;
const tasks = () => remember("labs.tasks", () => ({ stop: undefined as Step | undefined, lead: undefined as Step | undefined, follow: undefined as Step | undefined }));

/**
 * Server start: the pool of hosts (lib/hosts/host-tasks.ts): each host's events followed (labs
 * that die turn failed) and its health checked, on every process. The jobs lease's holder
 * (leadLabs, lib/app/slices.ts) also runs the reaper, reconciliation, failover and then the warm
 * pool, once per deployment. A missing or slow Docker Engine never blocks or crashes the server
 * (labs then show as unavailable).
 */
export function startLabs(leading: () => boolean = () => true): void {
  const t = tasks();
  if (t.stop) return;
  const rt = labRuntime();
  const e = env();
  const log = (event: string, fields: Record<string, unknown>) =>
    event === "labs.reconciled" || event === "labs.events_connected" || event === "hosts.up" ? logger.info(event, fields) : logger.warn(event, fields);
  const hosts = startHostTasks({
    registry: hostRegistry(),
    labs: rt,
    engine: (id) => getEngine(id),
    engineStatus: (id) => engineStatus(() => getEngine(id)),
    health: { intervalMs: e.LAB_HOST_PING_MS, timeoutMs: e.LAB_HOST_PING_TIMEOUT_MS },
    tls: clientTls(),
    leading,
    log,
  });
  rt.ready = hosts.ready;
  rt.leading = leading;

  t.lead = async () => {
    rt.reaper.start();
    const reconciled = hosts.lead();
    // This process's launches wait for the default host's reconciliation, as at a single server's start.
    rt.ready = reconciled.then(async () => logger.info("labs.warm_pool", { sizes: await rt.warmPool.sizes().catch(() => "unknown (Redis away)") }));
    await reconciled;
  };
  t.follow = async () => {
    rt.reaper.stop();
    await hosts.follow().catch((error: unknown) => logger.warn("labs.drain_failed", { error: String(error) }));
    rt.ready = hosts.ready;
  };
  t.stop = async () => {
    rt.reaper.stop();
    await hosts.stop();
    await rt.ready;
    await rt.warmPool.stop().catch((error: unknown) => logger.warn("labs.drain_failed", { error: String(error) }));
  };
}

/** The jobs lease was taken: reaper, reconciliation and warm pool run here. */
export async function leadLabs(): Promise<void> {
  await tasks().lead?.();
}

/** The jobs lease was lost or given up: they stop here (another process runs them). */
export async function followLabs(): Promise<void> {
  await tasks().follow?.();
}

/** Server stop: reaper off, unclaimed warm labs removed (running labs stay; the next start reconciles them). */
export async function stopLabs(): Promise<void> {
  const t = tasks();
  const stop = t.stop;
  t.stop = t.lead = t.follow = undefined;
  await stop?.();
}
