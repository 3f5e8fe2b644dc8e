import { userRepo } from "@/lib/auth/repo";
import { db } from "@/lib/db";
import { getEngine, localDockerOptions, registerEngine, type Engine } from "@/lib/docker/engine";
import { env } from "@/lib/env";
import { checkHealth } from "@/lib/health/service";
import { logger } from "@/lib/log";
import { renderMarkdown } from "@/lib/markdown/render";
import { realtime } from "@/lib/realtime/server";
import { PrismaLabStore } from "@/lib/labs/repo";
import type { EngineStatusView, LabStatusEvent } from "@/lib/labs/schema";
import { LabService, type LabEvent } from "@/lib/labs/service";
import type { LabStore } from "@/lib/labs/store";
import type { LabTemplate } from "@/lib/labs/template-schema";
import { formatProblem, loadTemplates, type TemplateProblem } from "@/lib/labs/templates";
import type { LabUseCaseDeps } from "@/lib/labs/use-cases";

/**
 * One LabService per process, on globalThis: the custom server (socket handlers, reaper) and
 * Next's route bundles load separate module graphs but must share the warm pool and listeners.
 */
export interface LabRuntime {
  service: LabService;
  store: LabStore;
  engineId: string;
  templates: Map<string, LabTemplate>;
  problems: TemplateProblem[];
  engine(): Engine;
  /** Engine reachability (cached a few seconds): the reason is shown on the Labs page. */
  engineStatus(): Promise<EngineStatusView>;
  /** Settles when start-up reconciliation has finished (or failed); launches wait for it. */
  ready: Promise<void>;
}

const ENGINE_STATUS_TTL_MS = 3_000;
const READY_WAIT_MS = 10_000;

const globalForLabs = globalThis as unknown as {
  mingleLabs?: LabRuntime;
  mingleLabsStop?: () => Promise<void>;
};

function statusPayload(e: LabEvent): LabStatusEvent {
  return { labId: e.labId, status: e.status, at: e.at.toISOString(), ...(e.reason ? { reason: e.reason } : {}), ...(e.progress ? { progress: e.progress } : {}) };
}

export function labRoom(labId: string): string {
  return `lab:${labId}`;
}

function createRuntime(): LabRuntime {
  const e = env();
  const engineId = e.LAB_ENGINE_ID;
  // "local" resolves by itself (and tests register it); another id is this machine's engine under that name.
  if (engineId !== "local") registerEngine(engineId, localDockerOptions());
  const { templates, problems } = loadTemplates(e.LAB_TEMPLATES_DIR);
  for (const p of problems) logger.warn("labs.template_invalid", { problem: formatProblem(p) });
  const store = new PrismaLabStore(db);
  const service = new LabService({
    store,
    engine: (id) => getEngine(id),
    templates: () => templates,
    maxLabsPerUser: e.LAB_MAX_PER_USER,
    defaultEngineId: engineId,
    warmPool: { size: e.LAB_WARM_POOL_SIZE, mode: "started", topTemplates: 2 },
    log: (msg, fields) => logger.warn("labs.service", { msg, ...fields }),
  });
  service.subscribe((event) => {
    if (!event.progress) logger.info("labs.status", { labId: event.labId, status: event.status, reason: event.reason });
    realtime()?.to(labRoom(event.labId)).emit("lab:status", statusPayload(event));
  });

  let cached: { at: number; value: Promise<EngineStatusView> } | undefined;
  const engine = () => getEngine(engineId);
  return {
    service,
    store,
    engineId,
    templates,
    problems,
    engine,
    engineStatus() {
      if (!cached || Date.now() - cached.at > ENGINE_STATUS_TTL_MS) {
        cached = { at: Date.now(), value: checkHealth({ pingDatabase: async () => undefined, engine }).then((h) => h.docker) };
      }
      return cached.value;
    },
    ready: Promise.resolve(),
  };
}

export function labRuntime(): LabRuntime {
  globalForLabs.mingleLabs ??= createRuntime();
  return globalForLabs.mingleLabs;
}

/** The real dependencies of lib/labs/use-cases.ts. */
export function labUseCaseDeps(): LabUseCaseDeps {
  const rt = labRuntime();
  const users = userRepo(db);
  return {
    service: rt.service,
    store: rt.store,
    templates: () => rt.templates,
    engineStatus: () => rt.engineStatus(),
    ready: () => Promise.race([rt.ready, new Promise<void>((resolve) => setTimeout(resolve, READY_WAIT_MS).unref())]),
    renderMarkdown,
    log: (event, fields) => logger.error(event, fields),
    async userNames(ids) {
      const found = await Promise.all(ids.map((id) => users.findById(id)));
      return new Map(found.filter((u) => u !== null).map((u) => [u.id, u.name]));
    },
  };
}

/**
 * Server start: reaper on; reconciliation and the warm pool in the background, so a missing or
 * slow Docker Engine never blocks or crashes the server (labs then show as unavailable).
 */
export function startLabs(): void {
  if (globalForLabs.mingleLabsStop) return;
  const rt = labRuntime();
  const stopReaper = rt.service.startReaper();
  let stopping = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number) => new Promise<void>((resolve) => {
    wake = resolve;
    setTimeout(resolve, ms).unref();
  });
  rt.ready = (async () => {
    // Retry until the engine answers (it may start after us, or be slow while the host is busy).
    for (let attempt = 0; !stopping; attempt++) {
      const status = await rt.engineStatus();
      if (status.ok) break;
      if (attempt === 0 || attempt % 10 === 0) logger.warn("labs.engine_unavailable", { engine: rt.engineId, reason: status.reason, attempt });
      await pause(Math.min(30_000, 2_000 * 2 ** Math.min(attempt, 4)));
    }
    if (stopping) return;
    const started = performance.now();
    const result = await rt.service.reconcile(rt.engineId);
    logger.info("labs.reconciled", {
      engine: rt.engineId,
      removedContainers: result.removedContainers.length,
      lost: result.lost.length,
      ms: Math.round(performance.now() - started),
    });
    if (!stopping) void rt.service.refillInBackground().then(() => logger.info("labs.warm_pool", { sizes: rt.service.warmPoolSizes() }));
  })().catch((error: unknown) => logger.error("labs.start_failed", { engine: rt.engineId, error: String(error) }));

  globalForLabs.mingleLabsStop = async () => {
    stopping = true;
    wake?.();
    stopReaper();
    await rt.ready;
    await rt.service.drainWarmPool().catch((error: unknown) => logger.warn("labs.drain_failed", { error: String(error) }));
  };
}

/** Server stop: reaper off, unclaimed warm labs removed (running labs stay; the next start reconciles them). */
export async function stopLabs(): Promise<void> {
  const stop = globalForLabs.mingleLabsStop;
  globalForLabs.mingleLabsStop = undefined;
  await stop?.();
}
