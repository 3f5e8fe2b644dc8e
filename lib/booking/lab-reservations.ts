import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { remember } from "@/lib/singleton";
import { bookingDeps } from "./deps";
import type { BookingDeps } from "./ports";

/** How often upcoming sessions are looked at: a reservation lands within this of its time. */
export const RESERVE_INTERVAL_MS = 30_000;

/**
 * "Guaranteed start": the lab of each agreed session whose offer has a template is started
 * `aheadMs` before its slot, owned by the expert, through the same launch as "Open lab" (one lab
 * per session), so opening it in the session finds it live at once. Each session is reserved once
 * per process (`done`): a lab someone stopped is not started again behind their back. A refusal
 * (no room, the expert's lab limit) is logged and tried again on the next run.
 */
export async function reserveLabs(deps: BookingDeps, aheadMs: number, done: Set<string> = new Set()): Promise<{ reserved: string[]; refused: number }> {
  if (!deps.labs) return { reserved: [], refused: 0 };
  const now = deps.now();
  const soon = await deps.repo.labSessionsStartingBetween(now, new Date(now.getTime() + aheadMs));
  const reserved: string[] = [];
  let refused = 0;
  for (const s of soon) {
    const key = `${s.id}:${s.startsAt.getTime()}`;
    if (done.has(key)) continue;
    const launched = await deps.labs.launch({
      ownerId: s.expertId,
      templateName: s.labTemplate,
      participantIds: [s.requesterId, s.expertId],
      sessionId: s.id,
      expiresAt: new Date(s.endsAt.getTime() + deps.config.labGraceMinutes * 60_000),
      areaId: s.areaId,
    });
    if (!launched.ok) {
      refused++;
      deps.log?.("booking.lab_reserve_refused", { sessionId: s.id, code: launched.code, message: launched.message });
      continue;
    }
    done.add(key);
    reserved.push(launched.value.labId);
  }
  return { reserved, refused };
}

const task = () => remember("booking.labReservations", () => ({ timer: undefined as NodeJS.Timeout | undefined, running: null as Promise<unknown> | null }));

/** A background task: reserves labs every RESERVE_INTERVAL_MS (LAB_RESERVE_AHEAD_MINUTES=0 turns it off). */
export function startLabReservations(deps: () => BookingDeps = () => bookingDeps(), intervalMs = RESERVE_INTERVAL_MS): void {
  const t = task();
  const ahead = env().LAB_RESERVE_AHEAD_MINUTES * 60_000;
  if (t.timer || ahead === 0) return;
  const done = new Set<string>();
  const tick = () => {
    if (t.running) return;
    t.running = reserveLabs(deps(), ahead, done)
      .then((r) => {
        if (r.reserved.length) logger.info("booking.labs_reserved", { labs: r.reserved });
        if (done.size > 50_000) done.clear();
      })
      .catch((error: unknown) => logger.error("booking.lab_reserve_failed", { error: String(error) }))
      .finally(() => (t.running = null));
  };
  t.timer = setInterval(tick, intervalMs);
  t.timer.unref();
  tick();
}

export async function stopLabReservations(): Promise<void> {
  const t = task();
  clearInterval(t.timer);
  t.timer = undefined;
  await t.running;
}
