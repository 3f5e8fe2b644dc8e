import { logger } from "@/lib/log";
import { remember } from "@/lib/singleton";
import { emitChange, tell } from "./announce";
import { bookingDeps } from "./deps";
import { notices } from "./notices";
import type { BookingDeps } from "./ports";

/** Lapsed holds are released within this long, and "starts in 15 minutes" goes out about on time. */
export const SWEEP_INTERVAL_MS = 30_000;
const REMINDER_MS = 15 * 60_000;

/** `sent` remembers reminders across runs of one process; the notifier's dedupeKey makes them at-most-once overall. */
export async function sweep(deps: BookingDeps, sent: Set<string> = new Set()): Promise<{ expired: number; reminded: number }> {
  const now = deps.now();
  const expired = await deps.repo.expireLapsed(now);
  for (const s of expired) emitChange(deps, s);
  const soon = await deps.repo.acceptedStartingBetween(now, new Date(now.getTime() + REMINDER_MS));
  let reminded = 0;
  for (const s of soon) {
    const minutes = Math.max(1, Math.round((s.startsAt.getTime() - now.getTime()) / 60_000));
    for (const userId of [s.requesterId, s.expertId]) {
      const dedupeKey = `session-soon:${s.id}:${s.startsAt.getTime()}:${userId}`;
      if (sent.has(dedupeKey)) continue;
      sent.add(dedupeKey);
      await tell(deps, userId, notices.startsSoon(s, minutes, dedupeKey));
      reminded++;
    }
  }
  return { expired: expired.length, reminded };
}

interface Jobs {
  timer: NodeJS.Timeout;
  running: Promise<unknown> | null;
}

/** The process's one sweep loop (null while stopped). */
const jobs = () => remember<{ current: Jobs | null }>("booking.jobs", () => ({ current: null }));

/** Starts the hold sweeper / reminder loop once per process. */
export function startBookingJobs(deps: BookingDeps = bookingDeps(), intervalMs = SWEEP_INTERVAL_MS): void {
  const holder = jobs();
  if (holder.current) return;
  const sent = new Set<string>();
  const state: Jobs = { timer: undefined as never, running: null };
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
  holder.current = state;
  tick();
}

export async function stopBookingJobs(): Promise<void> {
  const holder = jobs();
  const running = holder.current;
  holder.current = null;
  if (!running) return;
  clearInterval(running.timer);
  await running.running;
}
