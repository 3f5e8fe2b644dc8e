import { Prisma, type Db } from "@/lib/db";
import { fail } from "@/lib/errors";

/**
 * The conference the app serves: the most recently started one (a deployment runs one at a time).
 * Every slice asks this one query; days are "YYYY-MM-DD" in the conference's own calendar.
 */
export interface CurrentConference {
  id: string;
  slug: string;
  name: string;
  venue: string;
  timeZone: string;
  startDate: string;
  endDate: string;
  slotMinutes: number;
  hours: Array<{ day: string; opensAt: string; closesAt: string }>;
}

/**
 * The current conference, or the one with `id` (a job that was handed one). One statement, the
 * hours as a JSON array: every booking operation asks this first, so it is one round trip, not two.
 */
export async function findCurrentConference(db: Db, id?: string): Promise<CurrentConference | null> {
  const [c] = await db.$queryRaw<CurrentConference[]>`
    SELECT c."id", c."slug", c."name", c."venue", c."timeZone", to_char(c."startDate", 'YYYY-MM-DD') AS "startDate",
           to_char(c."endDate", 'YYYY-MM-DD') AS "endDate", c."slotMinutes",
           coalesce((SELECT json_agg(json_build_object('day', to_char(h."day", 'YYYY-MM-DD'), 'opensAt', h."opensAt", 'closesAt', h."closesAt") ORDER BY h."day")
                       FROM "MingleHours" h WHERE h."conferenceId" = c."id"), '[]'::json) AS "hours"
      FROM "Conference" c
     WHERE ${id ? Prisma.sql`c."id" = ${id}` : Prisma.sql`TRUE`}
     ORDER BY c."startDate" DESC
     LIMIT 1`;
  return c ?? null;
}

/** The one answer when nothing is set up yet. */
export const noConference = () => fail("NOT_FOUND", "No conference is set up yet. An organizer can create one.");
