import type { Engine } from "@/lib/docker/engine";
import type { LabServices } from "@/lib/labs/lab-services";
import { IN_FLIGHT_GRACE_MS, StartupReconcile } from "@/lib/labs/reconcile";
import type { LabRepo } from "@/lib/labs/repo";
import type { EngineStatusView } from "@/lib/labs/schema";
import { withTimeout } from "@/lib/timeout";
import { HostHealth, type ProbeResult } from "./host-health";
import type { ClientTls } from "./client-tls";
import type { HostRegistry } from "./host-registry";
import { HostWatchers } from "./host-watchers";
import { failOver } from "./relaunch-labs";

export interface HostTasksDeps {
  registry: HostRegistry;
  labs: Pick<LabServices, "labs" | "provisioner" | "warmPool" | "liveness" | "reconcile"> & { repo: LabRepo };
  engine: (hostId: string) => Engine;
  /** The default host's reachability, for start-up reconciliation's wait. */
  engineStatus: (hostId: string) => Promise<EngineStatusView>;
  health: { intervalMs: number; timeoutMs: number };
  /** Mingle's client TLS for tcp:// hosts: loaded before the records, renewed in the background. */
  tls?: Pick<ClientTls, "refresh" | "startRenewal" | "stopRenewal">;
  /**
   * Whether this process holds the deployment's jobs lease (lib/app/leader-jobs.ts): only the
   * holder acts on what the health checks and watchers see (failover, reconcile, warm pool);
   * every process still follows events and health, for its own registry. Always, when left out.
   */
  leading?: () => boolean;
  log: (event: string, fields: Record<string, unknown>) => void;
}

export interface HostTasks {
  /** Settles when the default host has been reconciled at start (launches wait for it). */
  ready: Promise<void>;
  /** Resolves when the records are loaded and every host's watcher has started. */
  loaded: Promise<void>;
  health: HostHealth;
  /** The lease holder's work: start-up reconciliation of every host (settles when the default one is done), then the warm pool in the background. */
  lead(): Promise<void>;
  /** The lease is gone: reconciliation stopped, the warm pool emptied (another process keeps its own). */
  follow(): Promise<void>;
  stop(): Promise<void>;
}

const LOAD_RETRY_MS = 5_000;

/** Ping (a new connection), then, when asked, version and runtimes: within the timeout each. */
export async function probeEngine(engine: Engine, opts: { withInfo: boolean; timeoutMs: number }): Promise<ProbeResult> {
  try {
    const up = await withTimeout(engine.ping(), opts.timeoutMs, "The engine");
    if (!up) return { probe: { ok: false, error: "The engine refused or dropped the connection (no answer to /_ping)." } };
    if (!opts.withInfo) return { probe: { ok: true } };
    const info = await withTimeout(engine.info(), opts.timeoutMs, "The engine's info");
    return { probe: { ok: true }, info: { version: info.serverVersion, runtimes: info.runtimes.filter((r) => r === "runc" || r === "runsc").sort() } };
  } catch (error) {
    return { probe: { ok: false, error: (error as Error).message.split("\n")[0]! } };
  }
}

/**
 * Server start for the pool of hosts: the records loaded (retried while the database is away),
 * one event watcher per host (host-watchers.ts), the health task (host-health.ts) with failover
 * and reconcile-on-return. The jobs lease's holder (lead()) also reconciles each host at start,
 * the default one first, then fills the warm pool. stop() ends them all.
 */
export function startHostTasks(deps: HostTasksDeps): HostTasks {
  const { registry, labs, log } = deps;
  const leading = deps.leading ?? (() => true);
  const reconcileAfterOutage = async (hostId: string) => {
    const result = await labs.reconcile(hostId);
    const discarded = await labs.warmPool.prune(hostId);
    log("labs.reconciled", { engine: hostId, after: "engine outage", lost: result.lost.length, warmDiscarded: discarded });
  };
  const health = new HostHealth({
    registry,
    probe: (hostId, opts) => probeEngine(deps.engine(hostId), opts),
    async onDown(hostId, since) {
      labs.warmPool.drainEngine(hostId);
      if (!leading()) return;
      await failOver({ repo: labs.repo, labs: labs.labs, hostName: (id) => registry.nameOf(id), log }, hostId, since);
    },
    async onUp(hostId) {
      if (!leading()) return;
      await reconcileAfterOutage(hostId);
      void labs.warmPool.refillInBackground();
    },
    intervalMs: deps.health.intervalMs,
    timeoutMs: deps.health.timeoutMs,
    log,
  });
  const watchers = new HostWatchers({
    registry,
    engine: deps.engine,
    onEvent: (hostId, event) => labs.liveness.onEvent(hostId, event),
    async onReconnected(hostId) {
      // A DOWN host is reconciled by its health check on the way up; anything else at once.
      if (registry.get(hostId)?.state === "DOWN") return health.suspect(hostId);
      if (leading()) await reconcileAfterOutage(hostId);
    },
    log,
  });
  const unsuspect = registry.onSuspect((id) => health.suspect(id));
  const reconciles: StartupReconcile[] = [];
  let stopped = false;

  const startupReconcile = (hostId: string) => {
    const r = new StartupReconcile({
      repo: labs.repo,
      provisioner: labs.provisioner,
      labs: labs.labs,
      pooledIds: () => labs.warmPool.labIds(),
      // It runs when this process takes the jobs lease, maybe while others are launching labs.
      inFlightGraceMs: IN_FLIGHT_GRACE_MS,
      engineId: hostId,
      engineStatus: () => deps.engineStatus(hostId),
      log,
    });
    reconciles.push(r);
    return r.start().then(() => !r.stopped);
  };

  const loaded = (async () => {
    for (;;) {
      try {
        await deps.tls?.refresh();
        await registry.load();
        deps.tls?.startRenewal(() => registry.reregister(), log);
        return;
      } catch (error) {
        log("hosts.load_failed", { error: String(error) });
        if (stopped) return;
        await new Promise((r) => setTimeout(r, LOAD_RETRY_MS).unref());
      }
    }
  })();

  const ready = loaded.then(() => {
    if (stopped) return;
    watchers.start();
    health.start();
  });

  let leadership: Promise<void> | null = null;
  const lead = async () => {
    await ready;
    if (stopped) return;
    const others = registry.list().filter((h) => h.id !== registry.defaultId);
    for (const h of others) void startupReconcile(h.id).catch((error: unknown) => log("labs.start_failed", { engine: h.id, error: String(error) }));
    const done = await startupReconcile(registry.defaultId);
    if (done && !stopped && leading()) void labs.warmPool.start();
  };

  const follow = async () => {
    for (const r of reconciles.splice(0)) r.stop();
    await leadership?.catch(() => undefined);
    leadership = null;
    await labs.warmPool.stop();
  };

  return {
    ready: ready.catch((error: unknown) => log("labs.start_failed", { error: String(error) })),
    loaded,
    health,
    lead() {
      leadership ??= lead().catch((error: unknown) => log("labs.start_failed", { error: String(error) }));
      return leadership;
    },
    follow,
    async stop() {
      stopped = true;
      deps.tls?.stopRenewal();
      for (const r of reconciles) r.stop();
      unsuspect();
      await health.stop();
      await watchers.stop();
      await ready.catch(() => undefined);
    },
  };
}
