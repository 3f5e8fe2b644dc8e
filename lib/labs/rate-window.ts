/** At most `max` takes within any `windowMs` (a shell that keeps exiting stops being restarted). */
export class RateWindow {
  private times: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one if the window has room; false when it is full. */
  take(): boolean {
    const t = this.now();
    this.times = this.times.filter((at) => t - at < this.windowMs);
    if (this.times.length >= this.max) return false;
    this.times.push(t);
    return true;
  }
}
