import { z } from "zod";

export const conferenceView = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  venue: z.string(),
  timeZone: z.string(),
  startDate: z.string().describe("YYYY-MM-DD, in the conference's time zone"),
  endDate: z.string(),
  mingleHours: z.array(z.object({ day: z.string(), opensAt: z.string(), closesAt: z.string() })),
  areas: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      location: z.string(),
      tables: z.array(z.object({ id: z.string(), label: z.string(), seats: z.number().int() })),
    }),
  ),
});
export type ConferenceView = z.infer<typeof conferenceView>;
