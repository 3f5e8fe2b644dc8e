import type { Probe } from "./health-rules";
import type { HostRegistry } from "./host-registry";

export interface ProbeResult {
  probe: Probe;
  info?: { version: string; runtimes: string[] };
}

export interface HostHealthDeps {
  registry: Pick<HostRegistry, "list" | "get" | "recordProbe" | "setState" | "nameOf">;
  /** Pings the host's engine within the timeout (and, when asked, reads its version and runtimes). */
  probe: (hostId: string, opts: { withInfo: boolean; timeoutMs: number }) => Promise<ProbeResult>;
  /** The host was marked DOWN: its labs are lost, session labs relaunched elsewhere (relaunch-labs.ts). */
  onDown: (hostId: string, since: Date) => Promise<void>;
  /** The host answers again after being DOWN: reconcile it; it is ACTIVE once this resolves. */
  onUp: (hostId: string) => Promise<void>;
  intervalMs: number;
  timeoutMs: number;
  log: (event: string, fields: Record<string, unknown>) => void;
  now?: () => Date;
}

/** How often a host's version and runtimes are read again while it stays up. */
const INFO_EVERY_MS = 30_000;
/** Since when a host's lost labs are its failover's: a little before its first failed probe. */
const LOST_MARGIN_MS = 30_000;

/**
 * A background task: every intervalMs each host's engine is pinged (a new connection each time,
 * with a timeout); a host with failures is probed four times as often, so it is marked DOWN soon
 * after it stops answering (health-rules.ts: N failures in a row). Going down runs onDown (failover);
 * answering again runs onUp (reconcile) before the host is ACTIVE. suspect() asks for a probe at
 * once (the engine's events said containers died with it). start() returns at once; stop() waits
 * for a round in flight.
 */
export class HostHealth {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private stopping = false;
  private readonly nextDue = new Map<string, number>();
  private readonly infoAt = new Map<string, number>();
  private readonly firstFailureAt = new Map<string, number>();
  /** Hosts whose transition (failover, reconcile) is running: not probed again until it ends. */
  private readonly busy = new Set<string>();
  private readonly now: () => Date;

  constructor(private readonly deps: HostHealthDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  start(): void {
    if (this.timer) return;
    this.stopping = false;
    const tick = Math.max(50, Math.floor(this.deps.intervalMs / 4));
    this.timer = setInterval(() => {
      this.round ??= this.checkDue().finally(() => (this.round = undefined));
    }, tick);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
  }

  /** Probe this host at the next tick. */
  suspect(hostId: string): void {
    this.nextDue.set(hostId, 0);
  }

  /** One round over the hosts that are due (all of them when `all`); for tests and the task's ticks. */
  async checkDue(all = false): Promise<void> {
    const at = this.now().getTime();
    const due = this.deps.registry.list().filter((h) => !this.busy.has(h.id) && (all || (this.nextDue.get(h.id) ?? 0) <= at));
    await Promise.all(due.map((h) => this.check(h.id)));
  }

  private async check(hostId: string): Promise<void> {
    const host = this.deps.registry.get(hostId);
    if (!host || this.stopping) return;
    const at = this.now().getTime();
    const withInfo = !host.dockerVersion || host.state === "DOWN" || at - (this.infoAt.get(hostId) ?? 0) > INFO_EVERY_MS;
    const result = await this.deps
      .probe(hostId, { withInfo, timeoutMs: this.deps.timeoutMs })
      .catch((error: unknown): ProbeResult => ({ probe: { ok: false, error: String(error) } }));
    if (result.info) this.infoAt.set(hostId, at);
    if (!result.probe.ok && !this.firstFailureAt.has(hostId)) this.firstFailureAt.set(hostId, at);
    const step = await this.deps.registry.recordProbe(hostId, result.probe, result.info);
    if (result.probe.ok) this.firstFailureAt.delete(hostId);
    const failing = !result.probe.ok;
    this.nextDue.set(hostId, at + (failing ? this.deps.intervalMs / 4 : this.deps.intervalMs));
    if (!step?.transition) return;
    this.busy.add(hostId);
    const name = this.deps.registry.nameOf(hostId);
    try {
      if (step.transition === "down") {
        this.deps.log("hosts.down", { host: name, failures: step.next.consecutiveFailures, error: result.probe.ok ? undefined : result.probe.error });
        await this.deps.onDown(hostId, new Date((this.firstFailureAt.get(hostId) ?? at) - LOST_MARGIN_MS));
      } else {
        await this.deps.onUp(hostId);
        await this.deps.registry.setState(hostId, "ACTIVE", { lastError: null });
        this.deps.log("hosts.up", { host: name });
      }
    } catch (error) {
      this.deps.log("hosts.transition_failed", { host: name, transition: step.transition, error: String(error) });
      // Not up after all (the reconcile failed): the next answered probe tries again.
      if (step.transition === "up") await this.deps.registry.setState(hostId, "DOWN", { lastError: `Reconciling after the outage failed: ${String(error)}` });
    } finally {
      this.busy.delete(hostId);
    }
  }
}
