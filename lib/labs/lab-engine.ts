import { LeaseMutexTimeout } from "@/lib/app/lease-mutex";
import { EngineError, type ExecResult, type TtyExec } from "@/lib/docker/engine";
import { fail, ok, type Result } from "@/lib/errors";
import { ADMISSION_BUSY_MESSAGE, AT_CAPACITY_MESSAGE, type LabCapacity, type Usage } from "@/lib/labs/capacity";
import { SHELL_ENV } from "@/lib/labs/container-spec";
import type { LabErrorCode, LabLaunchErrorCode } from "@/lib/labs/errors";
import { Flight, LaunchCancelled, LaunchError, newLabId, type LabProvisioner, type LaunchProgress, type Provisioned } from "@/lib/labs/lab-provisioner";
import { LIVE_STATUSES, type LabContainers, type LabRecord, type LabRepo, type LabStatus } from "@/lib/labs/repo";
import type { LabTemplate } from "@/lib/labs/template-schema";

/**
 * Lab lifecycle, framework-free: containers through LabProvisioner, records behind LabRepo, time
 * behind now(). Launch, stop and exec; the warm pool, reaper and reconciliation are background
 * tasks of their own (warm-pool.ts, reaper.ts, reconcile.ts) that this class only calls or serves.
 */
export interface LabEvent {
  labId: string;
  status: LabStatus;
  reason?: string;
  at: Date;
  /** While CREATING: what the launch is waiting for, e.g. an image pull (bytes when known). */
  progress?: LaunchProgress;
  /** LOST or STOPPED with a lab that took over (its host went down, or it was moved). */
  replacedBy?: string;
}

export interface LabEngineDeps {
  repo: LabRepo;
  provisioner: LabProvisioner;
  templates: () => Map<string, LabTemplate>;
  now?: () => Date;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  maxLabsPerUser?: number;
  defaultEngineId?: string;
  /** Where launches claim a ready-made lab (warm-pool.ts); a claim starts a refill. */
  warmPool?: {
    claim(templateName: string, engineId: string): Promise<Provisioned | undefined>;
    release(engineId: string): Promise<boolean>;
    refillInBackground(): Promise<void>;
  };
  /** Admission control (capacity.ts): launches past an engine's budget or the server's cap are refused. */
  capacity: LabCapacity;
  /**
   * Where a launch may go, best first (lib/hosts/placement.ts): engines that can run the template,
   * least loaded first. Left out: the default engine alone. `usage` is each engine's load now.
   */
  place?: (request: PlacementRequest, usage: (engineId: string) => Promise<Usage>) => Promise<string[]>;
  /** Told how each launch ended (the metrics, lib/labs/deps.ts); a refusal has no engine. */
  observeLaunch?: (launch: LaunchObservation) => void;
}

export type LaunchObservation =
  | { template: LabTemplate; outcome: "refused"; code: LabLaunchErrorCode }
  | { template: LabTemplate; outcome: "ready" | "failed" | "cancelled"; engineId: string; warm: boolean; seconds: number };

export interface PlacementRequest {
  template: LabTemplate;
  /** The Mingle area of the session's table: a host near it wins a tie. */
  areaId?: string | null;
}

export interface LaunchInput {
  ownerId: string;
  templateName: string;
  participantIds?: string[];
  sessionId?: string | null;
  engineId?: string;
  /** When the lab ends; the template's time to live from now when left out. */
  expiresAt?: Date;
  /** false = cold launch even when a warm lab is available. */
  useWarmPool?: boolean;
  /** The Mingle area of the session's table (placement's tie-breaker). */
  areaId?: string | null;
}

type Started = { lab: LabRecord; done: Promise<Result<LabRecord, LabErrorCode>> };

export class LabEngine {
  private readonly listeners = new Set<(e: LabEvent) => void>();
  private readonly launching = new Map<string, Flight>();
  private readonly now: () => Date;
  private readonly log: (msg: string, fields?: Record<string, unknown>) => void;
  private readonly observe: (launch: LaunchObservation) => void;

  constructor(private readonly deps: LabEngineDeps) {
    this.now = deps.now ?? (() => new Date());
    this.log = deps.log ?? (() => {});
    this.observe = (launch) => {
      try {
        deps.observeLaunch?.(launch);
      } catch (error) {
        // A metric that throws must not fail a launch.
        this.log("lab launch observer failed", { error: String(error) });
      }
    };
  }

  /** Status events (creating → booting → ready → stopping → stopped, or failed/lost). */
  subscribe(listener: (e: LabEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: LabEvent): void {
    for (const l of this.listeners) l(event);
  }

  /** Records a lab's new status and tells the listeners. */
  async setStatus(labId: string, status: LabStatus, extra: { reason?: string; containers?: LabContainers; replacedBy?: string } = {}): Promise<LabRecord> {
    const rec = await this.deps.repo.update(labId, {
      status,
      ...(extra.reason !== undefined ? { failureReason: extra.reason } : {}),
      ...(extra.containers ? { containers: extra.containers } : {}),
      ...(extra.replacedBy ? { replacedById: extra.replacedBy } : {}),
    });
    this.emit({ labId, status, at: this.now(), ...(extra.reason ? { reason: extra.reason } : {}), ...(extra.replacedBy ? { replacedBy: extra.replacedBy } : {}) });
    return rec;
  }

  get defaultEngineId(): string {
    return this.deps.defaultEngineId ?? "local";
  }

  // ---- launch -------------------------------------------------------------------------------

  async launch(input: LaunchInput): Promise<Result<LabRecord, LabErrorCode>> {
    const started = await this.startLaunch(input);
    return started.ok ? started.value.done : started;
  }

  /**
   * Checks, records the lab (CREATING) and returns at once; `done` settles when the lab is ready or
   * has failed. HTTP answers 202 with `lab` and the page follows the status events.
   * Checks and record happen one launch at a time (LabCapacity.exclusive), so two quick launches
   * cannot both pass the per-user limit or the last free place on an engine.
   */
  startLaunch(input: LaunchInput): Promise<Result<Started, LabLaunchErrorCode>> {
    return this.deps.capacity
      .exclusive(() => this.admit(input))
      .catch((error: unknown) => {
        // Admissions on other processes held the deployment's lock for the whole wait.
        if (error instanceof LeaseMutexTimeout) return fail("LABS_AT_CAPACITY", ADMISSION_BUSY_MESSAGE);
        throw error;
      });
  }

  private async admit(input: LaunchInput): Promise<Result<Started, LabLaunchErrorCode>> {
    const { repo } = this.deps;
    const template = this.deps.templates().get(input.templateName);
    if (!template) return fail("TEMPLATE_NOT_FOUND", `No lab template "${input.templateName}".`);
    const max = this.deps.maxLabsPerUser;
    if (max !== undefined && (await repo.countLiveByOwner(input.ownerId)) >= max) {
      this.observe({ template, outcome: "refused", code: "LAB_LIMIT_REACHED" });
      const running = (await repo.listLive()).filter((l) => l.ownerId === input.ownerId);
      const which = running.map((l) => `${l.templateName} (${l.id})`).join(", ");
      return fail(
        "LAB_LIMIT_REACHED",
        `You can run at most ${max} lab${max === 1 ? "" : "s"} at a time and already run ${which}; stop it first.`,
        running[0] ? { labId: running[0].id } : undefined,
      );
    }
    const { capacity, warmPool } = this.deps;
    const { place } = this.deps;
    // The engine the launch names, else placement's order, else the default engine.
    const candidates = input.engineId ? [input.engineId] : place ? await place({ template, areaId: input.areaId }, (id) => capacity.usage(id)) : [this.defaultEngineId];
    // The server-wide cap first (a handed-out warm lab counts too), then a warm lab on the best
    // engine that has one, then the first engine whose budget fits a cold launch.
    let refusal = candidates.length === 0 ? "no lab machine can run this template now" : await capacity.refusal(candidates[0]!, template, { fromPool: true });
    let engineId = candidates[0] ?? this.defaultEngineId;
    let warm: Provisioned | undefined;
    for (const id of refusal || input.useWarmPool === false ? [] : candidates) {
      warm = await warmPool?.claim(template.name, id);
      if (warm) {
        engineId = id;
        break;
      }
    }
    if (!refusal && !warm) {
      for (const id of candidates) {
        refusal = await capacity.refusal(id, template);
        // Warm labs of other templates give way to a launch (they are torn down in the background).
        while (refusal && (await warmPool?.release(id))) refusal = await capacity.refusal(id, template);
        if (!refusal) {
          engineId = id;
          break;
        }
      }
    }
    if (refusal) {
      this.log("lab launch refused: at capacity", { engines: candidates, template: template.name, refusal });
      this.observe({ template, outcome: "refused", code: "LABS_AT_CAPACITY" });
      return fail("LABS_AT_CAPACITY", AT_CAPACITY_MESSAGE);
    }
    const labId = warm?.ref.labId ?? newLabId();
    const lab = await repo.create({
      id: labId,
      templateName: template.name,
      status: "CREATING",
      engineId,
      ownerId: input.ownerId,
      participantIds: input.participantIds ?? [],
      sessionId: input.sessionId ?? null,
      expiresAt: input.expiresAt ?? new Date(this.now().getTime() + template.limits.ttl * 1000),
      containers: warm?.containers ?? null,
    });
    this.emit({ labId, status: "CREATING", at: this.now() });
    if (warm) void this.deps.warmPool?.refillInBackground();
    const flight = new Flight();
    const done = this.finishLaunch(labId, engineId, template, warm, flight);
    flight.done = done;
    this.launching.set(labId, flight);
    void done.finally(() => this.launching.delete(labId));
    return ok({ lab, done });
  }

  private async finishLaunch(labId: string, engineId: string, template: LabTemplate, warm: Provisioned | undefined, flight: Flight): Promise<Result<LabRecord, LabErrorCode>> {
    const { provisioner } = this.deps;
    const started = performance.now();
    const ended = (outcome: "ready" | "failed" | "cancelled") =>
      this.observe({ template, outcome, engineId, warm: warm !== undefined, seconds: (performance.now() - started) / 1000 });
    try {
      const onProgress = (progress: LaunchProgress) => this.emit({ labId, status: "CREATING", at: this.now(), progress });
      const provisioned = warm ?? (await provisioner.provision({ labId, engineId }, template, { flight, onProgress }));
      flight.check();
      await this.setStatus(labId, "BOOTING", { containers: provisioned.containers });
      if (!provisioned.booted) await provisioner.boot(provisioned, flight);
      flight.check();
      const ready = await this.setStatus(labId, "READY");
      ended("ready");
      return ok(ready);
    } catch (err) {
      if (err instanceof LaunchCancelled) {
        // stop() owns the record from here: it waits for this teardown, then marks the lab stopped.
        await provisioner.teardown(engineId, labId).catch((e: unknown) => this.log("teardown after cancel failed", { labId, error: String(e) }));
        ended("cancelled");
        return fail("LAUNCH_FAILED", `The lab could not start: ${err.message}.`);
      }
      const reason = err instanceof LaunchError ? err.message : `engine error: ${(err as Error).message}`;
      this.log("lab launch failed", { labId, engineId, reason });
      await provisioner.teardown(engineId, labId).catch((e: unknown) => this.log("teardown after failure failed", { labId, error: String(e) }));
      await this.setStatus(labId, "FAILED", { reason });
      ended("failed");
      return fail("LAUNCH_FAILED", `The lab could not start: ${reason}`);
    }
  }

  // ---- stop ---------------------------------------------------------------------------------

  async stop(labId: string, reason?: string): Promise<Result<LabRecord, LabErrorCode>> {
    const rec = await this.deps.repo.get(labId);
    if (!rec) return fail("LAB_NOT_FOUND", "No such lab.");
    if (!LIVE_STATUSES.includes(rec.status)) return ok(rec);
    // A launch still in progress is cancelled first, so it creates nothing after the teardown.
    const flight = this.launching.get(labId);
    flight?.cancel();
    await this.setStatus(labId, "STOPPING", reason ? { reason } : {});
    await flight?.done.catch(() => undefined);
    await this.deps.provisioner.teardown(rec.engineId, labId);
    return ok(await this.setStatus(labId, "STOPPED"));
  }

  // ---- exec ---------------------------------------------------------------------------------

  private async readyLab(labId: string): Promise<Result<LabRecord, LabErrorCode>> {
    const rec = await this.deps.repo.get(labId);
    if (!rec) return fail("LAB_NOT_FOUND", "No such lab.");
    if (rec.status !== "READY" || !rec.containers) return fail("LAB_NOT_READY", `The lab is ${rec.status.toLowerCase()}.`);
    return ok(rec);
  }

  private serviceId(rec: LabRecord, service?: string): string | undefined {
    const services = rec.containers?.containers.filter((c) => c.role === "service") ?? [];
    return (service ? services.find((c) => c.name === service) : services.find((c) => c.interactive))?.id;
  }

  /**
   * The lab's terminal: the TTY of its interactive service, whose main process is the lab's shell
   * (container-spec.ts TERMINAL_ENTRYPOINT), or a vm lab's serial console (the qemu container's
   * TTY). Any server process can attach, and closing the stream only detaches: the shell outlives
   * the process that served it (docs/decisions/0020). `history`: with what the TTY printed since
   * the container started (its log) first, for a terminal that has no scroll-back yet.
   */
  async attachShell(labId: string, size: { cols: number; rows: number }, opts: { history?: boolean } = {}): Promise<Result<TtyExec, LabErrorCode>> {
    const lab = await this.readyLab(labId);
    if (!lab.ok) return lab;
    const id = this.serviceId(lab.value);
    if (!id) return fail("LAB_NOT_READY", "The lab has no interactive service.");
    const engine = this.deps.provisioner.engine(lab.value.engineId);
    try {
      return ok(await engine.attachTty(id, { ...size, logs: opts.history ?? false }));
    } catch (err) {
      // The container died or the engine is gone: a refusal the terminal shows, never an unhandled rejection.
      // The engine's events (engine-events.ts) mark the lab failed or lost.
      if (!(err instanceof EngineError)) throw err;
      this.log("lab terminal could not attach", { labId, error: err.message });
      const vm = this.deps.templates().get(lab.value.templateName)?.mode === "vm";
      return fail("LAB_NOT_READY", vm ? "The lab's console is unavailable: its VM is not running." : "The lab's terminal is unavailable: its container is not running.");
    }
  }

  /** Runs a command to completion in a lab service (the interactive one by default), as the lab user. */
  async exec(labId: string, cmd: string[], opts: { service?: string; timeoutMs?: number } = {}): Promise<Result<ExecResult, LabErrorCode>> {
    const lab = await this.readyLab(labId);
    if (!lab.ok) return lab;
    if (this.deps.templates().get(lab.value.templateName)?.mode === "vm") return fail("LAB_NOT_READY", "A vm lab runs commands through its console only.");
    const id = this.serviceId(lab.value, opts.service);
    if (!id) return fail("LAB_NOT_FOUND", `The lab has no service "${opts.service ?? "(interactive)"}".`);
    const engine = this.deps.provisioner.engine(lab.value.engineId);
    return ok(await engine.exec(id, cmd, { user: "1000:1000", env: SHELL_ENV, timeoutMs: opts.timeoutMs }));
  }
}
