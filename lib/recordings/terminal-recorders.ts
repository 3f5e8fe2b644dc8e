import type { TermSize, TerminalTap } from "@/lib/labs/terminal-options";
import { type RecorderDeps, type RecorderStart, TerminalRecorder } from "./terminal-recorder";

/** Statuses after which a lab's terminal is gone for good (its recording ends). */
const ENDED = new Set(["STOPPING", "STOPPED", "FAILED", "LOST"]);

export interface TerminalRecordersDeps extends Omit<RecorderDeps, "start" | "onState"> {
  start(labId: string, size: TermSize): Promise<RecorderStart>;
  onState?: (labId: string, state: "recording" | "stopped" | "off") => void;
}

/**
 * One recorder per lab in this process, whichever hub carries its terminal: a hub closed for being
 * idle and opened again goes on writing the same file. Recorders end with their lab.
 */
export class TerminalRecorders {
  private readonly recorders = new Map<string, TerminalRecorder>();

  constructor(private readonly deps: TerminalRecordersDeps) {}

  /** The lab's tap (pass as the terminal hubs' `tap`). */
  tap(labId: string): TerminalTap {
    return this.recorder(labId);
  }

  recorder(labId: string): TerminalRecorder {
    let r = this.recorders.get(labId);
    if (!r) {
      const { start, onState, ...rest } = this.deps;
      r = new TerminalRecorder({ ...rest, start: (size) => start(labId, size), onState: (state) => onState?.(labId, state) });
      this.recorders.set(labId, r);
    }
    return r;
  }

  get(labId: string): TerminalRecorder | undefined {
    return this.recorders.get(labId);
  }

  async end(labId: string): Promise<void> {
    const r = this.recorders.get(labId);
    this.recorders.delete(labId);
    await r?.close();
  }

  async endAll(): Promise<void> {
    await Promise.all([...this.recorders.keys()].map((id) => this.end(id)));
  }

  /** Ends a lab's recording when the lab stops (pass LabEngine.subscribe). */
  watch(subscribe: (listener: (e: { labId: string; status: string }) => void) => () => void): () => void {
    return subscribe((e) => {
      if (ENDED.has(e.status)) void this.end(e.labId);
    });
  }
}
