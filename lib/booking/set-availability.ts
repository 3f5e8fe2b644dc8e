import { DateTime } from "luxon";
import type { UserView } from "@/lib/auth/schema";
import { fail } from "@/lib/errors";
import { currentConference } from "./conference";
import { getAvailability } from "./get-availability";
import type { BookingDeps, BookingResult } from "./ports";
import type { AvailabilityUpdateInput, AvailabilityView } from "./schema";
import { dayOf } from "./slot-view";
import { expandAvailabilityPreset, toDay, type Slot } from "./slots";

/** Sets my availability: the full set of slot starts, or a whole/half-day preset switched on or off. */
export async function setAvailability(deps: BookingDeps, user: UserView, input: AvailabilityUpdateInput): BookingResult<AvailabilityView> {
  const conf = await currentConference(deps);
  if (!conf.ok) return conf;
  const c = conf.value;
  const slots = await deps.repo.listSlots(c.id);
  const byStart = new Map(slots.map((s) => [s.startsAt.getTime(), s]));
  if (input.mode === "slots") {
    const ids: string[] = [];
    for (const start of input.slotStarts) {
      const slot = byStart.get(start.getTime());
      if (!slot) {
        const local = DateTime.fromJSDate(start).setZone(c.timeZone).toFormat("ccc d LLL HH:mm");
        return fail("SLOT_MISALIGNED", `${local} is not one of the conference's mingle slots.`, { slotStarts: "Use the listed slot starts." });
      }
      ids.push(slot.id);
    }
    await deps.repo.setAvailability(user.id, c.id, { replaceAll: true, add: ids, remove: [] });
  } else {
    const first = toDay(c.startDate);
    const last = toDay(c.endDate);
    if (!first || !last || input.day < first || input.day > last) {
      return fail("HOURS_DAY_OUTSIDE_CONFERENCE", `${input.day} is not a conference day (${first} to ${last}).`, { day: "Pick a conference day." });
    }
    const asSlots: Slot[] = slots.map((s) => ({ conferenceId: c.id, day: dayOf(s.startsAt, c.timeZone), startUtc: s.startsAt, endUtc: s.endsAt }));
    const ids = expandAvailabilityPreset(asSlots, c.timeZone, input.day, input.preset).map((d) => byStart.get(d.getTime())!.id);
    await deps.repo.setAvailability(user.id, c.id, input.available ? { add: ids, remove: [] } : { add: [], remove: ids });
  }
  deps.events.toAll("availability:changed", {});
  return getAvailability(deps, user);
}
