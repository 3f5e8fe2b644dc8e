import type { ContainerEvent, Engine } from "@/lib/docker/engine";
import { EngineEventWatcher } from "@/lib/labs/engine-events";
import type { HostRegistry } from "./host-registry";

export interface HostWatchersDeps {
  registry: Pick<HostRegistry, "list" | "onChange">;
  engine: (hostId: string) => Engine;
  onEvent: (hostId: string, event: ContainerEvent) => Promise<void>;
  /** A host's event stream is back after it broke. */
  onReconnected: (hostId: string) => Promise<void>;
  log: (event: "labs.events_connected" | "labs.events_lost" | "labs.events_failed", fields: Record<string, unknown>) => void;
  backoff?: { minMs: number; maxMs: number };
}

/**
 * A background task: one engine event watcher (engine-events.ts) per host, following the
 * registry: a host added gets one, a host removed loses its own. start() returns at once; stop()
 * ends every stream.
 */
export class HostWatchers {
  private readonly watchers = new Map<string, EngineEventWatcher>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: HostWatchersDeps) {}

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.deps.registry.onChange(() => void this.sync());
    void this.sync();
  }

  connected(hostId: string): boolean {
    return this.watchers.get(hostId)?.connected ?? false;
  }

  private async sync(): Promise<void> {
    const ids = new Set(this.deps.registry.list().map((h) => h.id));
    for (const id of ids) {
      if (this.watchers.has(id)) continue;
      const watcher = new EngineEventWatcher({
        engine: () => this.deps.engine(id),
        engineId: id,
        onEvent: (event) => this.deps.onEvent(id, event),
        onReconnected: () => this.deps.onReconnected(id),
        log: this.deps.log,
        backoff: this.deps.backoff,
      });
      this.watchers.set(id, watcher);
      watcher.start();
    }
    for (const [id, watcher] of this.watchers) {
      if (ids.has(id)) continue;
      this.watchers.delete(id);
      await watcher.stop();
    }
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    const all = [...this.watchers.values()];
    this.watchers.clear();
    await Promise.all(all.map((w) => w.stop()));
  }
}
