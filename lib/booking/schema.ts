import { z } from "zod";
import { MESSAGE_MAX, REASON_MAX } from "./rules";
import { isValidTimeZone, SLOT_LENGTHS, toDay } from "./slots";

/**
 * Shapes of every booking input at the edge. Limits come from rules.ts so the API and the rules
 * can never disagree; semantic checks (is this slot in mingle hours?) stay in slots.ts/rules.ts.
 */

const id = (what: string) =>
  z.string({ error: `${what} is required.` }).trim().min(1, `${what} is required.`).max(64, `${what} is at most 64 characters.`);

/** An instant with an explicit offset ("2026-04-18T19:30:00Z" or "...+02:00"), parsed to a Date. */
const instant = (what: string) =>
  z.iso
    .datetime({ offset: true, error: `${what} must be an ISO date-time with a time zone, e.g. 2026-04-18T19:30:00Z.` })
    .transform((v) => new Date(v));

const day = z
  .string()
  .refine((v) => toDay(v) !== null, "Use a date like 2026-04-18.");

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time like 09:30.");

/** Counted in characters (code points) like rules.checkReason, so an emoji counts once. */
const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .refine((v) => [...v].length <= max, `Keep the ${what} to ${max} characters.`);

const reason = text(REASON_MAX, "reason");
const message = text(MESSAGE_MAX, "message");

export const requestSession = z.strictObject({
  offerId: id("offerId"),
  slotStart: instant("slotStart"),
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
  label: z.string().trim().min(1, "A table needs a label.").max(20, "A table label is at most 20 characters."),
  seats: z.number().int().min(2, "A table seats at least 2.").max(12, "A table seats at most 12.").default(2),
});

const areaSetup = z
  .strictObject({
    name: z.string().trim().min(1, "An area needs a name.").max(80, "An area name is at most 80 characters."),
    location: z.string().trim().max(200, "A location is at most 200 characters.").default(""),
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
    timeZone: z.string().refine(isValidTimeZone, "Unknown time zone; use an IANA name such as America/Chicago.").optional(),
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
