import { DateTime } from "luxon";
import { ok, type Result } from "@/lib/errors";
import { tagLabel } from "@/lib/tags/rules";
import { type AnalyticsDeps, resolveScope } from "./analytics-scope";
import type { AnalyticsErrorCode } from "./errors";
import type { ActionByWhoRow, AnalyticsScope, AreaRow, ExpertRow, HeatCellRow, TopicRow } from "./rows";
import { averageMeetings, expertLoad, median, meetingsBuckets, ratio, round } from "./rules";
import type { AnalyticsFilter, AnalyticsView, FunnelView, PeopleView, TablesView, TopicsView } from "./schema";

/** How many of each list the page shows; the CSV export has all of them. */
export const LIST_LIMITS = { experts: 25, idle: 20, neverBooked: 50, missedSearches: 20, topics: 40 } as const;

/**
 * Everything the organizer's Analytics page shows, for the whole conference or one day (in its
 * zone) and one area. Each figure is one SQL aggregate (repo.ts); this only shapes them.
 */
export async function getAnalytics(deps: AnalyticsDeps, filter: AnalyticsFilter): Promise<Result<AnalyticsView, AnalyticsErrorCode>> {
  const resolved = await resolveScope(deps, filter);
  if (!resolved.ok) return resolved;
  const { conference: c, days, areas, scope } = resolved.value;
  const r = deps.repo;
  const [funnel, actions, held, ratings, meetings, attendees, experts, idle, never, heat, full, refused, topics, missed, labs, failures] = await Promise.all([
    r.funnel(scope),
    r.actionsByWho(scope),
    r.held(scope),
    r.ratings(scope),
    r.meetingsPerAttendee(scope),
    r.attendeeCount(),
    r.experts(scope),
    r.idleExperts(scope, LIST_LIMITS.idle),
    r.neverBooked(scope, LIST_LIMITS.neverBooked),
    r.heatmap(scope),
    r.fullSlots(scope),
    r.refusedNoTable(scope),
    r.topics(scope),
    r.missedSearches(scope, LIST_LIMITS.missedSearches),
    r.labs(scope),
    r.labFailures(scope),
  ]);
  const decided = funnel.requests - funnel.pending;
  const funnelView: FunnelView = {
    ...funnel,
    medianAnswerSeconds: funnel.medianAnswerSeconds === null ? null : Math.round(funnel.medianAnswerSeconds),
    acceptanceRate: ratio(funnel.everAccepted, decided),
    ...byWho(actions),
  };
  const clock = (d: Date) => DateTime.fromJSDate(d).setZone(c.timeZone).toFormat("ccc d LLL HH:mm");
  return ok({
    conference: { name: c.name, timeZone: c.timeZone, days, areas: areas.map(({ id, name }) => ({ id, name })) },
    filter: { day: filter.day ?? null, areaId: filter.areaId ?? null },
    generatedAt: scope.now.toISOString(),
    funnel: funnelView,
    held: { ...held, ratingAverage: held.ratingAverage === null ? null : round(held.ratingAverage, 2), ratings },
    people: peopleView(attendees, meetings, experts, idle, never),
    tables: tablesView(scope, areas, heat, full, refused, clock),
    topics: topicsView(topics, missed),
    labs: { rows: labs, failures, launched: labs.reduce((n, l) => n + l.launched, 0) },
    notes: NOTES,
  });
}

/** Reschedules, proposals and cancellations by who did them (from the sessions' history). */
export function byWho(rows: readonly ActionByWhoRow[]): Pick<FunnelView, "proposals" | "reschedules" | "cancellations"> {
  const sum = (f: (r: ActionByWhoRow) => boolean) => rows.filter(f).reduce((n, r) => n + r.count, 0);
  const cancels = (r: ActionByWhoRow) => r.action === "cancel" || r.action === "organizer_cancel";
  return {
    proposals: sum((r) => r.action === "propose"),
    reschedules: { requester: sum((r) => r.action === "reschedule" && r.by === "requester"), expert: sum((r) => r.action === "reschedule" && r.by === "expert") },
    cancellations: (["requester", "expert", "organizer", "system"] as const).map((by) => ({
      by,
      afterAccepting: sum((r) => cancels(r) && r.by === by && r.fromStatus === "ACCEPTED"),
      beforeAnswer: sum((r) => cancels(r) && r.by === by && r.fromStatus !== "ACCEPTED"),
    })),
  };
}

export function peopleView(
  attendees: number,
  meetings: { meetings: number; attendees: number }[],
  experts: ExpertRow[],
  idle: { count: number; people: { id: string; name: string }[] },
  never: { count: number; people: { id: string; name: string }[] },
): PeopleView {
  const mid = median(experts.map((e) => e.received));
  const loaded = experts.map((e) => ({ ...e, load: expertLoad(e, mid) }));
  const person = (p: { id: string; name: string }) => ({ id: p.id, name: p.name });
  return {
    attendees,
    meetingsPerAttendee: meetingsBuckets(meetings),
    averageMeetings: averageMeetings(meetings),
    experts: loaded.slice(0, LIST_LIMITS.experts),
    overloadedExperts: loaded.filter((e) => e.load === "overloaded").length,
    idleExperts: { count: idle.count, sample: idle.people.map(person) },
    neverBooked: { count: never.count, sample: never.people.map(person) },
  };
}

export function tablesView(
  scope: AnalyticsScope,
  areas: AreaRow[],
  heat: HeatCellRow[],
  full: { slotId: string; startsAt: Date; booked: number; tables: number; refusedNoTable: number }[],
  refused: number,
  clock: (d: Date) => string,
): TablesView {
  const hours = [...new Set(heat.map((c) => c.hour))].sort((a, b) => a - b);
  const shown = areas.filter((a) => !scope.areaId || a.id === scope.areaId);
  return {
    hours,
    areas: shown.map((a) => ({
      id: a.id,
      name: a.name,
      tables: a.tables,
      cells: hours.map((hour) => {
        const cell = heat.find((c) => c.areaId === a.id && c.hour === hour);
        const booked = cell?.booked ?? 0;
        const capacity = cell?.capacity ?? 0;
        return { hour, booked, capacity, utilisation: ratio(booked, capacity) };
      }),
    })),
    fullSlots: full.map((f) => ({ ...f, startsAt: f.startsAt.toISOString(), label: clock(f.startsAt) })),
    refusedNoTable: refused,
  };
}

export function topicsView(rows: TopicRow[], missed: { total: number; rows: { query: string; count: number; lastAt: Date }[] }): TopicsView {
  return {
    tags: rows.map((t) => ({ ...t, label: tagLabel(t.tag), gap: t.seeking + t.requests + t.missedSearches - (t.offers + t.offering) })).slice(0, LIST_LIMITS.topics),
    missedSearches: missed.rows.map((m) => ({ ...m, lastAt: m.lastAt.toISOString() })),
    missedSearchTotal: missed.total,
  };
}

/** How figures are counted, and what has no data source yet: said on the page, never invented. */
export const NOTES: AnalyticsView["notes"] = [
  {
    section: "filters",
    text: "A day is the slot's date in the conference's time zone. An area counts a session at its table's area, or, before a table is assigned, at the expert's preferred area; requests with neither appear only under All areas.",
  },
  {
    section: "funnel",
    text: "Acceptance rate: requests agreed at some point, out of all requests no longer pending. Time to answer: from the request to the expert's first accept, decline or other time.",
  },
  { section: "held", text: 'Held counts agreed sessions whose slot has ended. A no-show is a session where at least one person answered "did it happen?" with no.' },
  { section: "tables", text: "Full slots are counted from bookings. Requests refused because no table was free are recorded from this release on." },
  {
    section: "topics",
    text: "Offers and profile topics are the conference's supply and demand now; the day filter applies to requests and to searches that found nothing (recorded from this release on; a search typed letter by letter counts once).",
  },
  {
    section: "labs",
    text: "Time to a shell runs from the launch to the lab's first READY, recorded from this release on. Hands-on minutes and checks passed have no data source yet: they arrive with the lab workspace.",
  },
];
