import type { ContainerEvent, Engine, EventStream } from "@/lib/docker/engine";
import { LABEL } from "@/lib/labs/container-spec";

export interface EngineEventsDeps {
  engine: () => Engine;
  engineId: string;
  /** Each container event of our labs on the engine (die, oom, destroy). */
  onEvent: (event: ContainerEvent) => Promise<void>;
  /** The stream is back after it broke (the engine restarted or was unreachable): reconcile now. */
  onReconnected: () => Promise<void>;
  log: (event: "labs.events_connected" | "labs.events_lost" | "labs.events_failed", fields: Record<string, unknown>) => void;
  /** Waits between attempts: minMs doubling up to maxMs. */
  backoff?: { minMs: number; maxMs: number };
}

export const WATCHED_ACTIONS = ["die", "oom", "destroy"];

/**
 * A background task: follows the engine's container events for this server's labs (GET /events,
 * filtered by our labels) and hands each to onEvent; when the stream ends it reconnects with
 * backoff, and once it is back after an outage calls onReconnected. start() returns at once;
 * stop() ends the stream and the retries. Nothing it does can reject unhandled.
 */
export class EngineEventWatcher {
  private stopping = false;
  private stream: EventStream | undefined;
  private wake: (() => void) | undefined;
  /** Ends the wait on the current stream (a close does not report an end). */
  private endWait: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private connectedNow = false;

  constructor(private readonly deps: EngineEventsDeps) {}

  get connected(): boolean {
    return this.connectedNow;
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stream?.close();
    this.endWait?.();
    this.wake?.();
    await this.running;
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      setTimeout(resolve, ms).unref();
    });
  }

  private async run(): Promise<void> {
    const { engineId } = this.deps;
    const { minMs, maxMs } = this.deps.backoff ?? { minMs: 250, maxMs: 5_000 };
    let wasUp = false;
    for (let attempt = 0; !this.stopping; attempt++) {
      let onEnded: (error?: Error) => void = () => {};
      const ended = new Promise<Error | undefined>((resolve) => (onEnded = resolve));
      this.endWait = () => onEnded();
      try {
        this.stream = await this.deps
          .engine()
          .containerEvents({ labels: { [LABEL.managed]: "true", [LABEL.engine]: engineId }, actions: WATCHED_ACTIONS }, { event: (e) => void this.handle(e), ended: onEnded });
      } catch (error) {
        if (attempt % 20 === 0) this.deps.log("labs.events_failed", { engine: engineId, attempt, error: String(error) });
        await this.pause(Math.min(maxMs, minMs * 2 ** Math.min(attempt, 10)));
        continue;
      }
      if (this.stopping) break;
      this.connectedNow = true;
      this.deps.log("labs.events_connected", { engine: engineId, reconnected: wasUp });
      // After an outage the engine may have lost every container: reconcile at once, not at the next
      // server start. (The first connection needs none: start-up reconciliation runs beside it.)
      if (wasUp) await this.deps.onReconnected().catch((error: unknown) => this.deps.log("labs.events_failed", { engine: engineId, during: "reconcile", error: String(error) }));
      wasUp = true;
      attempt = -1; // the next wait after a break is the shortest
      const error = await ended;
      this.connectedNow = false;
      this.stream = undefined;
      if (this.stopping) break;
      this.deps.log("labs.events_lost", { engine: engineId, error: error?.message });
      await this.pause(minMs);
    }
    this.connectedNow = false;
  }

  private async handle(event: ContainerEvent): Promise<void> {
    try {
      await this.deps.onEvent(event);
    } catch (error) {
      this.deps.log("labs.events_failed", { engine: this.deps.engineId, containerId: event.containerId, action: event.action, error: String(error) });
    }
  }
}
