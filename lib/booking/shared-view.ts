/**
 * One value many readers share, such as the "Available now" view that every open page refetches
 * after a broadcast. It is computed at most once per `ttlMs`, and concurrent readers share the
 * computation in flight. invalidate() drops it at once, so the refetch that follows a change never
 * gets the view from before it. A computation that was running when invalidate() came is handed to
 * the readers who were already waiting for it, and is not kept after that.
 */
export class SharedView<T> {
  private generation = 0;
  private entry: { at: number; generation: number; value: Promise<T> } | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(compute: () => Promise<T>): Promise<T> {
    const t = this.now();
    const e = this.entry;
    if (e && e.generation === this.generation && t - e.at < this.ttlMs) return e.value;
    const entry = { at: t, generation: this.generation, value: compute() };
    this.entry = entry;
    // A failure is not shared beyond the readers already waiting: the next reader tries again.
    entry.value.catch(() => {
      if (this.entry === entry) this.entry = null;
    });
    return entry.value;
  }

  invalidate(): void {
    this.generation++;
    this.entry = null;
  }
}
