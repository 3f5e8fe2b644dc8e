import { randomBytes } from "node:crypto";

/**
 * Which server process speaks for a lab's terminal, where every process attached to it sees the
 * same output (docs/decisions/0020): the lease holder alone writes the lab's scroll-back and taps
 * its recorder, so both are written once per lab, not once per process. A holder renews its lease
 * every third of its time to live; when it dies, the lease runs out and the next process with an
 * attachment takes it on its next try.
 */
export interface LeaseBackend {
  /** Takes the lease (free) or renews it (ours) for `ttlMs`; false when another holds it. */
  claim(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Gives it up if it is still ours. */
  release(key: string, token: string): Promise<void>;
}

export interface TerminalLeaseOptions {
  ttlMs: number;
  now?: () => number;
  log?: (event: string, fields?: Record<string, unknown>) => void;
}

export const DEFAULT_LEASE_TTL_MS = 3_000;

export class TerminalLease {
  private readonly token = randomBytes(9).toString("base64url");
  private readonly now: () => number;
  private heldUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private holding = false;

  constructor(
    private readonly backend: LeaseBackend,
    private readonly key: string,
    private readonly opts: TerminalLeaseOptions,
    private readonly onChange: (held: boolean) => void = () => {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  get held(): boolean {
    return this.holding;
  }

  /** Tries now, then keeps trying (or renewing) until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const was = this.holding;
    this.set(false);
    if (was)
      await this.backend.release(this.key, this.token).catch((error: unknown) => this.opts.log?.("lab.terminal.lease_release_failed", { key: this.key, error: String(error) }));
  }

  private async tick(): Promise<void> {
    const asked = this.now();
    try {
      const got = await this.backend.claim(this.key, this.token, this.opts.ttlMs);
      if (!this.running) {
        if (got) await this.backend.release(this.key, this.token).catch(() => {});
        return;
      }
      if (got) this.heldUntil = asked + this.opts.ttlMs;
      this.set(got);
    } catch (error) {
      // Redis did not answer: the lease is ours until it would have run out, and no longer.
      if (!this.running) return;
      this.opts.log?.("lab.terminal.lease_failed", { key: this.key, error: String(error) });
      this.set(this.holding && this.now() < this.heldUntil);
    }
    this.timer = setTimeout(() => void this.tick(), Math.max(50, Math.floor(this.opts.ttlMs / 3)));
    this.timer.unref?.();
  }

  private set(held: boolean): void {
    if (held === this.holding) return;
    this.holding = held;
    this.onChange(held);
  }
}
