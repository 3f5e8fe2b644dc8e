import type { UserView } from "@/lib/auth/schema";
import { ok } from "@/lib/errors";
import { currentConference } from "./conference";
import type { BookingDeps, BookingResult } from "./ports";
import * as rules from "./rules";
import type { AvailabilityView } from "./schema";
import { slotOf, slotView } from "./slot-view";

/** Every slot with whether I marked myself available, sit in a live session then, or it is past. */
export async function getAvailability(deps: BookingDeps, user: UserView): BookingResult<AvailabilityView> {
  const conf = await currentConference(deps);
  if (!conf.ok) return conf;
  const c = conf.value;
  const now = deps.now();
  const [slots, available, busy] = await Promise.all([deps.repo.listSlots(c.id), deps.repo.availableSlotIds(user.id, c.id), deps.repo.busySlotIds(user.id, c.id)]);
  return ok({
    conferenceId: c.id,
    timeZone: c.timeZone,
    slotMinutes: c.slotMinutes,
    slots: slots.map((s) => ({
      ...slotView(s, c.timeZone),
      available: available.has(s.id),
      busy: busy.has(s.id),
      past: !rules.isBookable(slotOf(s), now, deps.config.walkupMinutes),
    })),
  });
}
