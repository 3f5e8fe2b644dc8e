import type { Usage } from "@/lib/labs/capacity";
import type { HostRegistry } from "./host-registry";
import type { Relaunched } from "./relaunch-labs";
import type { HostRepo } from "./repo";

/**
 * What the hosts use cases (list-hosts, add-host, drain-host, activate-host, remove-host) need;
 * lib/hosts/deps.ts wires the real ones, tests pass their own.
 */
export interface HostUseCaseDeps {
  registry: Pick<HostRegistry, "list" | "get" | "setState" | "reload">;
  repo: Pick<HostRepo, "list" | "create" | "update" | "remove">;
  labs: {
    /** Live and warm labs on the engine, by their templates' limits. */
    usage(engineId: string): Promise<Usage>;
    liveCount(engineId: string): Promise<number>;
    warmCount(engineId: string): Promise<number>;
    /** Gives up the host's warm labs (it is draining). */
    drainWarm(engineId: string): void;
    /** Fills warm pools again (a host is active again). */
    refillWarm(): void;
    /** Relaunches the host's ready labs elsewhere (drain with move). */
    move(engineId: string): Promise<Relaunched[]>;
  };
  /** Asks the engine at the URL for its version and runtimes, within a few seconds. */
  probe(engineUrl: string): Promise<{ ok: true; version: string; runtimes: string[] } | { ok: false; error: string }>;
  /** Organizers' Hosts pages refresh (socket `hosts:changed`). */
  changed(): void;
  now?: () => Date;
}
