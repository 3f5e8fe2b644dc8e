import { z } from "zod";
import { toDay } from "@/lib/booking/slots";
import { singleLine } from "@/lib/text-input";

/** Zod shapes of the analytics edges: the filter query, the CSV choice and the view the page and API share. */

const day = z.string().refine((v) => toDay(v) !== null, "Use a date like 2026-04-18.");
const areaId = singleLine("areaId").min(1, "areaId is required.").max(64, "areaId is at most 64 characters.");

export const analyticsQuery = z.strictObject({
  day: day.optional().describe("One conference day (YYYY-MM-DD, conference zone); all days when absent"),
  areaId: areaId.optional().describe("One Mingle area; all areas when absent"),
});
export type AnalyticsFilter = z.infer<typeof analyticsQuery>;

export const CSV_TABLES = [
  "funnel",
  "cancellations",
  "held",
  "ratings",
  "meetings",
  "experts",
  "never-booked",
  "heatmap",
  "full-slots",
  "topics",
  "missed-searches",
  "labs",
  "lab-failures",
  "sessions",
] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export const analyticsExportQuery = analyticsQuery.extend({
  table: z.enum(CSV_TABLES, { error: `table is one of: ${CSV_TABLES.join(", ")}.` }),
});
export type AnalyticsExportQuery = z.infer<typeof analyticsExportQuery>;

const int = z.number().int();
const count = (what: string) => int.describe(what);
const person = z.object({ id: z.string(), name: z.string() });

export const funnelView = z.object({
  requests: count("Requests (one per session asked for)"),
  pending: int,
  accepted: count("Still agreed (status ACCEPTED)"),
  declined: int,
  expired: int,
  withdrawn: count("Taken back by the requester before an answer"),
  cancelled: count("Cancelled by anyone else, or after being agreed"),
  everAccepted: count("Agreed at some point (including those cancelled later)"),
  acceptanceRate: z.number().nullable().describe("everAccepted / decided requests (all but pending); null when none is decided"),
  answered: count("Requests the expert answered (accept, decline or another time)"),
  medianAnswerSeconds: z.number().nullable().describe("Median time from request to first answer"),
  proposals: count("Another time proposed"),
  reschedules: z.object({ requester: int, expert: int }),
  cancellations: z.array(z.object({ by: z.enum(["requester", "expert", "organizer", "system"]), afterAccepting: int, beforeAnswer: int })),
});

export const heldView = z.object({
  due: count("Agreed sessions whose slot has ended"),
  checkedInBoth: int,
  checkedInOne: int,
  checkedInNone: int,
  happenedYes: count('"Did it happen?" answered yes (answers, one per person)'),
  happenedNo: count('"Did it happen?" answered no'),
  confirmedByBoth: count("Sessions both people said happened"),
  noShows: count('Sessions with at least one "no": a no-show'),
  unanswered: count("Due sessions nobody answered"),
  ratings: z.array(z.object({ stars: int, count: int })).describe("1 to 5 stars"),
  ratingAverage: z.number().nullable(),
});

export const peopleView = z.object({
  attendees: int,
  meetingsPerAttendee: z.array(z.object({ meetings: z.string(), attendees: int })).describe('Agreed sessions per attendee; the last bucket is "10+"'),
  averageMeetings: z.number().nullable(),
  experts: z.array(z.object({ ...person.shape, received: int, accepted: int, declined: int, expired: int, pending: int, load: z.enum(["overloaded", "busy", "balanced"]) })),
  overloadedExperts: int,
  idleExperts: z.object({ count: int, sample: z.array(person) }).describe("People with an open offer who received no request"),
  neverBooked: z.object({ count: int, sample: z.array(person) }).describe("Attendees in no session at all, as requester or expert"),
});

export const tablesView = z.object({
  hours: z.array(int).describe("Local hours (conference zone) that have slots"),
  areas: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      tables: int,
      cells: z.array(z.object({ hour: int, booked: int, capacity: int, utilisation: z.number().nullable() })),
    }),
  ),
  fullSlots: z.array(z.object({ slotId: z.string(), startsAt: z.string(), label: z.string(), booked: int, tables: int, refusedNoTable: int })),
  refusedNoTable: count("Accepts and reschedules refused because every table was taken"),
});

export const topicsView = z.object({
  tags: z.array(
    z.object({
      tag: z.string(),
      label: z.string(),
      offers: int,
      offering: count("People whose profile offers the topic"),
      seeking: count("People whose profile seeks the topic"),
      requests: int,
      accepted: int,
      missedSearches: int,
      gap: count("Demand (seeking + requests + missed searches) minus supply (offers + offering)"),
    }),
  ),
  missedSearches: z.array(z.object({ query: z.string(), count: int, lastAt: z.string() })),
  missedSearchTotal: int,
});

export const labsView = z.object({
  rows: z.array(
    z.object({
      template: z.string(),
      engineId: z.string(),
      launched: int,
      ready: count("Reached READY (a shell)"),
      failed: int,
      lost: int,
      inSessions: int,
      medianSecondsToShell: z.number().nullable(),
    }),
  ),
  failures: z.array(z.object({ status: z.enum(["FAILED", "LOST"]), reason: z.string(), count: int })),
  launched: int,
});

export const analyticsView = z.object({
  conference: z.object({ name: z.string(), timeZone: z.string(), days: z.array(z.string()), areas: z.array(z.object({ id: z.string(), name: z.string() })) }),
  filter: z.object({ day: z.string().nullable(), areaId: z.string().nullable() }),
  generatedAt: z.string(),
  funnel: funnelView,
  held: heldView,
  people: peopleView,
  tables: tablesView,
  topics: topicsView,
  labs: labsView,
  notes: z.array(z.object({ section: z.string(), text: z.string() })).describe("Figures with no data source yet, and how each figure is counted"),
});
export type AnalyticsView = z.infer<typeof analyticsView>;
export type FunnelView = z.infer<typeof funnelView>;
export type HeldView = z.infer<typeof heldView>;
export type PeopleView = z.infer<typeof peopleView>;
export type TablesView = z.infer<typeof tablesView>;
export type TopicsView = z.infer<typeof topicsView>;
export type LabsView = z.infer<typeof labsView>;
