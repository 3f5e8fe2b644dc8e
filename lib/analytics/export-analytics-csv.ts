import { DateTime } from "luxon";
import type { DownloadFile } from "@/lib/api/download";
import { ok, type Result } from "@/lib/errors";
import { type AnalyticsDeps, resolveScope } from "./analytics-scope";
import type { AnalyticsErrorCode } from "./errors";
import { byWho, tablesView, topicsView } from "./get-analytics";
import { type CsvCell, expertLoad, median, meetingsBuckets, ratio, toCsv } from "./rules";
import type { AnalyticsExportQuery, CsvTable } from "./schema";

const FULL = 1_000_000;

/**
 * One table of the Analytics page as CSV, with the same filter; lists the page cuts short (experts,
 * never booked, missed searches) come whole. `sessions` is every session in scope, one row each.
 */
export async function exportAnalyticsCsv(deps: AnalyticsDeps, query: AnalyticsExportQuery): Promise<Result<DownloadFile, AnalyticsErrorCode>> {
  const { table, ...filter } = query;
  const resolved = await resolveScope(deps, filter);
  if (!resolved.ok) return resolved;
  const { conference: c, areas, scope } = resolved.value;
  const r = deps.repo;
  const local = (d: Date | null) => (d ? DateTime.fromJSDate(d).setZone(c.timeZone).toFormat("yyyy-MM-dd HH:mm") : null);
  const build: Record<CsvTable, () => Promise<[string[], CsvCell[][]]>> = {
    funnel: async () => {
      const f = await r.funnel(scope);
      const rows: CsvCell[][] = [
        ["requests", f.requests],
        ["pending", f.pending],
        ["accepted", f.accepted],
        ["declined", f.declined],
        ["expired", f.expired],
        ["withdrawn", f.withdrawn],
        ["cancelled", f.cancelled],
        ["ever accepted", f.everAccepted],
        ["acceptance rate", ratio(f.everAccepted, f.requests - f.pending)],
        ["answered", f.answered],
        ["median seconds to answer", f.medianAnswerSeconds === null ? null : Math.round(f.medianAnswerSeconds)],
      ];
      return [["measure", "value"], rows];
    },
    cancellations: async () => {
      const w = byWho(await r.actionsByWho(scope));
      const rows: CsvCell[][] = w.cancellations.flatMap((x) => [
        ["cancellation after accepting", x.by, x.afterAccepting],
        ["cancellation before an answer", x.by, x.beforeAnswer],
      ]);
      rows.push(["reschedule", "requester", w.reschedules.requester], ["reschedule", "expert", w.reschedules.expert], ["other time proposed", "either", w.proposals]);
      return [["what", "by", "count"], rows];
    },
    held: async () => {
      const h = await r.held(scope);
      return [["measure", "value"], Object.entries(h).map(([k, v]) => [k, v])];
    },
    ratings: async () => [["stars", "count"], (await r.ratings(scope)).map((x) => [x.stars, x.count])],
    meetings: async () => {
      return [["agreed sessions", "attendees"], meetingsBuckets(await r.meetingsPerAttendee(scope)).map((m) => [m.meetings, m.attendees])];
    },
    experts: async () => {
      const experts = await r.experts(scope);
      const mid = median(experts.map((e) => e.received));
      return [
        ["expert id", "name", "requests received", "accepted", "declined", "expired", "pending", "load"],
        experts.map((e) => [e.id, e.name, e.received, e.accepted, e.declined, e.expired, e.pending, expertLoad(e, mid)]),
      ];
    },
    "never-booked": async () => {
      const n = await r.neverBooked(scope, null);
      return [["attendee id", "name", "email"], n.people.map((p) => [p.id, p.name, p.email])];
    },
    heatmap: async () => {
      const t = tablesView(scope, areas, await r.heatmap(scope), [], 0, () => "");
      return [
        ["area", "hour", "booked table-slots", "table-slots", "utilisation"],
        t.areas.flatMap((a) => a.cells.map((x) => [a.name, x.hour, x.booked, x.capacity, x.utilisation])),
      ];
    },
    "full-slots": async () => [
      ["slot start", "booked tables", "tables", "refused: no table free"],
      (await r.fullSlots(scope)).map((f) => [local(f.startsAt), f.booked, f.tables, f.refusedNoTable]),
    ],
    topics: async () => {
      const t = topicsView(await r.topics(scope), { total: 0, rows: [] });
      return [
        ["tag", "label", "offers", "people offering", "people seeking", "requests", "accepted", "searches that found nothing", "gap"],
        t.tags.map((x) => [x.tag, x.label, x.offers, x.offering, x.seeking, x.requests, x.accepted, x.missedSearches, x.gap]),
      ];
    },
    "missed-searches": async () => [["search", "count", "last"], (await r.missedSearches(scope, FULL)).rows.map((m) => [m.query, m.count, local(m.lastAt)])],
    labs: async () => [
      ["template", "engine", "launched", "reached a shell", "failed", "lost", "in sessions", "median seconds to a shell"],
      (await r.labs(scope)).map((l) => [l.template, l.engineId, l.launched, l.ready, l.failed, l.lost, l.inSessions, l.medianSecondsToShell]),
    ],
    "lab-failures": async () => [["status", "reason", "count"], (await r.labFailures(scope)).map((f) => [f.status, f.reason, f.count])],
    sessions: async () => [
      [
        "session id",
        "starts",
        "ends",
        "status",
        "area",
        "table",
        "offer",
        "tags",
        "requester",
        "expert",
        "requested at",
        "first answer at",
        "reason",
        "checked in",
        "said it happened",
        "said it did not",
        "average rating",
      ],
      (await r.sessions(scope)).map((s) => [
        s.id,
        local(s.startsAt),
        local(s.endsAt),
        s.status,
        s.area,
        s.table,
        s.offer,
        s.tags.join(" "),
        s.requester,
        s.expert,
        local(s.requestedAt),
        local(s.answeredAt),
        s.closedReason,
        s.checkedIn,
        s.happenedYes,
        s.happenedNo,
        s.ratingAverage,
      ]),
    ],
  };
  const [header, rows] = await build[table]();
  const suffix = [filter.day, filter.areaId ? areas.find((a) => a.id === filter.areaId)?.name : null].filter(Boolean).join("-");
  return ok({ body: toCsv(header, rows), filename: `mingle-${table}${suffix ? `-${suffix}` : ""}.csv`, contentType: "text/csv; charset=utf-8" });
}
