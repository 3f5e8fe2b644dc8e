import type { Db } from "@/lib/db";
import type { ConferenceView } from "./schema";

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The conference the app serves: the most recently started one (a deployment runs one at a time). */
export async function findCurrentConference(db: Db): Promise<ConferenceView | null> {
  const c = await db.conference.findFirst({
    orderBy: { startDate: "desc" },
    select: {
      id: true,
      slug: true,
      name: true,
      venue: true,
      timeZone: true,
      startDate: true,
      endDate: true,
      mingleHours: { select: { day: true, opensAt: true, closesAt: true }, orderBy: { day: "asc" } },
      areas: {
        select: { id: true, name: true, location: true, tables: { select: { id: true, label: true, seats: true }, orderBy: { label: "asc" } } },
        orderBy: { name: "asc" },
      },
    },
  });
  if (!c) return null;
  return {
    ...c,
    startDate: day(c.startDate),
    endDate: day(c.endDate),
    mingleHours: c.mingleHours.map((h) => ({ ...h, day: day(h.day) })),
  };
}
