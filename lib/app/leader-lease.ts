/**
 * One holder per deployment for work that must run once, not once per process (the warm pool,
 * reconciliation, sweeps: lib/app/slices.ts). A lease is a key with a random token and a time to
 * live: taken with SET NX PX, kept by renewing it every ttl/3 while it still holds our token,
 * released (only if it still holds our token) on stop. A holder that dies stops renewing, the key
 * expires, and another process takes it within ttl + ttl/3. A holder that cannot reach the store
 * gives the work up at once: the lease may expire meanwhile and go to another process, and two
 * holders at the same time is what the lease is for preventing.
 */
export interface LeaseStore {
  /** Takes the lease when nobody holds it: true when taken. */
  acquire(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Pushes the expiry on, if the key still holds the token: false when the lease was lost. */
  renew(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Removes the key, if it still holds the token. */
  release(key: string, token: string): Promise<void>;
}

export interface LeaderLeaseDeps {
  store: LeaseStore;
  key: string;
  token: string;
  ttlMs: number;
  /** Starts the holder's work. Not awaited by the renewals (a slow start must not let the lease lapse). */
  onLead: () => void | Promise<void>;
  /** Stops it (awaited, after onLead settled): the lease was lost, or the process stops. */
  onFollow: () => void | Promise<void>;
  log?: (event: string, fields: Record<string, unknown>) => void;
  timers?: Pick<typeof globalThis, "setTimeout" | "clearTimeout">;
}

export class LeaderLease {
  private leading = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private started: Promise<void> = Promise.resolve();
  private stopped = true;
  private readonly timers: Pick<typeof globalThis, "setTimeout" | "clearTimeout">;
  private readonly log: (event: string, fields: Record<string, unknown>) => void;

  constructor(private readonly deps: LeaderLeaseDeps) {
    this.timers = deps.timers ?? globalThis;
    this.log = deps.log ?? (() => {});
  }

  get isLeader(): boolean {
    return this.leading;
  }

  private get everyMs(): number {
    return Math.max(1, Math.floor(this.deps.ttlMs / 3));
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = this.timers.setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
        this.schedule(this.everyMs);
      });
    }, ms);
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** One round: renew what we hold, or try to take it. */
  async tick(): Promise<void> {
    const { store, key, token, ttlMs } = this.deps;
    if (this.leading) {
      const kept = await store.renew(key, token, ttlMs).catch((error: unknown) => {
        this.log("lease.renew_failed", { key, error: String(error) });
        return false;
      });
      if (!kept) await this.follow("lost");
      return;
    }
    const taken = await store.acquire(key, token, ttlMs).catch((error: unknown) => {
      this.log("lease.acquire_failed", { key, error: String(error) });
      return false;
    });
    if (!taken || this.stopped) {
      if (taken) await store.release(key, token).catch(() => undefined);
      return;
    }
    this.leading = true;
    this.log("lease.leading", { key });
    this.started = Promise.resolve()
      .then(() => this.deps.onLead())
      .catch((error: unknown) => this.log("lease.lead_failed", { key, error: String(error) }));
  }

  private async follow(why: string): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    this.log("lease.following", { key: this.deps.key, why });
    await this.started;
    try {
      await this.deps.onFollow();
    } catch (error) {
      this.log("lease.follow_failed", { key: this.deps.key, error: String(error) });
    }
  }

  /** Stops trying; the holder stops its work, then releases, so another process takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) this.timers.clearTimeout(this.timer);
    await this.running;
    const held = this.leading;
    await this.follow("stopping");
    if (held) await this.deps.store.release(this.deps.key, this.deps.token).catch(() => undefined);
  }
}
