import { ok } from "@/lib/errors";
import { currentConference } from "./conference";
import type { BookingDeps, BookingResult } from "./ports";
import * as rules from "./rules";
import type { FreeSlotsView, SlotListView } from "./schema";
import { clockLabel, slotOf, slotView } from "./slot-view";

/** The conference's mingle slots, optionally of one day. */
export async function listSlots(deps: BookingDeps, query: { day?: string }): BookingResult<SlotListView> {
  const conf = await currentConference(deps);
  if (!conf.ok) return conf;
  const c = conf.value;
  const slots = (await deps.repo.listSlots(c.id)).map((s) => slotView(s, c.timeZone)).filter((s) => !query.day || s.day === query.day);
  return ok({ conferenceId: c.id, timeZone: c.timeZone, slotMinutes: c.slotMinutes, slots });
}

/**
 * What can be requested: slots the expert marked that are still bookable (future ones, and the
 * running one while a walk-up fits), minus those a live session holds.
 */
export async function listFreeSlots(deps: BookingDeps, expertId: string, query: { day?: string }): BookingResult<FreeSlotsView> {
  const conf = await currentConference(deps);
  if (!conf.ok) return conf;
  const c = conf.value;
  const now = deps.now();
  const [slots, available, busy] = await Promise.all([
    deps.repo.listSlots(c.id, { from: new Date(now.getTime() - c.slotMinutes * 60_000) }),
    deps.repo.availableSlotIds(expertId, c.id),
    deps.repo.busySlotIds(expertId, c.id),
  ]);
  const free = slots
    .filter((s) => available.has(s.id) && !busy.has(s.id) && rules.isBookable(slotOf(s), now, deps.config.walkupMinutes))
    .map((s) => ({ ...slotView(s, c.timeZone), label: clockLabel(s, c.timeZone) }))
    .filter((s) => !query.day || s.day === query.day);
  return ok({ expertId, timeZone: c.timeZone, slots: free });
}
