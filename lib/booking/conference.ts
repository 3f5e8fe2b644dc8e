import { noConference } from "@/lib/conference/current-conference";
import { ok } from "@/lib/errors";
import type { BookingDeps, BookingResult } from "./ports";
import type { CurrentConference } from "./repo";
import type { ConferenceCalendar } from "./slots";

/** The conference booking serves (or the one with `id`), or the one "nothing set up yet" failure. */
export async function currentConference(deps: BookingDeps, id?: string): BookingResult<CurrentConference> {
  const c = await deps.repo.currentConference(id);
  return c ? ok(c) : noConference();
}

export function calendarOf(c: CurrentConference): ConferenceCalendar {
  return { id: c.id, timeZone: c.timeZone, startDate: c.startDate, endDate: c.endDate };
}
