import { db } from "@/lib/db";
import { engineAt } from "@/lib/docker/engines";
import { labRuntime } from "@/lib/labs/deps";
import { logger } from "@/lib/log";
import { onBus, publish } from "@/lib/realtime/bus";
import { sharedBroadcast } from "@/lib/realtime/shared-broadcast";
import { remember } from "@/lib/singleton";
import { clientTls } from "./client-tls";
import { dockerOptionsFor } from "./engine-options";
import { hostRegistry } from "./host-pool";
import { probeEngine } from "./host-tasks";
import { moveLabs } from "./relaunch-labs";
import { hostRepo } from "./repo";
import type { HostUseCaseDeps } from "./use-case-deps";

/** Organizers' sockets join this room (lib/hosts/socket.ts); only they hear `hosts:changed`. */
export const ORGANIZERS_ROOM = "organizers";

/** Adding a host waits this long for its engine to answer. */
const ADD_PROBE_TIMEOUT_MS = 5_000;
/** Every open Hosts page refetches on `hosts:changed`: at most once a second. */
const BROADCAST_MS = 1_000;

/** Tells organizers' Hosts pages on every process that something they show changed (coalesced). */
export function hostsChanged(): void {
  hostsBroadcast()();
}

/**
 * The host records changed (added, drained, activated, removed, joined) on some process: every other
 * one rereads them (and the local host's state, lib/hosts/host-pool.ts), and the jobs lease's
 * holder refills its warm pool on hosts that now take labs. Not the "hosts" broadcast: a reload
 * changes the registry, which broadcasts, which must not reload again.
 */
const HOST_RECORDS_TOPIC = "hosts.records";

function hostRecordsChanged(): void {
  hostsChanged();
  publish(HOST_RECORDS_TOPIC, { othersOnly: true });
}

/** Server start: this process follows the others' changes to the host records. */
export function followHostRecords(): void {
  remember("hosts.records-followed", () => {
    onBus(HOST_RECORDS_TOPIC, () => {
      const rt = labRuntime();
      hostRegistry()
        .reload()
        .then(() => (rt.leading() ? rt.warmPool.refillInBackground() : undefined))
        .catch((error: unknown) => logger.warn("hosts.reload_failed", { error: String(error) }));
    });
    return true;
  });
}

/** Created at server start, so this process's Hosts pages hear changes made on the others. */
export const hostsBroadcast = (): (() => void) => sharedBroadcast("hosts", { windowMs: BROADCAST_MS, emit: (sockets) => sockets.to(ORGANIZERS_ROOM).emit("hosts:changed", {}) });

/** The real dependencies of the hosts use cases. */
export function hostUseCaseDeps(): HostUseCaseDeps {
  const rt = labRuntime();
  const registry = hostRegistry();
  return {
    registry,
    repo: hostRepo(db),
    labs: {
      usage: (id) => rt.capacity.usage(id),
      liveCount: async (id) => (await rt.repo.listLive(id)).length,
      warmCount: async (id) => (await rt.warmPool.pooled(id)).length,
      drainWarm: (id) => void rt.warmPool.drainEngine(id),
      // Only the jobs lease's holder keeps warm labs (one pool per deployment); the others tell it.
      refillWarm: () => void (rt.leading() && rt.warmPool.refillInBackground()),
      move: (id) => moveLabs({ repo: rt.repo, labs: rt.labs, hostName: (h) => registry.nameOf(h), stop: (labId, reason) => rt.labs.stop(labId, reason), log: () => {} }, id),
    },
    async probe(engineUrl) {
      let engine: ReturnType<typeof engineAt>;
      try {
        await clientTls().refresh();
        engine = engineAt("new-host", dockerOptionsFor(engineUrl, clientTls().tlsFor));
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
      const result = await probeEngine(engine, { withInfo: true, timeoutMs: ADD_PROBE_TIMEOUT_MS });
      if (!result.probe.ok) return { ok: false, error: result.probe.error };
      return { ok: true, version: result.info?.version ?? "", runtimes: result.info?.runtimes ?? [] };
    },
    changed: hostRecordsChanged,
  };
}
