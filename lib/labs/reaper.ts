import type { LabEngine } from "@/lib/labs/lab-engine";
import type { LabRepo } from "@/lib/labs/repo";

export interface ReaperDeps {
  repo: Pick<LabRepo, "listExpired">;
  labs: Pick<LabEngine, "stop">;
  now?: () => Date;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

/** Stops every live lab whose time is up. Returns the ids stopped. */
export async function reapExpired(deps: ReaperDeps): Promise<string[]> {
  const expired = await deps.repo.listExpired((deps.now ?? (() => new Date()))());
  const stopped: string[] = [];
  for (const lab of expired) {
    try {
      await deps.labs.stop(lab.id, "time to live reached");
      stopped.push(lab.id);
    } catch (err) {
      deps.log?.("reaper could not stop lab", { labId: lab.id, error: String(err) });
    }
  }
  return stopped;
}

/** A background task: start() runs reapExpired every intervalMs (one run at a time) until stop(). */
export class Reaper {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: ReaperDeps,
    private readonly intervalMs = 15_000,
  ) {}

  reapExpired(): Promise<string[]> {
    return reapExpired(this.deps);
  }

  start(): void {
    if (this.timer) return;
    let running = false;
    this.timer = setInterval(() => {
      if (running) return;
      running = true;
      this.reapExpired()
        .catch((err: unknown) => this.deps.log?.("reaper failed", { error: String(err) }))
        .finally(() => (running = false));
    }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
