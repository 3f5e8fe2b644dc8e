import type { CurrentConference } from "@/lib/conference/current-conference";
import { fail, ok, type Result } from "@/lib/errors";
import type { AnalyticsErrorCode } from "./errors";
import type { AnalyticsRepo, AnalyticsScope, AreaRow } from "./rows";
import { conferenceDayList, dayRange } from "./rules";
import type { AnalyticsFilter } from "./schema";

export interface AnalyticsDeps {
  repo: AnalyticsRepo;
  conference: () => Promise<CurrentConference | null>;
  now: () => Date;
}

export interface ResolvedScope {
  conference: CurrentConference;
  days: string[];
  areas: AreaRow[];
  scope: AnalyticsScope;
}

/** The filter checked against the conference: a day of it, an area of it; the day as a UTC range in its zone. */
export async function resolveScope(deps: AnalyticsDeps, filter: AnalyticsFilter): Promise<Result<ResolvedScope, AnalyticsErrorCode>> {
  const c = await deps.conference();
  if (!c) return fail("NOT_FOUND", "No conference is set up yet. An organizer can create one.");
  const days = conferenceDayList(c.startDate, c.endDate);
  if (filter.day && !days.includes(filter.day)) {
    return fail("DAY_OUTSIDE_CONFERENCE", `${filter.day} is not a day of ${c.name} (${c.startDate} to ${c.endDate}).`, { day: "Pick one of the conference's days." });
  }
  const areas = await deps.repo.areas(c.id);
  if (filter.areaId && !areas.some((a) => a.id === filter.areaId)) {
    return fail("AREA_NOT_FOUND", "That area is not one of the conference's areas.", { areaId: "Pick one of the conference's areas." });
  }
  const range = filter.day ? dayRange(filter.day, c.timeZone) : null;
  return ok({
    conference: c,
    days,
    areas,
    scope: { conferenceId: c.id, timeZone: c.timeZone, from: range?.from ?? null, to: range?.to ?? null, areaId: filter.areaId ?? null, now: deps.now() },
  });
}
