import { logger } from "@/lib/log";
import { bookingDeps } from "./deps";
import { sweep, type BookingDeps } from "./service";

/** Lapsed holds are released within this long, and "starts in 15 minutes" goes out about on time. */
export const SWEEP_INTERVAL_MS = 30_000;

const globalForJobs = globalThis as unknown as { mingleBookingJobs?: { timer: NodeJS.Timeout; running: Promise<unknown> | null } };

/** Starts the hold sweeper / reminder loop once per process. */
export function startBookingJobs(deps: BookingDeps = bookingDeps(), intervalMs = SWEEP_INTERVAL_MS): void {
  if (globalForJobs.mingleBookingJobs) return;
  const sent = new Set<string>();
  const state: { timer: NodeJS.Timeout; running: Promise<unknown> | null } = { timer: undefined as never, running: null };
  const tick = () => {
    if (state.running) return; // a slow database must not stack sweeps
    state.running = sweep(deps, sent)
      .then((r) => {
        if (r.expired || r.reminded) logger.info("booking.sweep", r);
        if (sent.size > 50_000) sent.clear();
      })
      .catch((error: unknown) => logger.error("booking.sweep_failed", { error: String(error) }))
      .finally(() => {
        state.running = null;
      });
  };
  state.timer = setInterval(tick, intervalMs);
  state.timer.unref();
  globalForJobs.mingleBookingJobs = state;
  tick();
}

export async function stopBookingJobs(): Promise<void> {
  const jobs = globalForJobs.mingleBookingJobs;
  globalForJobs.mingleBookingJobs = undefined;
  if (!jobs) return;
  clearInterval(jobs.timer);
  await jobs.running;
}
