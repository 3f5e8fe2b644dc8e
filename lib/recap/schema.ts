import { z } from "zod";
import { singleLine } from "@/lib/text-input";

const id = (what: string) => singleLine(what).min(1, `${what} is required.`).max(64, `${what} is at most 64 characters.`);
export const recapSessionParams = z.strictObject({ sessionId: id("sessionId") });
export const recapPersonParams = z.strictObject({ userId: id("userId") });

const iso = z.string().describe("ISO 8601 instant (UTC)");

export const personCard = z.object({
  id: z.string(),
  name: z.string(),
  headline: z.string(),
  company: z.string().nullable(),
  email: z.string().nullable().describe("Only as the contact rule allows (lib/booking/contact-visibility.ts)"),
  profileUrl: z.string(),
  vcardUrl: z.string().nullable().describe("Null when the two did not meet (the session has not started, or someone said it did not happen)"),
});
export type PersonCard = z.infer<typeof personCard>;

const labUsed = z.object({ id: z.string(), template: z.string(), status: z.string(), at: iso, secondsToShell: z.number().nullable() });

export const recapSessionView = z.object({
  id: z.string(),
  startsAt: iso,
  endsAt: iso,
  when: z.string().describe("Start and end in the conference's zone"),
  title: z.string(),
  tags: z.array(z.string()),
  table: z.string().nullable(),
  area: z.string().nullable(),
  over: z.boolean(),
  happened: z.enum(["yes", "no", "unknown"]).describe('"no" when either person said it did not happen'),
  with: personCard,
  given: z.object({ checkedIn: z.boolean(), happened: z.boolean().nullable(), rating: z.number().int().nullable(), note: z.string().nullable() }),
  labs: z.array(labUsed),
});
export type RecapSessionView = z.infer<typeof recapSessionView>;

export const recapView = z.object({
  conference: z.object({ name: z.string(), timeZone: z.string() }),
  sessions: z.array(recapSessionView),
  people: z.array(personCard.extend({ sessions: z.number().int() })),
  labs: z.array(labUsed.extend({ sessionId: z.string().nullable() })),
  totals: z.object({ sessions: z.number().int(), people: z.number().int(), labs: z.number().int(), ratingsGiven: z.number().int(), notesGiven: z.number().int() }),
  notes: z.array(z.string()),
});
export type RecapView = z.infer<typeof recapView>;
