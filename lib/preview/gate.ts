/**
 * How many preview requests (and open WebSockets) run at once, per lab and in all: each one is a
 * process in the lab (nc, counted against its pids limit) and a connection to its engine.
 */
export class PreviewGate {
  private total = 0;
  private readonly perLab = new Map<string, number>();

  constructor(private readonly limits: { perLab: number; total: number }) {}

  /** A release function, or the reason for a 503. Release exactly once. */
  enter(labId: string): { release: () => void } | { refused: string } {
    const inLab = this.perLab.get(labId) ?? 0;
    if (this.total >= this.limits.total) return { refused: "The preview is busy for everyone right now: try again in a moment." };
    if (inLab >= this.limits.perLab) return { refused: `This lab already serves ${inLab} preview requests at once: try again in a moment.` };
    this.total++;
    this.perLab.set(labId, inLab + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const left = (this.perLab.get(labId) ?? 1) - 1;
        if (left > 0) this.perLab.set(labId, left);
        else this.perLab.delete(labId);
      },
    };
  }

  get inFlight(): number {
    return this.total;
  }
}
