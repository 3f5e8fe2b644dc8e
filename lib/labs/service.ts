import { randomBytes } from "node:crypto";
import type { ContainerSummary, Engine, ExecResult, TtyExec } from "@/lib/docker/engine";
import { fail, ok, type Result } from "@/lib/errors";
import {
  LABEL,
  LAB_VOLUME_TARGET,
  SHELL_COMMAND,
  SHELL_ENV,
  buildContainerOptions,
  labVolumeOptions,
  pauseSpec,
  volumeName,
  type LabRef,
} from "@/lib/labs/container-spec";
import type { LabErrorCode } from "@/lib/labs/errors";
import { BASE_IMAGE, LAB_UID, ensureImage, type ImageProgress } from "@/lib/labs/images";
import { LIVE_STATUSES, type LabContainerInfo, type LabContainers, type LabRecord, type LabStatus, type LabStore } from "@/lib/labs/store";
import { buildTar, type TarEntry } from "@/lib/labs/tar";
import type { LabTemplate } from "@/lib/labs/template-schema";

/**
 * Lab lifecycle, framework-free: Docker behind Engine, records behind LabStore, time behind now().
 * launch = provision (volume + containers created) then boot (pause started, files written,
 * onboot run in order, services started). The warm pool runs provision (and optionally boot)
 * ahead of time so a launch only claims.
 */
export interface LabEvent {
  labId: string;
  status: LabStatus;
  reason?: string;
  at: Date;
  /** While CREATING: what the launch is waiting for, e.g. an image pull (bytes when known). */
  progress?: LaunchProgress;
}

export interface LaunchProgress {
  message: string;
  done?: number;
  total?: number;
}

/** Pull progress goes out at most this often per launch (a pull reports every chunk). */
const PROGRESS_INTERVAL_MS = 250;

export type WarmMode = "created" | "started";

export interface LabServiceDeps {
  store: LabStore;
  engine: (engineId: string) => Engine;
  templates: () => Map<string, LabTemplate>;
  now?: () => Date;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  maxLabsPerUser?: number;
  defaultEngineId?: string;
  warmPool?: { size: number; mode: WarmMode; templates?: string[]; topTemplates?: number };
}

export interface LaunchInput {
  ownerId: string;
  templateName: string;
  participantIds?: string[];
  sessionId?: string | null;
  engineId?: string;
  /** false = cold launch even when a warm lab is available. */
  useWarmPool?: boolean;
}

interface Provisioned {
  ref: LabRef;
  template: LabTemplate;
  containers: LabContainers;
  booted: boolean;
}

const MAX_OUTPUT = 2000;

export function newLabId(): string {
  return `l${randomBytes(10).toString("hex")}`;
}

function tail(text: string, max = MAX_OUTPUT): string {
  const t = text.trim();
  return t.length > max ? `…${t.slice(-max)}` : t;
}

class LaunchError extends Error {}

class LaunchCancelled extends Error {}

/** A launch in progress. stop() cancels it; the launch gives up at its next step and unwinds. */
class Flight {
  private cancelled = false;
  private fire: () => void = () => {};
  /** Resolves when the launch is cancelled (never, for warm-pool work). */
  readonly whenCancelled = new Promise<void>((resolve) => (this.fire = resolve));
  done: Promise<unknown> = Promise.resolve();

  cancel(): void {
    this.cancelled = true;
    this.fire();
  }

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Throws once the launch is cancelled; called between engine steps. */
  check(): void {
    if (this.cancelled) throw new LaunchCancelled("the lab was stopped while it was starting");
  }

  /** Waits for `work`, giving up as soon as the launch is cancelled. */
  async race<T>(work: Promise<T>): Promise<T> {
    work.catch(() => {}); // the loser's rejection (its container removed under it) is expected
    const cancelled = this.whenCancelled.then((): never => {
      throw new LaunchCancelled("the lab was stopped while it was starting");
    });
    cancelled.catch(() => {});
    return Promise.race([work, cancelled]);
  }
}

export class LabService {
  private readonly listeners = new Set<(e: LabEvent) => void>();
  private readonly pool = new Map<string, Provisioned[]>();
  private readonly ensuredImages = new Set<string>();
  private refilling: Promise<void> | null = null;
  private readonly ownerQueue = new Map<string, Promise<void>>();
  private readonly launching = new Map<string, Flight>();
  private readonly now: () => Date;
  private readonly log: (msg: string, fields?: Record<string, unknown>) => void;

  constructor(private readonly deps: LabServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.log = deps.log ?? (() => {});
  }

  /** Status events (creating → booting → ready → stopping → stopped, or failed/lost). */
  subscribe(listener: (e: LabEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async setStatus(labId: string, status: LabStatus, extra: { reason?: string; containers?: LabContainers } = {}): Promise<LabRecord> {
    const rec = await this.deps.store.update(labId, {
      status,
      ...(extra.reason !== undefined ? { failureReason: extra.reason } : {}),
      ...(extra.containers ? { containers: extra.containers } : {}),
    });
    const event: LabEvent = { labId, status, at: this.now(), ...(extra.reason ? { reason: extra.reason } : {}) };
    for (const l of this.listeners) l(event);
    return rec;
  }

  private engineId(input?: string): string {
    return input ?? this.deps.defaultEngineId ?? "local";
  }

  // ---- launch -------------------------------------------------------------------------------

  async launch(input: LaunchInput): Promise<Result<LabRecord, LabErrorCode>> {
    const started = await this.startLaunch(input);
    return started.ok ? started.value.done : started;
  }

  /**
   * Checks, records the lab (CREATING) and returns at once; `done` settles when the lab is ready or
   * has failed. HTTP answers 202 with `lab` and the page follows the status events.
   * Checks and record are serialized per owner, so two quick launches cannot both pass the limit.
   */
  async startLaunch(input: LaunchInput): Promise<Result<{ lab: LabRecord; done: Promise<Result<LabRecord, LabErrorCode>> }, LabErrorCode>> {
    const previous = this.ownerQueue.get(input.ownerId) ?? Promise.resolve();
    const turn = previous.then(() => this.admit(input));
    const settled = turn.then(() => undefined, () => undefined);
    this.ownerQueue.set(input.ownerId, settled);
    void settled.then(() => {
      if (this.ownerQueue.get(input.ownerId) === settled) this.ownerQueue.delete(input.ownerId);
    });
    return turn;
  }

  private async admit(input: LaunchInput): Promise<Result<{ lab: LabRecord; done: Promise<Result<LabRecord, LabErrorCode>> }, LabErrorCode>> {
    const template = this.deps.templates().get(input.templateName);
    if (!template) return fail("TEMPLATE_NOT_FOUND", `No lab template "${input.templateName}".`);
    const max = this.deps.maxLabsPerUser;
    if (max !== undefined && (await this.deps.store.countLiveByOwner(input.ownerId)) >= max) {
      const running = (await this.deps.store.listLive()).filter((l) => l.ownerId === input.ownerId);
      const which = running.map((l) => `${l.templateName} (${l.id})`).join(", ");
      return fail(
        "LAB_LIMIT_REACHED",
        `You can run at most ${max} lab${max === 1 ? "" : "s"} at a time and already run ${which}; stop it first.`,
        running[0] ? { labId: running[0].id } : undefined,
      );
    }
    const engineId = this.engineId(input.engineId);
    const warm = input.useWarmPool === false ? undefined : this.claimWarm(template.name, engineId);
    const labId = warm?.ref.labId ?? newLabId();
    const lab = await this.deps.store.create({
      id: labId,
      templateName: template.name,
      status: "CREATING",
      engineId,
      ownerId: input.ownerId,
      participantIds: input.participantIds ?? [],
      sessionId: input.sessionId ?? null,
      expiresAt: new Date(this.now().getTime() + template.limits.ttl * 1000),
      containers: warm?.containers ?? null,
    });
    for (const l of this.listeners) l({ labId, status: "CREATING", at: this.now() });
    if (warm) this.refillInBackground();
    const flight = new Flight();
    const done = this.finishLaunch(labId, engineId, template, warm, flight);
    flight.done = done;
    this.launching.set(labId, flight);
    void done.finally(() => this.launching.delete(labId));
    return ok({ lab, done });
  }

  private async finishLaunch(
    labId: string,
    engineId: string,
    template: LabTemplate,
    warm: Provisioned | undefined,
    flight: Flight,
  ): Promise<Result<LabRecord, LabErrorCode>> {
    const engine = this.deps.engine(engineId);
    try {
      const provisioned = warm ?? (await this.provision({ labId, engineId }, template, flight));
      flight.check();
      await this.setStatus(labId, "BOOTING", { containers: provisioned.containers });
      if (!provisioned.booted) await this.boot(engine, provisioned, flight);
      flight.check();
      return ok(await this.setStatus(labId, "READY"));
    } catch (err) {
      if (err instanceof LaunchCancelled) {
        // stop() owns the record from here: it waits for this teardown, then marks the lab stopped.
        await this.teardown(engine, labId).catch((e: unknown) => this.log("teardown after cancel failed", { labId, error: String(e) }));
        return fail("LAUNCH_FAILED", `The lab could not start: ${err.message}.`);
      }
      const reason = err instanceof LaunchError ? err.message : `engine error: ${(err as Error).message}`;
      this.log("lab launch failed", { labId, engineId, reason });
      await this.teardown(engine, labId).catch((e: unknown) => this.log("teardown after failure failed", { labId, error: String(e) }));
      await this.setStatus(labId, "FAILED", { reason });
      return fail("LAUNCH_FAILED", `The lab could not start: ${reason}`);
    }
  }

  /** Creates the lab's volume and every container (nothing started). */
  private async provision(ref: LabRef, template: LabTemplate, flight = new Flight()): Promise<Provisioned> {
    const engine = this.deps.engine(ref.engineId);
    for (const image of new Set([BASE_IMAGE, ...template.onboot.map((c) => c.image), ...template.services.map((c) => c.image)])) {
      const key = `${ref.engineId}/${image}`;
      if (this.ensuredImages.has(key)) continue;
      let last = 0;
      const report = (p: ImageProgress) => {
        // Only pulls are worth watching: the base image is built at start-up and only checked here,
        // and nobody watches a warm lab being made. A cancelled launch's pull runs on unwatched.
        if (ref.pooled || image === BASE_IMAGE || flight.isCancelled) return;
        const t = Date.now();
        if (p.kind === "bytes" && p.sent < p.total && t - last < PROGRESS_INTERVAL_MS) return;
        last = t;
        const progress: LaunchProgress =
          p.kind === "bytes" ? { message: `Pulling ${image}`, done: p.sent, total: p.total } : { message: `${image}: ${p.message}` };
        for (const l of this.listeners) l({ labId: ref.labId, status: "CREATING", at: this.now(), progress });
      };
      try {
        await flight.race(ensureImage(engine, image, report));
      } catch (err) {
        if (err instanceof LaunchCancelled) throw err;
        throw new LaunchError((err as Error).message);
      }
      this.ensuredImages.add(key);
    }
    flight.check();
    const volume = volumeName(ref.labId);
    await engine.createVolume(volume, labVolumeOptions(ref, template));
    const containers: LabContainerInfo[] = [];
    const create = async (role: LabContainerInfo["role"], spec: Parameters<typeof buildContainerOptions>[0]["spec"], netnsOwner?: string, interactive = false) => {
      flight.check();
      const id = await engine.createContainer(buildContainerOptions({ ref, template, role, spec, netnsOwner, interactive }));
      containers.push({ name: spec.name, id, role, interactive });
      return id;
    };
    const pauseId = await create("pause", pauseSpec());
    for (const spec of template.onboot) await create("onboot", spec, pauseId);
    for (const spec of template.services) await create("service", spec, pauseId, spec.interactive);
    return { ref, template, containers: { volume, containers }, booted: false };
  }

  /** Starts the pause container, writes files, runs onboot in order, starts services. */
  private async boot(engine: Engine, p: Provisioned, flight = new Flight()): Promise<void> {
    const byRole = (role: LabContainerInfo["role"]) => p.containers.containers.filter((c) => c.role === role);
    const pause = byRole("pause")[0]!;
    await engine.startContainer(pause.id);
    if (p.template.files.length) await engine.putArchive(pause.id, LAB_VOLUME_TARGET, filesTar(p.template));
    for (const c of byRole("onboot")) {
      flight.check();
      await engine.startContainer(c.id);
      const code = await flight.race(engine.waitContainer(c.id));
      if (code !== 0) {
        const output = tail(await engine.logs(c.id).catch(() => ""));
        throw new LaunchError(`onboot "${c.name}" exited with code ${code}${output ? `:\n${output}` : ""}`);
      }
    }
    for (const c of byRole("service")) {
      flight.check();
      await engine.startContainer(c.id);
    }
    for (const c of byRole("service")) {
      const state = await engine.inspectContainer(c.id);
      if (!state?.running) {
        const output = tail(await engine.logs(c.id).catch(() => ""));
        throw new LaunchError(`service "${c.name}" exited right away (code ${state?.exitCode ?? "?"})${output ? `:\n${output}` : ""}`);
      }
    }
    p.booted = true;
  }

  // ---- stop, teardown, reaper ---------------------------------------------------------------

  async stop(labId: string, reason?: string): Promise<Result<LabRecord, LabErrorCode>> {
    const rec = await this.deps.store.get(labId);
    if (!rec) return fail("LAB_NOT_FOUND", "No such lab.");
    if (!LIVE_STATUSES.includes(rec.status)) return ok(rec);
    // A launch still in progress is cancelled first, so it creates nothing after the teardown.
    const flight = this.launching.get(labId);
    flight?.cancel();
    await this.setStatus(labId, "STOPPING", reason ? { reason } : {});
    await flight?.done.catch(() => undefined);
    await this.teardown(this.deps.engine(rec.engineId), labId);
    return ok(await this.setStatus(labId, "STOPPED"));
  }

  /** Removes everything labelled with the lab id on its engine: containers, then the volume. */
  private async teardown(engine: Engine, labId: string): Promise<void> {
    const containers = await engine.listContainers({ [LABEL.lab]: labId, [LABEL.managed]: "true" });
    for (const c of pauseLast(containers)) await engine.removeContainer(c.id);
    await engine.removeVolume(volumeName(labId));
  }

  /** Stops every live lab whose time is up. Returns the ids stopped. */
  async reapExpired(): Promise<string[]> {
    const expired = await this.deps.store.listExpired(this.now());
    const stopped: string[] = [];
    for (const lab of expired) {
      try {
        await this.stop(lab.id, "time to live reached");
        stopped.push(lab.id);
      } catch (err) {
        this.log("reaper could not stop lab", { labId: lab.id, error: String(err) });
      }
    }
    return stopped;
  }

  /** Runs reapExpired every intervalMs until the returned function is called. */
  startReaper(intervalMs = 15_000): () => void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      this.reapExpired()
        .catch((err: unknown) => this.log("reaper failed", { error: String(err) }))
        .finally(() => (running = false));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  // ---- reconciliation -----------------------------------------------------------------------

  /**
   * Makes an engine and the records agree (run at server start): containers and volumes of labs
   * without a live record are removed; live records whose containers vanished are marked LOST;
   * launches or stops cut short by a restart are finished off.
   */
  async reconcile(engineId = this.engineId()): Promise<{ removedContainers: string[]; lost: string[] }> {
    const engine = this.deps.engine(engineId);
    const live = await this.deps.store.listLive(engineId);
    const liveIds = new Set(live.map((l) => l.id));
    const pooled = new Set([...this.pool.values()].flat().map((p) => p.ref.labId));
    const managed = { [LABEL.managed]: "true", [LABEL.engine]: engineId };

    const removedContainers: string[] = [];
    for (const c of pauseLast(await engine.listContainers(managed))) {
      const labId = c.labels[LABEL.lab] ?? "";
      if (liveIds.has(labId) || pooled.has(labId)) continue;
      await engine.removeContainer(c.id);
      removedContainers.push(c.id);
    }
    for (const v of await engine.listVolumes(managed)) {
      const labId = v.labels[LABEL.lab] ?? "";
      if (!liveIds.has(labId) && !pooled.has(labId)) await engine.removeVolume(v.name);
    }

    const lost: string[] = [];
    for (const lab of live) {
      if (lab.status === "STOPPING") {
        await this.teardown(engine, lab.id);
        await this.setStatus(lab.id, "STOPPED");
        continue;
      }
      if (lab.status !== "READY") {
        await this.teardown(engine, lab.id);
        await this.setStatus(lab.id, "LOST", { reason: "the server restarted while the lab was starting" });
        lost.push(lab.id);
        continue;
      }
      const expected = (lab.containers?.containers ?? []).filter((c) => c.role !== "onboot");
      const states = await Promise.all(expected.map((c) => engine.inspectContainer(c.id)));
      const missing = expected.filter((_, i) => !states[i]?.running).map((c) => c.name);
      if (expected.length === 0 || missing.length > 0) {
        await this.teardown(engine, lab.id);
        await this.setStatus(lab.id, "LOST", { reason: `containers gone or stopped: ${missing.join(", ") || "none recorded"}` });
        lost.push(lab.id);
      }
    }
    return { removedContainers, lost };
  }

  // ---- warm pool ----------------------------------------------------------------------------

  private claimWarm(templateName: string, engineId: string): Provisioned | undefined {
    const list = this.pool.get(`${engineId}/${templateName}`);
    return list?.shift();
  }

  /** Which templates the pool keeps warm: configured ones, else the most launched. */
  async warmTemplates(): Promise<string[]> {
    const cfg = this.deps.warmPool;
    if (!cfg || cfg.size === 0) return [];
    if (cfg.templates) return cfg.templates;
    const usage = await this.deps.store.templateUsage(cfg.topTemplates ?? 2);
    const known = this.deps.templates();
    const names = usage.map((u) => u.templateName).filter((n) => known.has(n));
    return names.length ? names : known.has("shell") ? ["shell"] : [];
  }

  /** Fills the warm pool up to its size for each warm template (serially, to spare the engine). */
  async refillWarmPool(engineId = this.engineId()): Promise<number> {
    const cfg = this.deps.warmPool;
    if (!cfg) return 0;
    let made = 0;
    for (const name of await this.warmTemplates()) {
      const template = this.deps.templates().get(name);
      if (!template) continue;
      const key = `${engineId}/${name}`;
      const list = this.pool.get(key) ?? [];
      this.pool.set(key, list);
      while (list.length < cfg.size) {
        const ref: LabRef = { labId: newLabId(), engineId, pooled: true };
        const engine = this.deps.engine(engineId);
        try {
          const p = await this.provision(ref, template);
          if (cfg.mode === "started") await this.boot(engine, p);
          list.push(p);
          made++;
        } catch (err) {
          this.log("warm pool refill failed", { template: name, error: String(err) });
          await this.teardown(engine, ref.labId).catch(() => {});
          break;
        }
      }
    }
    return made;
  }

  /** Refills in the background; concurrent calls share one refill. */
  refillInBackground(): Promise<void> {
    this.refilling ??= this.refillWarmPool()
      .then(() => undefined)
      .catch((err: unknown) => this.log("warm pool refill failed", { error: String(err) }))
      .finally(() => (this.refilling = null));
    return this.refilling;
  }

  warmPoolSizes(): Record<string, number> {
    return Object.fromEntries([...this.pool].map(([k, v]) => [k, v.length]));
  }

  /** Removes every unclaimed warm lab (at shutdown). */
  async drainWarmPool(): Promise<void> {
    await this.refilling;
    for (const [key, list] of this.pool) {
      for (const p of list.splice(0)) await this.teardown(this.deps.engine(p.ref.engineId), p.ref.labId);
      this.pool.delete(key);
    }
  }

  // ---- exec ---------------------------------------------------------------------------------

  private async readyLab(labId: string): Promise<Result<LabRecord, LabErrorCode>> {
    const rec = await this.deps.store.get(labId);
    if (!rec) return fail("LAB_NOT_FOUND", "No such lab.");
    if (rec.status !== "READY" || !rec.containers) return fail("LAB_NOT_READY", `The lab is ${rec.status.toLowerCase()}.`);
    return ok(rec);
  }

  private serviceId(rec: LabRecord, service?: string): string | undefined {
    const services = rec.containers?.containers.filter((c) => c.role === "service") ?? [];
    return (service ? services.find((c) => c.name === service) : services.find((c) => c.interactive))?.id;
  }

  /**
   * An interactive login shell in the lab's interactive service: a TTY exec as the lab user with
   * TERM=xterm-256color. The terminal hub pipes `stream` to the browser and calls `resize`.
   */
  async execShell(labId: string, size: { cols: number; rows: number }): Promise<Result<TtyExec, LabErrorCode>> {
    const lab = await this.readyLab(labId);
    if (!lab.ok) return lab;
    const id = this.serviceId(lab.value);
    if (!id) return fail("LAB_NOT_READY", "The lab has no interactive service.");
    return ok(await this.deps.engine(lab.value.engineId).execTty(id, SHELL_COMMAND, { user: "1000:1000", env: SHELL_ENV, cols: size.cols, rows: size.rows }));
  }

  /** Runs a command to completion in a lab service (the interactive one by default), as the lab user. */
  async exec(labId: string, cmd: string[], opts: { service?: string; timeoutMs?: number } = {}): Promise<Result<ExecResult, LabErrorCode>> {
    const lab = await this.readyLab(labId);
    if (!lab.ok) return lab;
    const id = this.serviceId(lab.value, opts.service);
    if (!id) return fail("LAB_NOT_FOUND", `The lab has no service "${opts.service ?? "(interactive)"}".`);
    return ok(await this.deps.engine(lab.value.engineId).exec(id, cmd, { user: "1000:1000", env: SHELL_ENV, timeoutMs: opts.timeoutMs }));
  }
}

/** Containers that joined a pause container's namespace are removed before it. */
function pauseLast(containers: ContainerSummary[]): ContainerSummary[] {
  const isPause = (c: ContainerSummary) => Number(c.labels[LABEL.role] === "pause");
  return [...containers].sort((a, b) => isPause(a) - isPause(b));
}

/** The template's files as a tar rooted at /lab (the lab volume), with parent directories. */
export function filesTar(template: LabTemplate): Buffer {
  const entries: TarEntry[] = [];
  const dirs = new Set<string>();
  for (const f of template.files) {
    const rel = f.path.slice(LAB_VOLUME_TARGET.length + 1);
    const parts = rel.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (!dirs.has(dir)) entries.push({ type: "dir", path: dir, mode: 0o755, uid: LAB_UID, gid: LAB_UID });
      dirs.add(dir);
    }
    entries.push({ type: "file", path: rel, content: f.contents, mode: f.mode, uid: LAB_UID, gid: LAB_UID });
  }
  return buildTar(entries);
}
