import { TerminalHub } from "@/lib/labs/terminal-hub";
import type { TerminalHubDeps } from "@/lib/labs/terminal-options";

/** Statuses after which a lab's terminal is gone for good. */
const ENDED = new Set(["STOPPING", "STOPPED", "FAILED", "LOST"]);

/** One hub per lab, created on demand; idle hubs drop out, stopped labs' hubs are destroyed. */
export class TerminalHubs {
  private readonly hubs = new Map<string, TerminalHub>();

  constructor(private readonly deps: TerminalHubDeps) {}

  hub(labId: string): TerminalHub {
    let hub = this.hubs.get(labId);
    if (!hub || hub.isDestroyed) {
      hub = new TerminalHub(labId, this.deps, (h) => {
        if (this.hubs.get(labId) === h) this.hubs.delete(labId);
      });
      this.hubs.set(labId, hub);
    }
    return hub;
  }

  get(labId: string): TerminalHub | undefined {
    return this.hubs.get(labId);
  }

  get size(): number {
    return this.hubs.size;
  }

  /** What every viewer's transport holds, over all hubs: the memory slow or lying clients make this process keep. */
  queuedBytes(): number {
    let n = 0;
    for (const hub of this.hubs.values()) n += hub.queuedBytes();
    return n;
  }

  destroy(labId: string, reason?: string): void {
    const hub = this.hubs.get(labId);
    this.hubs.delete(labId);
    hub?.destroy(reason);
  }

  destroyAll(reason = "the server is stopping"): void {
    for (const id of [...this.hubs.keys()]) this.destroy(id, reason);
  }

  /**
   * This process stops: every hub detaches and gives up its lease, telling no viewer that the
   * terminal ended, since it has not: the shells go on (docs/decisions/0020), and the viewers,
   * whose sockets close with the process, attach again on another one.
   */
  handOver(): void {
    for (const [id, hub] of [...this.hubs]) {
      this.hubs.delete(id);
      hub.destroy("the server is stopping", { tellViewers: false });
    }
  }

  /** Destroys a lab's hub, and its shared scroll-back, when the lab stops (pass LabEngine.subscribe). */
  watch(subscribe: (listener: (e: { labId: string; status: string; reason?: string }) => void) => () => void): () => void {
    return subscribe((e) => {
      if (!ENDED.has(e.status)) return;
      this.destroy(e.labId, e.status === "STOPPING" || e.status === "STOPPED" ? "the lab stopped" : `the lab is ${e.status.toLowerCase()}`);
      this.deps.scrollback?.clear(e.labId).catch((error: unknown) => this.deps.log?.("lab.terminal.scrollback_clear_failed", { labId: e.labId, error: String(error) }));
    });
  }
}
