import { fail, ok } from "@/lib/errors";
import { calendarOf, currentConference } from "./conference";
import type { BookingDeps, BookingResult } from "./ports";
import type { SlotSyncView } from "./schema";
import { generateSlots, planSlotSync } from "./slots";

/**
 * Brings the stored slots in line with the conference's calendar (hours and slot length):
 * identical slots stay (with their availability), unused ones go, slots with history stay; a
 * change that would orphan a live session is refused with SLOTS_IN_USE. Idempotent.
 */
export async function syncSlots(deps: BookingDeps, conferenceId?: string): BookingResult<SlotSyncView> {
  const found = await currentConference(deps, conferenceId);
  if (!found.ok) return found;
  const conf = found.value;
  const desired = generateSlots(calendarOf(conf), conf.hours, conf.slotMinutes);
  if (!desired.ok) return desired;
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await deps.repo.existingSlots(conf.id);
    const plan = planSlotSync(existing, desired.value, conf.timeZone);
    if (!plan.ok) return plan;
    try {
      await deps.repo.applySlotPlan(conf.id, plan.value);
    } catch (error) {
      // A request landed on a slot being removed meanwhile (FK RESTRICT): plan again.
      deps.log?.("booking.slot_sync_retry", { attempt, error: String(error) });
      continue;
    }
    if (plan.value.create.length || plan.value.removeIds.length) deps.events.toAll("availability:changed", {});
    const total = plan.value.keepIds.length + plan.value.create.length;
    return ok({ slotMinutes: conf.slotMinutes, created: plan.value.create.length, removed: plan.value.removeIds.length, kept: plan.value.keepIds.length, total });
  }
  return fail("CONFLICT", "Sessions were being booked while the slots changed; please try again.");
}
