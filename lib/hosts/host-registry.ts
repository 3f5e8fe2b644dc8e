import type Docker from "dockerode";
import type { CapacityBudget, Usage } from "@/lib/labs/capacity";
import type { PlacementRequest as LabPlacementRequest } from "@/lib/labs/lab-engine";
import { afterProbe, type HealthStep, type Probe } from "./health-rules";
import { type HostCandidate, type HostState, type Placement, rankHosts, requestFor } from "./placement";
import type { HostPatch, HostRecord, HostRepo } from "./repo";

/** A host as this process sees it: its record (or the implicit local engine's), and its health now. */
export interface LiveHost extends HostRecord {
  /** The local engine of this server, with no record (LAB_LOCAL_HOST): the quick start's one host. */
  implicit: boolean;
  /** The last probe answered, or none was made yet. */
  healthy: boolean;
}

export interface LocalHost {
  id: string;
  engineUrl: string;
  /** How to reach it; left out for "local", which lib/docker/engines.ts resolves by itself. */
  options?: () => Docker.DockerOptions;
  budget: CapacityBudget;
}

export interface HostRegistryDeps {
  repo: HostRepo;
  /** registerEngine from lib/docker/engines.ts: each host's Engine API under its id. */
  register: (id: string, options: Docker.DockerOptions) => void;
  /** How to reach an engine URL (engine-options.ts, with the TLS material of Mingle's CA). */
  engineOptions: (engineUrl: string) => Docker.DockerOptions;
  /** The local engine as a host of its own, unless configured out. */
  local: LocalHost | null;
  failuresToDown: number;
  /**
   * Where the local engine's state (it has no record: an organizer's drain or activate, a
   * failure) is shared with the other server processes; this process's memory alone when left out.
   */
  localState?: { get(): Promise<HostState | null>; set(state: HostState): Promise<void> };
  now?: () => Date;
  log?: (event: string, fields: Record<string, unknown>) => void;
}

/** lastSeenAt is written at most this often while nothing else changes. */
const SEEN_WRITE_MS = 15_000;

/**
 * The pool of lab hosts of this process: loads the records, registers each host's engine, keeps
 * their health (host-health.ts reports probes) and answers placement (placement.ts) and budgets
 * (capacity.ts asks per engine id). With no records it holds only the implicit local engine, and
 * everything behaves as with one engine. Listeners hear of every change (the Hosts page, watchers).
 */
export class HostRegistry implements Placement {
  private readonly hosts = new Map<string, LiveHost>();
  private readonly listeners = new Set<() => void>();
  private readonly suspectListeners = new Set<(id: string) => void>();
  private readonly seenWritten = new Map<string, number>();
  private loaded = false;
  private readonly now: () => Date;

  constructor(private readonly deps: HostRegistryDeps) {
    this.now = deps.now ?? (() => new Date());
    if (deps.local) this.putLocal(deps.local);
  }

  private putLocal(local: LocalHost): void {
    const previous = this.hosts.get(local.id);
    if (local.options) this.deps.register(local.id, local.options());
    this.hosts.set(local.id, {
      id: local.id,
      name: local.id,
      engineUrl: local.engineUrl,
      state: previous?.state ?? "ACTIVE",
      maxLabs: local.budget.maxLabs,
      maxMemoryMb: Math.round(local.budget.maxMemoryBytes / 2 ** 20),
      maxCpus: local.budget.maxCpus,
      labels: previous?.labels ?? [],
      areaId: null,
      certNotAfter: null,
      lastError: previous?.lastError ?? null,
      lastSeenAt: previous?.lastSeenAt ?? null,
      consecutiveFailures: previous?.consecutiveFailures ?? 0,
      dockerVersion: previous?.dockerVersion ?? null,
      createdAt: previous?.createdAt ?? this.now(),
      implicit: true,
      healthy: previous?.healthy ?? true,
    });
  }

  /** (Re)reads the records: new hosts are registered, removed ones dropped; health seen so far is kept. */
  async load(): Promise<void> {
    const rows = await this.deps.repo.list();
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.id);
      const previous = this.hosts.get(row.id);
      if (!previous || previous.engineUrl !== row.engineUrl || previous.implicit) {
        try {
          this.deps.register(row.id, this.deps.engineOptions(row.engineUrl));
        } catch (error) {
          this.deps.log?.("hosts.register_failed", { host: row.name, error: String(error) });
          row.lastError = (error as Error).message;
        }
      }
      this.hosts.set(row.id, { ...row, implicit: false, healthy: previous ? previous.healthy : row.state !== "DOWN" });
    }
    for (const [id, host] of this.hosts) if (!host.implicit && !seen.has(id)) this.hosts.delete(id);
    if (this.deps.local && !seen.has(this.deps.local.id) && !this.hosts.has(this.deps.local.id)) this.putLocal(this.deps.local);
    const local = this.deps.local && this.hosts.get(this.deps.local.id);
    if (local?.implicit && this.deps.localState) {
      const state = await this.deps.localState.get().catch((error: unknown) => {
        this.deps.log?.("hosts.local_state_unavailable", { error: String(error) });
        return null;
      });
      if (state) local.state = state;
    }
    this.loaded = true;
    this.changed();
  }

  /** Registers every recorded host's engine again (Mingle's client certificate was renewed). */
  reregister(): void {
    for (const host of this.hosts.values()) {
      if (host.implicit) continue;
      try {
        this.deps.register(host.id, this.deps.engineOptions(host.engineUrl));
      } catch (error) {
        this.deps.log?.("hosts.register_failed", { host: host.name, error: String(error) });
      }
    }
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  /** Hosts are configured (records exist): a pool, with failover. Without any, the local engine alone, as before. */
  get configured(): boolean {
    return [...this.hosts.values()].some((h) => !h.implicit);
  }

  list(): LiveHost[] {
    return [...this.hosts.values()];
  }

  get(id: string): LiveHost | undefined {
    return this.hosts.get(id);
  }

  /** The host that receives labs when nothing else is said (the local engine, else the first host). */
  get defaultId(): string {
    return this.deps.local?.id ?? this.list()[0]?.id ?? "local";
  }

  nameOf(id: string): string {
    return this.hosts.get(id)?.name ?? id;
  }

  budget(id: string): CapacityBudget {
    const h = this.hosts.get(id);
    if (!h) return { maxLabs: 0, maxMemoryBytes: 0, maxCpus: 0 };
    return { maxLabs: h.maxLabs, maxMemoryBytes: h.maxMemoryMb * 2 ** 20, maxCpus: h.maxCpus };
  }

  /** Engines that keep warm labs: active and healthy. */
  warmEngineIds(): string[] {
    return this.list()
      .filter((h) => h.state === "ACTIVE" && h.healthy)
      .map((h) => h.id);
  }

  async place(request: LabPlacementRequest, usage: (engineId: string) => Promise<Usage>): Promise<string[]> {
    // No hosts configured: every launch goes to the local engine, as before (its launch checks say why it cannot).
    if (!this.configured) return [this.defaultId];
    const candidates: HostCandidate[] = await Promise.all(
      this.list().map(async (h) => ({
        id: h.id,
        name: h.name,
        state: h.state,
        healthy: h.healthy,
        runtimes: h.labels,
        areaId: h.areaId,
        budget: this.budget(h.id),
        usage: await usage(h.id),
      })),
    );
    return rankHosts(candidates, requestFor(request.template, request.areaId));
  }

  /**
   * Whether labs can run anywhere, as the Labs page and launches ask it: some host is active and
   * answers; its runtimes are those of all such hosts together.
   */
  status(): { ok: boolean; engine: string; version?: string; runtimes: string[]; reason?: string } {
    const all = this.list();
    const usable = all.filter((h) => h.state === "ACTIVE" && h.healthy);
    const runtimes = [...new Set(usable.flatMap((h) => h.labels))].sort();
    if (usable.length > 0) return { ok: true, engine: `${usable.length} of ${all.length} lab hosts`, version: usable[0]!.dockerVersion ?? undefined, runtimes };
    const count = (s: HostState) => all.filter((h) => h.state === s).length;
    return {
      ok: false,
      engine: `${all.length} lab hosts`,
      runtimes: [],
      reason: `Labs are unavailable: no lab host takes labs right now (${count("DOWN")} down, ${count("DRAINING")} draining, ${all.filter((h) => h.state === "ACTIVE" && !h.healthy).length} not answering).`,
    };
  }

  /** Containers died with a host's engine (lab-liveness.ts): the health task probes it at once. */
  suspect(id: string): void {
    for (const l of this.suspectListeners) l(id);
  }

  onSuspect(listener: (id: string) => void): () => void {
    this.suspectListeners.add(listener);
    return () => this.suspectListeners.delete(listener);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  private async persist(id: string, patch: HostPatch): Promise<void> {
    const host = this.hosts.get(id);
    if (!host) return;
    Object.assign(host, patch);
    if (!host.implicit) await this.deps.repo.update(id, patch);
    else if (patch.state && this.deps.localState) await this.deps.localState.set(patch.state);
  }

  /**
   * One probe's result: counts failures, says when the host goes down (N failures in a row, and
   * only when hosts are configured) or comes back. The caller handles the transition and then
   * confirms it (setState). Version and runtimes come with a successful probe when known.
   */
  async recordProbe(id: string, probe: Probe, info?: { version: string; runtimes: string[] }): Promise<HealthStep | undefined> {
    const host = this.hosts.get(id);
    if (!host) return undefined;
    const step = afterProbe(host, probe, { failuresToDown: this.deps.failuresToDown, canGoDown: this.configured });
    const patch: HostPatch = {};
    const wasHealthy = host.healthy;
    host.healthy = probe.ok;
    if (step.next.consecutiveFailures !== host.consecutiveFailures) patch.consecutiveFailures = step.next.consecutiveFailures;
    if (step.transition === "down") patch.state = "DOWN";
    if (!probe.ok && probe.error !== host.lastError) patch.lastError = probe.error;
    if (probe.ok) {
      const at = this.now();
      if (at.getTime() - (this.seenWritten.get(id) ?? 0) > SEEN_WRITE_MS || !wasHealthy) {
        patch.lastSeenAt = at;
        this.seenWritten.set(id, at.getTime());
      }
      if (info && info.version !== host.dockerVersion) patch.dockerVersion = info.version;
      if (info && info.runtimes.join() !== host.labels.join()) patch.labels = info.runtimes;
    }
    const visible = Object.keys(patch).some((k) => k !== "lastSeenAt") || wasHealthy !== host.healthy;
    await this.persist(id, patch);
    if (visible) this.changed();
    return step;
  }

  /** An organizer's drain or activate, or the end of a transition (DOWN → ACTIVE after reconcile). */
  async setState(id: string, state: HostState, extra: Pick<HostPatch, "lastError"> = {}): Promise<void> {
    await this.persist(id, { state, ...extra, ...(state === "ACTIVE" ? { consecutiveFailures: 0 } : {}) });
    this.changed();
  }

  /** After a record is added or removed by a use case: reread and tell listeners. */
  reload(): Promise<void> {
    return this.load();
  }
}
