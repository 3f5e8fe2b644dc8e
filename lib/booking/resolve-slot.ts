import { fail, ok } from "@/lib/errors";
import { calendarOf } from "./conference";
import type { BookingDeps, BookingResult } from "./ports";
import type { CurrentConference, SlotRow } from "./repo";
import { validateRequestedSlot } from "./slots";

/**
 * Resolves a requested start to a stored slot of the current conference and checks it is
 * bookable now (mingle hours, grid, not over: a walk-up may take the running slot). `slotId`, when sent, must name that same slot.
 */
export async function resolveSlot(deps: BookingDeps, conf: CurrentConference, startUtc: Date, now: Date, slotId?: string): BookingResult<SlotRow> {
  let conferenceId = conf.id;
  if (slotId) {
    const byId = await deps.repo.slotById(slotId);
    if (!byId) return fail("NOT_FOUND", "That time slot does not exist (any more); reload the list of times.");
    conferenceId = byId.conferenceId;
    if (byId.conferenceId === conf.id && byId.startsAt.getTime() !== startUtc.getTime()) {
      return fail("SLOT_MISALIGNED", "slotId and slotStart name different times; send one of the listed slots.");
    }
  }
  const valid = validateRequestedSlot(calendarOf(conf), conf.hours, conf.slotMinutes, { conferenceId, startUtc }, now, deps.config.walkupMinutes);
  if (!valid.ok) return valid;
  const slot = await deps.repo.slotAt(conf.id, startUtc);
  if (!slot) return fail("SLOT_MISALIGNED", "That time is not one of the conference's mingle slots; pick one of the offered times.");
  return ok(slot);
}
