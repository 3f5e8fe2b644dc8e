import { db } from "@/lib/db";
import { localDockerOptions, registerEngine } from "@/lib/docker/engines";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { redis, redisKey } from "@/lib/redis";
import { remember } from "@/lib/singleton";
import { clientTls } from "./client-tls";
import { dockerOptionsFor } from "./engine-options";
import { HostRegistry } from "./host-registry";
import type { HostState } from "./placement";
import { hostRepo } from "./repo";

const HOST_STATES = new Set<string>(["ACTIVE", "DRAINING", "DOWN"] satisfies HostState[]);

/** The local engine's URL as the Hosts page shows it. */
function localEngineUrl(): string {
  const o = localDockerOptions();
  return o.socketPath ? `unix://${o.socketPath}` : `tcp://${o.host}:${o.port}`;
}

/**
 * This process's pool of lab hosts, remembered: the labs runtime asks it for placement and
 * budgets, the Hosts API changes it, the health task reports to it. Loaded from the records at
 * start (lib/hosts/host-tasks.ts); until then, and with no records, it holds the local engine only.
 */
export function hostRegistry(): HostRegistry {
  return remember("hosts.registry", () => {
    const e = env();
    return new HostRegistry({
      repo: hostRepo(db),
      register: registerEngine,
      engineOptions: (url) => dockerOptionsFor(url, clientTls().tlsFor),
      local: e.LAB_LOCAL_HOST
        ? {
            id: e.LAB_ENGINE_ID,
            engineUrl: localEngineUrl(),
            // "local" resolves by itself (and tests register it); another id is this machine's engine under that name.
            options: e.LAB_ENGINE_ID === "local" ? undefined : localDockerOptions,
            budget: { maxLabs: e.LAB_ENGINE_MAX_LABS, maxMemoryBytes: e.LAB_ENGINE_MAX_MEMORY_MB * 2 ** 20, maxCpus: e.LAB_ENGINE_MAX_CPUS },
          }
        : null,
      failuresToDown: e.LAB_HOST_FAILURES_TO_DOWN,
      // Every process of this Mingle shares the local engine's state (a drain made on one holds on all).
      localState: {
        get: async () => {
          const state = await redis().get(redisKey("hosts", "local-state", e.LAB_ENGINE_ID));
          return HOST_STATES.has(state ?? "") ? (state as HostState) : null;
        },
        set: async (state) => void (await redis().set(redisKey("hosts", "local-state", e.LAB_ENGINE_ID), state)),
      },
      log: (event, fields) => logger.warn(event, fields),
    });
  });
}
