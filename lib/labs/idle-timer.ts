/** Fires `onIdle` once `ms` after `schedule()` if `stillIdle()` then holds; `cancel()` (or a busy check) stops it. */
export class IdleTimer {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ms: number,
    private readonly stillIdle: () => boolean,
    private readonly onIdle: () => void,
  ) {}

  schedule(): void {
    if (this.timer || !this.stillIdle()) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.stillIdle()) this.onIdle();
    }, this.ms);
    this.timer.unref?.();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
