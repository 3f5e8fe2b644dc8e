import { z } from "zod";
import { multiLine, singleLine } from "@/lib/text-input";
import { MESSAGE_MAX, REASON_MAX, SESSION_ACTIONS, SESSION_STATUSES } from "./rules";
import { isValidTimeZone, SLOT_LENGTHS, toDay } from "./slots";

/**
 * Shapes of every booking input at the edge. Limits come from rules.ts so the API and the rules
 * can never disagree; semantic checks (is this slot in mingle hours?) stay in slots.ts/rules.ts.
 */

const id = (what: string) =>
  singleLine(what, { error: `${what} is required.` })
    .min(1, `${what} is required.`)
    .max(64, `${what} is at most 64 characters.`);

/** An instant with an explicit offset ("2026-04-18T19:30:00Z" or "...+02:00"), parsed to a Date. */
const instant = (what: string) =>
  z.iso.datetime({ offset: true, error: `${what} must be an ISO date-time with a time zone, e.g. 2026-04-18T19:30:00Z.` }).transform((v) => new Date(v));

const day = z.string().refine((v) => toDay(v) !== null, "Use a date like 2026-04-18.");

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time like 09:30.");

/** Counted in characters (code points) like rules.checkReason, so an emoji counts once. */
const text = (max: number, what: string) => multiLine(`The ${what}`).refine((v) => [...v].length <= max, `Keep the ${what} to ${max} characters.`);

const reason = text(REASON_MAX, "reason");
const message = text(MESSAGE_MAX, "message");

export const requestSession = z.strictObject({
  offerId: id("offerId"),
  slotStart: instant("slotStart"),
  /** The slot's id as listed by free-slots; when given it must belong to this conference and start at slotStart. */
  slotId: id("slotId").optional(),
  message: message.optional(),
});
export type RequestSessionInput = z.infer<typeof requestSession>;

export const respondToRequest = z.discriminatedUnion(
  "action",
  [
    z.strictObject({ action: z.literal("accept") }),
    z.strictObject({ action: z.literal("decline"), reason: reason.optional() }),
    z.strictObject({
      action: z.literal("propose"),
      slotStart: instant("slotStart"),
      message: message.optional(),
    }),
  ],
  { error: 'action is one of "accept", "decline" or "propose".' },
);
export type RespondInput = z.infer<typeof respondToRequest>;

/** Whether a reason is required depends on the state (rules.cancel); here only its shape. */
export const cancelSession = z.strictObject({ reason: reason.optional() });
export type CancelInput = z.infer<typeof cancelSession>;

export const AVAILABILITY_PRESETS = ["WHOLE_DAY", "HALF_DAY_AM", "HALF_DAY_PM"] as const;

export const availabilityUpdate = z.discriminatedUnion(
  "mode",
  [
    z.strictObject({
      mode: z.literal("slots"),
      /** The full set of slot starts the person is available for; replaces the previous set. */
      slotStarts: z.array(instant("Each slot start")).max(500, "At most 500 slots at once."),
    }),
    z.strictObject({
      mode: z.literal("preset"),
      day,
      preset: z.enum(AVAILABILITY_PRESETS, { error: "preset is WHOLE_DAY, HALF_DAY_AM or HALF_DAY_PM." }),
      available: z.boolean().default(true),
    }),
  ],
  { error: 'mode is "slots" or "preset".' },
);
export type AvailabilityUpdateInput = z.infer<typeof availabilityUpdate>;

const tableSetup = z.strictObject({
  label: singleLine("A table label").min(1, "A table needs a label.").max(20, "A table label is at most 20 characters."),
  seats: z.number().int().min(2, "A table seats at least 2.").max(12, "A table seats at most 12.").default(2),
});

const areaSetup = z
  .strictObject({
    name: singleLine("An area name").min(1, "An area needs a name.").max(80, "An area name is at most 80 characters."),
    location: singleLine("A location").max(200, "A location is at most 200 characters.").default(""),
    tables: z.array(tableSetup).min(1, "An area needs at least one table.").max(200, "At most 200 tables per area."),
  })
  .superRefine((area, ctx) => {
    const seen = new Set<string>();
    area.tables.forEach((t, i) => {
      const key = t.label.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["tables", i, "label"], message: `Table "${t.label}" appears twice.` });
      seen.add(key);
    });
  });

export const organizerSetup = z
  .strictObject({
    timeZone: singleLine("Time zone").refine(isValidTimeZone, "Unknown time zone; use an IANA name such as America/Chicago.").optional(),
    slotMinutes: z.union(
      SLOT_LENGTHS.map((n) => z.literal(n)),
      { error: "slotMinutes is 15, 20 or 30." },
    ),
    hours: z
      .array(z.strictObject({ day, opensAt: hhmm, closesAt: hhmm }))
      .max(31, "At most 31 days of mingle hours.")
      .optional(),
    areas: z.array(areaSetup).max(50, "At most 50 areas.").optional(),
  })
  .superRefine((setup, ctx) => {
    const areas = new Set<string>();
    setup.areas?.forEach((a, i) => {
      const key = a.name.toLowerCase();
      if (areas.has(key)) ctx.addIssue({ code: "custom", path: ["areas", i, "name"], message: `Area "${a.name}" appears twice.` });
      areas.add(key);
    });
  });
export type OrganizerSetupInput = z.infer<typeof organizerSetup>;

export const sessionParams = z.strictObject({ sessionId: id("sessionId") });

// ---------------------------------------------------------------------------------------------
// The other edges: query strings, path parameters and the views the API answers with.

export const rescheduleSession = z.strictObject({
  slotStart: instant("slotStart"),
  reason: reason.optional(),
});
export type RescheduleInput = z.infer<typeof rescheduleSession>;

export const feedbackInput = z
  .strictObject({
    happened: z.boolean().optional(),
    rating: z.number().int("rating is a whole number.").min(1, "rating is 1 to 5.").max(5, "rating is 1 to 5.").optional(),
    note: text(REASON_MAX, "note").optional(),
  })
  .refine((v) => v.happened !== undefined || v.rating !== undefined || v.note !== undefined, "Send happened, rating or note.");
export type FeedbackInput = z.infer<typeof feedbackInput>;

export const reassignTable = z.strictObject({ tableId: id("tableId"), reason: reason.optional() });
export type ReassignTableInput = z.infer<typeof reassignTable>;

export const organizerCancel = z.strictObject({ reason });
export type OrganizerCancelInput = z.infer<typeof organizerCancel>;

export const viewerQuery = z.object({
  /** The viewer's IANA zone (the browser's); the session times then read in both zones. */
  tz: singleLine("tz").max(64).refine(isValidTimeZone, "Unknown time zone; use an IANA name such as Europe/Berlin.").optional(),
});

export const mySessionsQuery = viewerQuery.extend({
  scope: z.enum(["upcoming", "past", "all"]).default("upcoming"),
});

export const slotsQuery = z.object({ day: day.optional() });

export const freeSlotsParams = z.strictObject({ userId: id("userId") });
export const freeSlotsQuery = z.object({ day: day.optional() });

export const feedTokenParams = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{16,128}(\.ics)?$/, "Not a calendar feed address."),
});

export const organizerSessionsQuery = viewerQuery.extend({ day: day.optional() });

const iso = z.string().describe("ISO 8601 instant (UTC)");

export const slotView = z.object({ id: z.string(), startsAt: iso, endsAt: iso, day: z.string() });
export type SlotView = z.infer<typeof slotView>;

export const slotListView = z.object({
  conferenceId: z.string(),
  timeZone: z.string(),
  slotMinutes: z.number().int(),
  slots: z.array(slotView),
});
export type SlotListView = z.infer<typeof slotListView>;

export const availabilityView = z.object({
  conferenceId: z.string(),
  timeZone: z.string(),
  slotMinutes: z.number().int(),
  slots: z.array(
    slotView.extend({
      available: z.boolean(),
      /** A live session (pending or accepted) of this person occupies the slot. */
      busy: z.boolean(),
      past: z.boolean().describe("No longer bookable: over, or running with less than the walk-up minimum left"),
    }),
  ),
});
export type AvailabilityView = z.infer<typeof availabilityView>;

export const freeSlotsView = z.object({
  expertId: z.string(),
  timeZone: z.string(),
  slots: z.array(slotView.extend({ label: z.string() })),
});
export type FreeSlotsView = z.infer<typeof freeSlotsView>;

const person = z.object({ id: z.string(), name: z.string() });

export const sessionView = z.object({
  id: z.string(),
  status: z.enum(["PENDING", "ACCEPTED", "DECLINED", "CANCELLED", "EXPIRED"]),
  awaiting: z.enum(["REQUESTER", "EXPERT"]),
  myRole: z.enum(["REQUESTER", "EXPERT"]).nullable().describe("null when an organizer looks at someone else's session"),
  myTurn: z.boolean().describe("A pending request waits for my answer"),
  phase: z.enum(["upcoming", "now", "past"]),
  offer: z.object({ id: z.string(), title: z.string(), labTemplate: z.string().nullable() }),
  requester: person,
  expert: person,
  other: person.nullable(),
  slot: z.object({ id: z.string(), startsAt: iso, endsAt: iso }),
  timeLabel: z.string().describe('e.g. "Sat 18 Apr, 14:30–14:50 (Chicago) · 21:30 your time"'),
  table: z.object({ id: z.string(), label: z.string(), area: z.object({ id: z.string(), name: z.string(), location: z.string() }) }).nullable(),
  holdExpiresAt: iso.nullable(),
  proposalCount: z.number().int(),
  sequence: z.number().int(),
  message: z.string().nullable(),
  closedReason: z.string().nullable(),
  checkIn: z.object({ me: iso.nullable(), other: iso.nullable() }),
  feedback: z.object({ happened: z.boolean().nullable(), rating: z.number().int().nullable(), note: z.string().nullable() }),
  noShow: z.boolean().describe('Someone answered "no" to "did it happen?"'),
  canOpenLab: z.boolean(),
  checkInOpensAt: iso.describe('"We\'re here" can be tapped from this instant until the slot ends (accepted sessions)'),
  icsUrl: z.string(),
});
export type SessionView = z.infer<typeof sessionView>;

export const sessionListView = z.object({ sessions: z.array(sessionView) });
export type SessionListView = z.infer<typeof sessionListView>;

const sessionStatus = z.enum(SESSION_STATUSES);

/** A session's history: every change of its state, oldest first (participants and organizers only). */
export const sessionHistoryView = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      at: iso,
      atLabel: z.string().describe("When, in the viewer's zone (else the conference's), e.g. \"Sat 18 Apr, 14:31\""),
      action: z.enum(SESSION_ACTIONS),
      actor: person.nullable().describe("null when Mingle itself acted (a hold ran out)"),
      from: sessionStatus.nullable(),
      to: sessionStatus,
      text: z.string().describe('e.g. "Bob accepted the request — table T4"'),
    }),
  ),
});
export type SessionHistoryView = z.infer<typeof sessionHistoryView>;

export const availableNowView = z.object({
  conferenceId: z.string(),
  timeZone: z.string(),
  current: slotView.nullable(),
  next: slotView.nullable(),
  walkupUntil: iso.nullable().describe("Until when the running slot can still be requested (a walk-up); null when it cannot"),
  tables: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      area: z.object({ id: z.string(), name: z.string(), location: z.string() }),
      freeNow: z.boolean(),
      freeNext: z.boolean(),
    }),
  ),
  experts: z.array(
    person.extend({
      headline: z.string(),
      freeNow: z.boolean(),
      freeNext: z.boolean(),
      offers: z.array(z.object({ id: z.string(), title: z.string() })),
    }),
  ),
});
export type AvailableNowView = z.infer<typeof availableNowView>;

export const calendarFeedView = z.object({
  url: z.string().nullable().describe("Private subscribe URL; null when no feed exists (or it was revoked)"),
  createdAt: iso.nullable(),
});
export type CalendarFeedView = z.infer<typeof calendarFeedView>;

export const labLaunchView = z.object({ labId: z.string(), expiresAt: iso, url: z.string() });
export type LabLaunchView = z.infer<typeof labLaunchView>;

export const slotSyncView = z.object({
  slotMinutes: z.number().int(),
  created: z.number().int(),
  removed: z.number().int(),
  kept: z.number().int(),
  total: z.number().int(),
});
export type SlotSyncView = z.infer<typeof slotSyncView>;

export const sweepView = z.object({ expired: z.number().int(), reminded: z.number().int() });
