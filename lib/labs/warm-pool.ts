import type { LabCapacity } from "@/lib/labs/capacity";
import { newLabId, type LabProvisioner, type Provisioned } from "@/lib/labs/lab-provisioner";
import type { LabTemplate } from "@/lib/labs/template-schema";
import { inMemoryWarmStore, type WarmEntry, type WarmStore } from "@/lib/labs/warm-store";

/** "created": containers made, nothing started; "started": booted too, so a claim is ready at once. */
export type WarmMode = "created" | "started";

export interface WarmPoolConfig {
  mode: WarmMode;
  /** How many labs of each template to keep warm (LAB_WARM_POOL): configured, never steered by what users launch. */
  sizes: Record<string, number>;
}

export interface WarmPoolDeps {
  provisioner: LabProvisioner;
  templates: () => Map<string, LabTemplate>;
  config: WarmPoolConfig;
  /** Warm labs count against the engine's budget: the pool only grows where there is room. */
  capacity?: LabCapacity;
  defaultEngineId?: string;
  /** The engines to keep warm labs on (active, healthy hosts: lib/hosts/); the default engine alone when left out. */
  engineIds?: () => string[];
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** Where warm labs are published and claimed (Redis with several processes); one process's memory when left out. */
  store?: WarmStore;
  /** Whether this process makes the warm labs (holds the jobs lease); always, when left out. */
  leading?: () => boolean;
  /** A claim on a process that does not make warm labs: tells the one that does to refill. */
  requestRefill?: () => void;
}

/** The maker also refills this often by itself: a refill request sent over pub/sub can be lost. */
const REFILL_POLL_MS = 5_000;

/**
 * Labs provisioned (and optionally booted) ahead of time, per engine and template, so a launch
 * only claims one. One process makes them (the jobs lease's holder: start() fills the pool on
 * every engine it serves and keeps it full) and publishes each ready one in the store; a launch on
 * any process claims one from there. stop() removes every unclaimed lab; a host that is drained
 * or goes down gives its warm labs up (drainEngine). A new maker adopts what is published.
 */
export class WarmPool {
  private readonly store: WarmStore;
  /** Warm labs being made here, counted against capacity (and spared by reconciliation) until published. */
  private readonly making: { engineId: string; template: string; labId: string }[] = [];
  private refilling: Promise<void> | null = null;
  private refillAgain = false;
  /** Set while this process makes the warm labs (between start() and stop()). */
  private poll: NodeJS.Timeout | null = null;
  private readonly log: (msg: string, fields?: Record<string, unknown>) => void;

  constructor(private readonly deps: WarmPoolDeps) {
    this.log = deps.log ?? (() => {});
    this.store = deps.store ?? inMemoryWarmStore();
  }

  private get engineId(): string {
    return this.deps.defaultEngineId ?? "local";
  }

  /** A published entry as a Provisioned lab, its template from the catalogue; undefined when the template is gone. */
  private provisioned(e: WarmEntry): Provisioned | undefined {
    const template = this.deps.templates().get(e.template);
    return template ? { ref: { labId: e.labId, engineId: e.engineId, pooled: true }, template, containers: e.containers, booted: e.booted } : undefined;
  }

  private entry(p: Provisioned): WarmEntry {
    return { labId: p.ref.labId, engineId: p.ref.engineId, template: p.template.name, containers: p.containers, booted: p.booted };
  }

  /**
   * A ready-made lab of the template on the engine, taken out of the pool (exactly one process
   * gets each); one whose containers died meanwhile (an engine restart, a kill) is discarded,
   * never handed out.
   */
  async claim(templateName: string, engineId: string): Promise<Provisioned | undefined> {
    // The store not answering (Redis down) makes the launch cold, not failed.
    const take = () => this.store.take(engineId, templateName).catch((err: unknown) => void this.log("warm pool unavailable", { error: String(err) }));
    for (let e = await take(); e; e = await take()) {
      const p = this.provisioned(e);
      if (p && (await this.alive(e))) return p;
      this.log("warm lab dead; discarded", { labId: e.labId, template: templateName });
      this.tearDown(e);
    }
    return undefined;
  }

  /** Whether a warm lab's containers are all there (and, when booted, its long-running ones running). */
  private async alive(p: Pick<WarmEntry, "engineId" | "containers" | "booted">): Promise<boolean> {
    const engine = this.deps.provisioner.engine(p.engineId);
    try {
      const states = await Promise.all(p.containers.containers.map(async (c) => ({ c, s: await engine.inspectContainer(c.id) })));
      return states.every(({ c, s }) => s !== null && (!p.booted || c.role === "onboot" || s.running));
    } catch {
      return false;
    }
  }

  private tearDown(e: Pick<WarmEntry, "engineId" | "labId">): void {
    void this.deps.provisioner.teardown(e.engineId, e.labId).catch((err: unknown) => this.log("warm lab teardown failed", { labId: e.labId, error: String(err) }));
  }

  /** Lab ids of the warm labs, published or being made here (reconciliation leaves their containers alone). */
  async labIds(): Promise<Set<string>> {
    return new Set([...(await this.store.list()).map((e) => e.labId), ...this.making.map((m) => m.labId)]);
  }

  /** Templates of the warm labs on an engine, published or being made (what they take of its budget). */
  async pooled(engineId: string): Promise<string[]> {
    const held = (await this.store.list(engineId)).map((e) => e.template);
    return [...held, ...this.making.filter((m) => m.engineId === engineId).map((m) => m.template)];
  }

  /** Gives one warm lab on the engine back (torn down in the background), to make room for a launch; false when none is held. */
  async release(engineId: string): Promise<boolean> {
    for (const e of await this.store.list(engineId).catch(() => [])) {
      if (!(await this.store.remove(e.labId))) continue; // claimed meanwhile
      this.tearDown(e);
      return true;
    }
    return false;
  }

  /** Drops a warm lab whose containers died (the engine's events say so), and has a new one made. */
  async discard(labId: string): Promise<boolean> {
    const e = await this.store.remove(labId);
    if (!e) return false;
    this.tearDown(e);
    void this.refillInBackground();
    return true;
  }

  /** After an engine outage, or when this process takes the pool over: discards every warm lab that is not alive, then refills. */
  async prune(engineId?: string): Promise<number> {
    let dropped = 0;
    for (const e of await this.store.list(engineId)) {
      if (await this.alive(e)) continue;
      if (await this.store.remove(e.labId)) {
        this.tearDown(e);
        dropped++;
      }
    }
    void this.refillInBackground();
    return dropped;
  }

  /** Which templates the pool keeps warm, as configured (unknown names are skipped). */
  warmTemplates(): string[] {
    const known = this.deps.templates();
    return Object.entries(this.deps.config.sizes)
      .filter(([name, size]) => size > 0 && known.has(name))
      .map(([name]) => name);
  }

  /** One more warm lab of the template fits the engine's budget; it is counted as being made until done(). */
  private async reserve(engineId: string, template: LabTemplate, labId: string): Promise<(() => void) | undefined> {
    const making = { engineId, template: template.name, labId };
    const done = () => {
      const i = this.making.indexOf(making);
      if (i >= 0) this.making.splice(i, 1);
    };
    const capacity = this.deps.capacity;
    if (!capacity) return (this.making.push(making), done);
    return capacity.exclusive(async () => {
      if (await capacity.refusal(engineId, template, { pooled: true })) return undefined;
      this.making.push(making);
      return done;
    });
  }

  /** Fills the pool up to its size for each warm template on the engine, or on every engine it serves (serially, to spare them). */
  async refill(engineId?: string): Promise<number> {
    if (engineId) return this.refillEngine(engineId);
    let made = 0;
    for (const id of this.deps.engineIds?.() ?? [this.engineId]) made += await this.refillEngine(id);
    return made;
  }

  private async refillEngine(engineId: string): Promise<number> {
    const { config, provisioner } = this.deps;
    let made = 0;
    for (const name of this.warmTemplates()) {
      const template = this.deps.templates().get(name);
      if (!template) continue;
      // What is published counts (claims elsewhere shrink it), so a new maker adopts its predecessor's labs.
      let held = (await this.store.list(engineId)).filter((e) => e.template === name).length;
      while (held < (config.sizes[name] ?? 0)) {
        // The host was drained or went down meanwhile: make nothing more there.
        if (this.deps.engineIds && !this.deps.engineIds().includes(engineId)) break;
        const ref = { labId: newLabId(), engineId, pooled: true };
        const reserved = await this.reserve(engineId, template, ref.labId);
        if (!reserved) break; // the engine is full: real launches come first
        try {
          const p = await provisioner.provision(ref, template);
          if (config.mode === "started") await provisioner.boot(p);
          // Drained or down while it was being made: it goes, instead of into a pool nobody claims from.
          if (this.deps.engineIds && !this.deps.engineIds().includes(engineId)) {
            this.tearDown(ref);
            break;
          }
          await this.store.add(this.entry(p));
          held++;
          made++;
        } catch (err) {
          this.log("warm pool refill failed", { template: name, error: String(err) });
          await provisioner.teardown(engineId, ref.labId).catch(() => {});
          break;
        } finally {
          reserved();
        }
      }
    }
    return made;
  }

  /**
   * Refills in the background; concurrent calls share one refill, and a call that comes while one
   * runs makes it go round once more (that one may have failed against an engine that was going
   * away, and the call is from after it came back: an engine restart left the pool empty otherwise).
   * On a process that does not make warm labs, asks the one that does.
   */
  refillInBackground(): Promise<void> {
    if (this.deps.leading && !this.deps.leading()) {
      this.deps.requestRefill?.();
      return Promise.resolve();
    }
    if (this.refilling) {
      this.refillAgain = true;
      return this.refilling;
    }
    this.refilling = (async () => {
      do {
        this.refillAgain = false;
        await this.refill().catch((err: unknown) => this.log("warm pool refill failed", { error: String(err) }));
      } while (this.refillAgain);
    })().finally(() => (this.refilling = null));
    return this.refilling;
  }

  /** Published warm labs per "engine/template". */
  async sizes(): Promise<Record<string, number>> {
    const sizes: Record<string, number> = {};
    for (const e of await this.store.list()) sizes[`${e.engineId}/${e.template}`] = (sizes[`${e.engineId}/${e.template}`] ?? 0) + 1;
    return sizes;
  }

  /**
   * Gives up every unclaimed warm lab on one engine (its host is draining or down). Torn down in
   * the background; on an engine that does not answer that fails, and reconciliation removes them
   * when it is back (they are then neither live nor pooled).
   */
  async drainEngine(engineId: string): Promise<number> {
    let dropped = 0;
    try {
      for (const e of await this.store.list(engineId)) {
        if (!(await this.store.remove(e.labId))) continue;
        this.tearDown(e);
        dropped++;
      }
    } catch (err) {
      // Left published: the maker's prune drops them once the engine answers again, or they are claimed and found dead.
      this.log("warm pool drain failed", { engineId, error: String(err) });
    }
    return dropped;
  }

  /** Removes every unclaimed warm lab. */
  async drain(): Promise<void> {
    await this.refilling;
    for (const e of await this.store.list()) if (await this.store.remove(e.labId)) await this.deps.provisioner.teardown(e.engineId, e.labId);
  }

  /**
   * This process makes the warm labs from now on (at server start, once the engine is
   * reconciled, or on taking the jobs lease): the published ones that died are dropped, the
   * living ones adopted, and the pool filled and kept full.
   */
  start(): Promise<void> {
    if (!this.poll) {
      this.poll = setInterval(() => void this.refillInBackground(), REFILL_POLL_MS);
      this.poll.unref();
    }
    return this.prune()
      .catch((err: unknown) => this.log("warm pool prune failed", { error: String(err) }))
      .then(() => this.refillInBackground());
  }

  /** At shutdown or on giving the jobs up: waits for a refill in flight, then removes the unclaimed labs (only where start() ran: another process's pool is not this one's to empty). */
  async stop(): Promise<void> {
    if (!this.poll) return void (await this.refilling);
    clearInterval(this.poll);
    this.poll = null;
    await this.drain();
  }
}
