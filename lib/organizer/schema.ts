import { z } from "zod";
import { isValidTimeZone, SLOT_LENGTHS, toDay } from "@/lib/booking/slots";
import { appLink } from "@/lib/notifications/schema";
import { multiLine, singleLine } from "@/lib/text-input";

const id = (what: string) => singleLine(what).min(1, `${what} is required.`).max(64, `${what} is at most 64 characters.`);
const day = z.string().refine((v) => toDay(v) !== null, "Use a date like 2026-04-18.");
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time like 09:30.");

export const conferenceUpdate = z.strictObject({
  name: singleLine("The conference name").min(1, "The conference needs a name.").max(120, "At most 120 characters."),
  venue: singleLine("The venue").max(200, "At most 200 characters.").default(""),
  timeZone: singleLine("Time zone").refine(isValidTimeZone, "Unknown time zone; use an IANA name such as America/Chicago."),
  startDate: day,
  endDate: day,
  slotMinutes: z.union(
    SLOT_LENGTHS.map((n) => z.literal(n)),
    { error: "Slots are 15, 20 or 30 minutes." },
  ),
});
export type ConferenceUpdate = z.infer<typeof conferenceUpdate>;

export const hoursUpdate = z.strictObject({
  hours: z.array(z.strictObject({ day, opensAt: hhmm, closesAt: hhmm })).max(31, "At most 31 days of mingle hours."),
});
export type HoursUpdate = z.infer<typeof hoursUpdate>;

const areaName = singleLine("An area name").min(1, "An area needs a name.").max(80, "An area name is at most 80 characters.");
const location = singleLine("A location").max(200, "A location is at most 200 characters.");
export const areaInput = z.strictObject({ name: areaName, location: location.default("") });
export const areaPatch = z.strictObject({ name: areaName.optional(), location: location.optional() });
export type AreaInput = z.infer<typeof areaInput>;
export type AreaPatch = z.infer<typeof areaPatch>;

const label = singleLine("A table label").min(1, "A table needs a label.").max(20, "A table label is at most 20 characters.");
const seats = z.number({ error: "Seats is a number from 1 to 12." }).int("Seats is a whole number.").min(1, "A table seats at least 1.").max(12, "A table seats at most 12.");
export const tableInput = z.strictObject({ label, seats: seats.default(2) });
export const tablePatch = z.strictObject({ label: label.optional(), seats: seats.optional(), areaId: id("areaId").optional() });
export type TableInput = z.infer<typeof tableInput>;
export type TablePatch = z.infer<typeof tablePatch>;

export const areaParams = z.strictObject({ areaId: id("areaId") });
export const tableParams = z.strictObject({ tableId: id("tableId") });

export const announcementInput = z.strictObject({
  to: z.union([z.literal("everyone"), z.email('Send to an attendee\'s email address, or "everyone".')]),
  title: singleLine("The title").min(1, "A notice needs a title.").max(140, "A title is at most 140 characters."),
  body: multiLine("The notice").max(1000, "At most 1000 characters.").default(""),
  link: appLink.optional(),
});
export type AnnouncementInput = z.infer<typeof announcementInput>;

// ---- views ------------------------------------------------------------------------------------

export const tableView = z.object({ id: z.string(), label: z.string(), seats: z.number().int(), liveSessions: z.number().int() });
export const areaView = z.object({ id: z.string(), name: z.string(), location: z.string(), tables: z.array(tableView) });
export type AreaView = z.infer<typeof areaView>;
export type TableView = z.infer<typeof tableView>;

export const setupView = z.object({
  id: z.string(),
  name: z.string(),
  venue: z.string(),
  timeZone: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  slotMinutes: z.number().int(),
  hours: z.array(z.object({ day: z.string(), opensAt: z.string(), closesAt: z.string() })),
  areas: z.array(areaView),
  slots: z.object({
    stored: z.number().int(),
    expected: z.number().int().describe("What the current hours and slot length generate"),
    upToDate: z.boolean(),
  }),
});
export type SetupView = z.infer<typeof setupView>;

export const announcementResult = z.object({ sent: z.number().int() });

const person = z.object({ id: z.string(), name: z.string() });
export const dashboardView = z.object({
  day: z.string().nullable().describe("The conference day shown (YYYY-MM-DD), null outside the conference"),
  timeZone: z.string(),
  counts: z.object({
    attendees: z.number().int(),
    offers: z.number().int(),
    pendingToday: z.number().int(),
    acceptedToday: z.number().int(),
    runningLabs: z.number().int(),
  }),
  grid: z.object({
    slots: z.array(z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string(), label: z.string(), pending: z.number().int() })),
    tables: z.array(z.object({ id: z.string(), label: z.string(), area: z.string() })),
    sessions: z.array(z.object({ id: z.string(), slotId: z.string(), tableId: z.string(), title: z.string(), requester: person, expert: person, checkedIn: z.number().int() })),
  }),
  audit: z.array(
    z.object({ id: z.string(), at: z.string(), actor: z.string(), action: z.string(), subjectType: z.string(), subjectId: z.string(), details: z.record(z.string(), z.unknown()) }),
  ),
});
export type DashboardView = z.infer<typeof dashboardView>;
